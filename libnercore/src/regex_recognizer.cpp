// SPDX-License-Identifier: MIT
// File: regex_recognizer.cpp
#include "nercore/regex_recognizer.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "detail/tsv.hpp"
#include "nercore/text.hpp"

namespace nercore {

struct RegexRecognizer::Impl {
  std::vector<RuleInfo> rules;
  std::vector<std::unique_ptr<RE2>> compiled;
  std::vector<int> group;  // capture group of the mention span, 0 = whole match
  // Every rule in one RE2::Set: one DFA pass per line tells which rules match in it, so that only
  // those run, and only over that line. Exact because no rule can match a line feed (checked when
  // compiling: a rule that might is run over the whole text instead). Null if it did not compile.
  std::unique_ptr<RE2::Set> set;
  std::vector<bool> may_cross_lines;
};

namespace {

// True if the pattern might match a line feed. Conservative: any construct that could stands for
// one (., negated or POSIX classes, \s and the other escapes except \d \w \b \B \A \z,
// \x other than \x{00A0}, \p{Z..} and \p{C..}) counts, and so does matching "\n" alone.
bool may_match_line_feed(const RE2& re) {
  const std::string& p = re.pattern();
  if (RE2::PartialMatch("\n", re)) return true;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\n' || c == '.') return true;
    if (c == '[' && i + 1 < p.size() && (p[i + 1] == '^' || p[i + 1] == ':')) return true;
    if (c != '\\' || i + 1 >= p.size()) continue;
    const char d = p[i + 1];
    if (d == 'x') {
      if (p.compare(i, 8, "\\x{00A0}") != 0) return true;
      i += 7;
      continue;
    }
    if (d == 'p') {
      if (i + 3 >= p.size() || p[i + 2] != '{' || p[i + 3] == 'Z' || p[i + 3] == 'C' || p[i + 3] == '^')
        return true;
      ++i;
      continue;
    }
    const bool letter_or_digit = (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9');
    if (letter_or_digit && d != 'd' && d != 'w' && d != 'b' && d != 'B' && d != 'A' && d != 'z') return true;
    ++i;  // an escaped punctuation character stands for itself
  }
  return false;
}

}  // namespace

RegexRecognizer::RegexRecognizer() : impl_(std::make_shared<Impl>()) {}

const std::vector<RuleInfo>& RegexRecognizer::rules() const noexcept { return impl_->rules; }

Result<RegexRecognizer> RegexRecognizer::from_file(const std::filesystem::path& file) {
  auto text = detail::read_file(file);
  if (!text) return text.error();
  return from_text(*text, file.string());
}

Result<RegexRecognizer> RegexRecognizer::from_text(std::string_view text, std::string_view source) {
  auto impl = std::make_shared<Impl>();
  auto st = detail::for_each_row(text, source, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() < 3 || f.size() > 4)
      return detail::make_error(ErrorCode::parse, fmt::format("expected 3 or 4 columns (id, type, pattern, options), found {}", f.size()), source, line);
    RuleInfo r;
    r.id = std::string(f[0]);
    auto type = parse_entity_type(f[1]);
    if (!type)
      return detail::make_error(ErrorCode::unknown_type, fmt::format("unknown entity type '{}'", f[1]), source, line);
    r.type = *type;
    r.pattern = std::string(f[2]);
    r.source = fmt::format("{}:{}", source, line);
    for (const auto& other : impl->rules)
      if (other.id == r.id)
        return detail::make_error(ErrorCode::duplicate_id, fmt::format("duplicate rule id '{}' (first at {})", r.id, other.source), source, line);
    if (f.size() == 4)
      for (auto kv : detail::split_list(f[3], ';')) {
        auto eq = kv.find('=');
        std::string_view k = eq == std::string_view::npos ? kv : kv.substr(0, eq);
        std::string_view v = eq == std::string_view::npos ? std::string_view() : kv.substr(eq + 1);
        if (k == "priority") {
          try { r.priority = std::stoi(std::string(v)); } catch (...) {
            return detail::make_error(ErrorCode::parse, fmt::format("priority '{}' is not a number", v), source, line);
          }
        } else if (k == "not_after" && !v.empty()) {
          for (auto w : detail::split_list(v, '|'))
            if (std::string f = fold(detail::trim(w)); !f.empty()) r.not_after.push_back(std::move(f));
        } else if (k == "kind" && (v == "name" || v == "descriptor")) {
          r.kind = v == "name" ? MentionKind::name : MentionKind::descriptor;
        } else {
          return detail::make_error(ErrorCode::parse, fmt::format("unknown option '{}' (priority=N, kind=name|descriptor, not_after=WORD|WORD)", kv), source, line);
        }
      }
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_max_mem(8 << 20);  // bounds the DFA memory of one rule
    auto re = std::make_unique<RE2>(r.pattern, opt);
    if (!re->ok()) {
      std::string why = re->error();
      if (re->error_code() == RE2::ErrorPatternTooLarge)
        why += " (a rule may compile to at most 8 MB; use fewer or smaller repetitions)";
      else if (!re->error_arg().empty())
        why += fmt::format(" (at '{}')", re->error_arg());
      return detail::make_error(ErrorCode::bad_pattern,
                                fmt::format("rule '{}': bad pattern: {}", r.id, why), source, line);
    }
    int group = 0;
    const auto& names = re->NamedCapturingGroups();
    if (auto it = names.find("name"); it != names.end()) group = it->second;
    impl->rules.push_back(std::move(r));
    impl->compiled.push_back(std::move(re));
    impl->group.push_back(group);
    return Ok{};
  });
  if (!st) return st.error();
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
  bool ok = true;
  for (std::size_t r = 0; r < impl->compiled.size(); ++r) {
    impl->may_cross_lines.push_back(may_match_line_feed(*impl->compiled[r]));
    ok = ok && set->Add(impl->rules[r].pattern, nullptr) == static_cast<int>(r);
  }
  if (ok && !impl->compiled.empty() && set->Compile()) impl->set = std::move(set);
  return RegexRecognizer(std::move(impl));
}

