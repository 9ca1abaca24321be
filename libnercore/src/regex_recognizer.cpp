// SPDX-License-Identifier: MIT
// File: regex_recognizer.cpp
#include "nercore/regex_recognizer.hpp"

#include <re2/re2.h>

#include <fmt/format.h>

#include <algorithm>

#include "detail/tsv.hpp"

namespace nercore {

struct RegexRecognizer::Impl {
  std::vector<RuleInfo> rules;
  std::vector<std::unique_ptr<RE2>> compiled;
  std::vector<int> group;  // capture group of the mention span, 0 = whole match
};

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
        } else if (k == "kind" && (v == "name" || v == "descriptor")) {
          r.kind = v == "name" ? MentionKind::name : MentionKind::descriptor;
        } else {
          return detail::make_error(ErrorCode::parse, fmt::format("unknown option '{}' (priority=N, kind=name|descriptor)", kv), source, line);
        }
      }
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_max_mem(8 << 20);  // bounds the DFA memory of one rule
    auto re = std::make_unique<RE2>(r.pattern, opt);
    if (!re->ok())
      return detail::make_error(ErrorCode::bad_pattern,
                                fmt::format("rule '{}': bad pattern: {} (at '{}')", r.id, re->error(), re->error_arg()),
                                source, line);
    int group = 0;
    const auto& names = re->NamedCapturingGroups();
    if (auto it = names.find("name"); it != names.end()) group = it->second;
    impl->rules.push_back(std::move(r));
    impl->compiled.push_back(std::move(re));
    impl->group.push_back(group);
    return Ok{};
  });
  if (!st) return st.error();
  return RegexRecognizer(std::move(impl));
}

std::vector<RuleMatch> RegexRecognizer::match(std::string_view text) const {
  std::vector<RuleMatch> out;
  const Impl& im = *impl_;
  for (std::uint32_t r = 0; r < im.compiled.size(); ++r) {
    const RE2& re = *im.compiled[r];
    const int g = im.group[r];
    std::vector<re2::StringPiece> sub(static_cast<std::size_t>(g) + 1);
    std::size_t pos = 0;
    const re2::StringPiece input(text.data(), text.size());
    while (pos <= text.size()) {
      if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, sub.data(), g + 1)) break;
      const auto whole_end = static_cast<std::size_t>(sub[0].data() - text.data()) + sub[0].size();
      if (sub[g].data() != nullptr && !sub[g].empty()) {
        auto b = static_cast<std::uint32_t>(sub[g].data() - text.data());
        out.push_back({{b, b + static_cast<std::uint32_t>(sub[g].size())}, r});
      }
      pos = whole_end > pos ? whole_end : pos + 1;
    }
  }
  std::sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
  return out;
}

}  // namespace nercore