namespace {

// Whether the word right before byte `at` of `text` (spaces, NBSP and narrow NBSP between) is one
// of `words` (folded).
bool after_word(std::string_view text, std::size_t at, const std::vector<std::string>& words) {
  std::size_t end = at;
  while (end > 0) {
    if (text[end - 1] == ' ' || text[end - 1] == '\t') --end;
    else if (end >= 2 && text.substr(end - 2, 2) == "\xC2\xA0") end -= 2;
    else if (end >= 3 && text.substr(end - 3, 3) == "\xE2\x80\xAF") end -= 3;
    else break;
  }
  std::size_t begin = end;  // back over the word's bytes: anything but ASCII spaces and punctuation
  while (begin > 0) {
    const auto c = static_cast<unsigned char>(text[begin - 1]);
    if (c < 0x80 && !std::isalnum(c)) break;
    --begin;
  }
  if (begin == end) return false;
  const std::string w = fold(text.substr(begin, end - begin));
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Appends the non-overlapping matches of `re` that start in [from, to) of `text`, leftmost first,
// but those right after a word of `not_after`.
void match_rule(const RE2& re, int g, std::uint32_t r, const std::vector<std::string>& not_after,
                std::string_view text, std::size_t from, std::size_t to, std::vector<re2::StringPiece>& sub,
                std::vector<RuleMatch>& out) {
  sub.assign(static_cast<std::size_t>(g) + 1, re2::StringPiece());
  std::size_t pos = from;
  const re2::StringPiece input(text.data(), text.size());
  while (pos <= to) {
    if (!re.Match(input, pos, to, RE2::UNANCHORED, sub.data(), g + 1)) break;
    const auto whole_end = static_cast<std::size_t>(sub[0].data() - text.data()) + sub[0].size();
    if (sub[g].data() != nullptr && !sub[g].empty() &&
        (not_after.empty() || !after_word(text, static_cast<std::size_t>(sub[g].data() - text.data()), not_after))) {
      auto b = static_cast<std::uint32_t>(sub[g].data() - text.data());
      out.push_back({{b, b + static_cast<std::uint32_t>(sub[g].size())}, r});
    }
    pos = whole_end > pos ? whole_end : pos + 1;
  }
}

}  // namespace

std::vector<RuleMatch> RegexRecognizer::match(std::string_view text) const {
  std::vector<RuleMatch> out;
  const Impl& im = *impl_;
  const std::size_t rules = im.compiled.size();
  std::vector<re2::StringPiece> sub;
  if (!im.set) {
    for (std::uint32_t r = 0; r < rules; ++r)
      match_rule(*im.compiled[r], im.group[r], r, im.rules[r].not_after, text, 0, text.size(), sub, out);
  } else {
    // The matches of each rule, in text order; concatenated in rule order below, which is the order
    // in which a whole-text pass per rule finds them (the sort below is not stable).
    std::vector<std::vector<RuleMatch>> per_rule(rules);
    for (std::uint32_t r = 0; r < rules; ++r)
      if (im.may_cross_lines[r])
        match_rule(*im.compiled[r], im.group[r], r, im.rules[r].not_after, text, 0, text.size(), sub, per_rule[r]);
    std::vector<int> hits;
    std::size_t line = 0;
    while (line < text.size()) {
      std::size_t nl = text.find('\n', line);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      if (end > line) {
        hits.clear();
        // No rule can match a line feed, so a match of the whole text lies inside one line.
        RE2::Set::ErrorInfo error{};
        const bool any = im.set->Match(re2::StringPiece(text.data() + line, end - line), &hits, &error);
        if (error.kind != RE2::Set::kNoError) {
          // The set's DFA gave up (out of memory on a huge line): every rule runs on the line.
          hits.clear();
          for (std::uint32_t r = 0; r < rules; ++r) hits.push_back(static_cast<int>(r));
        }
        if (any || !hits.empty()) {
          std::sort(hits.begin(), hits.end());
          for (int h : hits) {
            const auto r = static_cast<std::uint32_t>(h);
            if (!im.may_cross_lines[r])
              match_rule(*im.compiled[r], im.group[r], r, im.rules[r].not_after, text, line, end, sub, per_rule[r]);
          }
        }
      }
      line = end + 1;
    }
    for (auto& v : per_rule) out.insert(out.end(), v.begin(), v.end());
  }
  std::sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
  return out;
}

}  // namespace nercore
