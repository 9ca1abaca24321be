// SPDX-License-Identifier: MIT
// File: gazetteer.cpp
// Loading entity files, offices and roles; compiling aliases into token tries; lint.
#include "nercore/gazetteer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <unordered_map>

#include "detail/token_trie.hpp"
#include "detail/tsv.hpp"
#include "detail/utf8.hpp"
#include "nercore/text.hpp"

namespace nercore {

std::string_view EntityRecord::attribute(std::string_view key) const noexcept {
  for (const auto& [k, v] : attributes)
    if (k == key) return v;
  return {};
}

namespace {

// Files of a gazetteer directory that are not entity files.
const std::set<std::string, std::less<>> kReservedFiles = {
    "offices.tsv", "roles.tsv", "relations.tsv", "modality.tsv", "rules.tsv", "grammar.tsv", "descriptors.tsv"};

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// YYYY, YYYY-MM or YYYY-MM-DD -> YYYY-MM-DD (start of the period if `end` is false, else its end).
std::optional<std::string> normalize_date(std::string_view d, bool end) {
  auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (d.size() == 4 && digits(d)) return std::string(d) + (end ? "-12-31" : "-01-01");
  if (d.size() == 7 && digits(d.substr(0, 4)) && d[4] == '-' && digits(d.substr(5, 2))) {
    int m = std::stoi(std::string(d.substr(5, 2)));
    if (m < 1 || m > 12) return std::nullopt;
    return std::string(d) + (end ? "-31" : "-01");
  }
  if (d.size() == 10 && digits(d.substr(0, 4)) && d[4] == '-' && digits(d.substr(5, 2)) &&
      d[7] == '-' && digits(d.substr(8, 2))) {
    int m = std::stoi(std::string(d.substr(5, 2))), day = std::stoi(std::string(d.substr(8, 2)));
    if (m < 1 || m > 12 || day < 1 || day > 31) return std::nullopt;
    return std::string(d);
  }
  return std::nullopt;
}

// Letters of a phrase: whether it has any, whether all are capitals, whether the first is one.
struct CaseShape {
  bool has_letter = false;
  bool all_upper = true;
  bool first_upper = false;
};

CaseShape case_shape(std::string_view s) {
  CaseShape cs;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    std::size_t len = detail::decode_utf8(s, i, cp);
    if (len == 0) len = 1;
    auto ci = detail::char_info(cp);
    if (ci.cls == detail::CharClass::word && !ci.digit) {
      if (!cs.has_letter) cs.first_upper = ci.upper;
      cs.has_letter = true;
      if (!ci.upper) cs.all_upper = false;
    }
    i += len;
  }
  if (!cs.has_letter) cs.all_upper = false;
  return cs;
}

}  // namespace

struct GazetteerBuilder::Impl {
  struct PendingAlias {
    std::string text;
    AliasInfo info;
  };
  struct PendingOffice {
    std::string of, office, holder, from, to, source;
    int line = 0;
  };
  struct PendingRole {
    std::string phrase, office, of, source;
    int line = 0;
  };
  std::vector<EntityRecord> entities;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<PendingAlias> aliases;
  std::vector<PendingOffice> offices;
  std::vector<PendingRole> roles;
  std::set<std::string, std::less<>> particles;
  std::set<std::string, std::less<>> first_names;
};

struct Gazetteer::Impl {
  std::vector<EntityRecord> entities;
  std::unordered_map<std::string, std::uint32_t, detail::StringHash, std::equal_to<>> ids;
  std::vector<AliasInfo> aliases;
  std::vector<OfficeTerm> offices;
  detail::TokenTrie names;
  std::vector<std::vector<std::uint32_t>> node_aliases;  // trie node -> aliases (longest first)
  detail::TokenTrie demonyms;
  std::vector<std::uint32_t> node_demonym;  // trie node -> entity, or kNone
  // Folded name particles (de, van, al...) and given names (firstnames.txt), as vocabularies: one
  // hash probe per lookup, none at all given a token's stored hash.
  detail::TokenTrie particles;
  detail::TokenTrie first_names;
};

// ---------------------------------------------------------------------------------------------
// GazetteerBuilder

GazetteerBuilder::GazetteerBuilder() : impl_(std::make_unique<Impl>()) {}
GazetteerBuilder::~GazetteerBuilder() = default;
GazetteerBuilder::GazetteerBuilder(GazetteerBuilder&&) noexcept = default;
GazetteerBuilder& GazetteerBuilder::operator=(GazetteerBuilder&&) noexcept = default;

Status GazetteerBuilder::add_entity(EntityRecord record, const std::vector<std::string>& aliases) {
  if (!valid_id(record.id))
    return Error{ErrorCode::parse, fmt::format("invalid id '{}': use lower-case ASCII letters, digits and _", record.id), record.source, 0};
  if (impl_->ids.count(record.id)) {
    const auto& first = impl_->entities[impl_->ids[record.id]];
    return Error{ErrorCode::duplicate_id,
                 fmt::format("duplicate id '{}' (first defined at {})", record.id,
                             first.source.empty() ? "code" : first.source),
                 record.source, 0};
  }
  auto index = static_cast<std::uint32_t>(impl_->entities.size());
  impl_->ids.emplace(record.id, index);
  const bool person = record.type == EntityType::person;
  auto add_alias = [&](std::string_view raw, bool metonym) {
    Impl::PendingAlias a;
    a.info.entity = index;
    a.info.source = record.source;
    a.info.metonym = metonym;
    std::string_view t = raw;
    while (!t.empty() && (t.front() == '~' || t.front() == '@' || t.front() == '^')) {
      if (t.front() == '~') a.info.short_form = true;
      else if (t.front() == '^') a.info.not_before_name = true;
      else a.info.kind = MentionKind::descriptor;
      t.remove_prefix(1);
    }
    a.text = std::string(t);
    a.info.text = a.text;
    // An acronym (every letter a capital, short) matches only text in capitals; other names
    // that start with a capital need a capital in the text.
    CaseShape cs = case_shape(t);
    a.info.acronym = cs.all_upper && cs.has_letter && t.size() <= 12;
    a.info.needs_capital = a.info.kind == MentionKind::name && !a.info.acronym && cs.first_upper;
    impl_->aliases.push_back(std::move(a));
  };
  add_alias(record.name, false);
  for (const auto& a : aliases) add_alias(a, false);
  for (const auto& [k, v] : record.attributes) {
    if (k == "capital")
      for (auto c : detail::split_list(v, '|')) add_alias(c, true);
    if (k == "demonym_noun")
      for (auto c : detail::split_list(v, '|')) add_alias(c, false);
  }
  // A person's last name is a short form of the full name.
  if (person) {
    auto words = detail::folded_words(record.name);
    if (words.size() >= 2) {
      std::string_view name = record.name;
      std::size_t sp = name.find_last_of(' ');
      if (sp != std::string_view::npos && sp + 1 < name.size()) {
        std::string last(name.substr(sp + 1));
        // no short form from a regnal number or suffix: "Charles III", "Marcos Jr"
        CaseShape cs = case_shape(last);
        if (cs.all_upper || last.size() < 3) last.clear();
        bool listed = last.empty();
        for (const auto& a : aliases) listed |= fold(a) == fold(last);
        if (!listed) add_alias("~" + last, false);
      }
    }
  }
  impl_->entities.push_back(std::move(record));
  return Ok{};
}

Status GazetteerBuilder::add_entity_text(std::string_view text, std::string_view source) {
  return detail::for_each_row(text, source, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() < 3 || f.size() > 5)
      return detail::make_error(ErrorCode::parse,
                                fmt::format("expected 3 to 5 TAB-separated columns (id, type, name, aliases, attributes), found {}", f.size()),
                                source, line);
    auto type = parse_entity_type(f[1]);
    if (!type)
      return detail::make_error(ErrorCode::unknown_type,
                                fmt::format("unknown entity type '{}' (PERSON, STATE, ORGANIZATION, LOCATION, BLOC)", f[1]),
                                source, line);
    if (f[2].empty() || f[2] == "-")
      return detail::make_error(ErrorCode::parse, "empty name", source, line);
    EntityRecord r;
    r.id = std::string(f[0]);
    r.type = *type;
    r.name = std::string(f[2]);
    r.source = fmt::format("{}:{}", source, line);
    std::vector<std::string> aliases;
    if (f.size() > 3)
      for (auto a : detail::split_list(f[3], '|')) aliases.emplace_back(a);
    if (f.size() > 4) {
      for (auto kv : detail::split_list(f[4], ';')) {
        auto eq = kv.find('=');
        if (eq == std::string_view::npos || eq == 0)
          return detail::make_error(ErrorCode::parse, fmt::format("attribute '{}' is not key=value", kv), source, line);
        r.attributes.emplace_back(std::string(detail::trim(kv.substr(0, eq))),
                                  std::string(detail::trim(kv.substr(eq + 1))));
      }
    }
    auto st = add_entity(std::move(r), aliases);
    if (!st) {
      Error e = st.error();
      e.source = std::string(source);
      e.line = line;
      return e;
    }
    return Ok{};
  });
}

Status GazetteerBuilder::add_entity_file(const std::filesystem::path& file) {
  auto text = detail::read_file(file);
  if (!text) return text.error();
  return add_entity_text(*text, file.string());
}

Status GazetteerBuilder::add_offices_text(std::string_view text, std::string_view source) {
  return detail::for_each_row(text, source, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() != 5)
      return detail::make_error(ErrorCode::parse,
                                fmt::format("expected 5 columns (holder_of, office, holder, from, to), found {}", f.size()),
                                source, line);
    Impl::PendingOffice o{std::string(f[0]), std::string(f[1]), std::string(f[2]),
                          std::string(f[3]), f[4] == "-" ? std::string() : std::string(f[4]),
                          std::string(source), line};
    auto from = normalize_date(o.from, false);
    if (!from) return detail::make_error(ErrorCode::bad_date, fmt::format("bad date '{}' (YYYY, YYYY-MM or YYYY-MM-DD)", o.from), source, line);
    if (!o.to.empty()) {
      auto to = normalize_date(o.to, true);
      if (!to) return detail::make_error(ErrorCode::bad_date, fmt::format("bad date '{}' (YYYY, YYYY-MM or YYYY-MM-DD)", o.to), source, line);
      if (*to < *from) return detail::make_error(ErrorCode::bad_date, fmt::format("term ends ({}) before it starts ({})", o.to, o.from), source, line);
    }
    impl_->offices.push_back(std::move(o));
    return Ok{};
  });
}

Status GazetteerBuilder::add_offices_file(const std::filesystem::path& file) {
  auto text = detail::read_file(file);
  if (!text) return text.error();
  return add_offices_text(*text, file.string());
}

Status GazetteerBuilder::add_roles_text(std::string_view text, std::string_view source) {
  return detail::for_each_row(text, source, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() < 2 || f.size() > 3)
      return detail::make_error(ErrorCode::parse, fmt::format("expected 2 or 3 columns (phrase, office, of), found {}", f.size()), source, line);
    Impl::PendingRole r{std::string(f[0]), std::string(f[1]),
                        f.size() > 2 && f[2] != "-" ? std::string(f[2]) : std::string(),
                        std::string(source), line};
    bool adj = r.phrase.find("{adj}") != std::string::npos;
    if (adj == !r.of.empty())
      return detail::make_error(ErrorCode::parse, "a phrase has either {adj} or an entity in column 3, not both or neither", source, line);
    impl_->roles.push_back(std::move(r));
    return Ok{};
  });
}

Status GazetteerBuilder::add_roles_file(const std::filesystem::path& file) {
  auto text = detail::read_file(file);
  if (!text) return text.error();
  return add_roles_text(*text, file.string());
}

Status GazetteerBuilder::add_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error{ErrorCode::io, "gazetteer directory not found or not a directory", dir.string(), 0};
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".tsv") files.push_back(e.path());
  if (ec) return Error{ErrorCode::io, "cannot list directory: " + ec.message(), dir.string(), 0};
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    if (kReservedFiles.count(f.filename().string())) continue;
    if (auto st = add_entity_file(f); !st) return st;
  }
  if (std::filesystem::exists(dir / "offices.tsv"))
    if (auto st = add_offices_file(dir / "offices.tsv"); !st) return st;
  if (std::filesystem::exists(dir / "roles.tsv"))
    if (auto st = add_roles_file(dir / "roles.tsv"); !st) return st;
  if (std::filesystem::exists(dir / "firstnames.txt")) {
    auto text = detail::read_file(dir / "firstnames.txt");
    if (!text) return text.error();
    auto st = detail::for_each_row(*text, (dir / "firstnames.txt").string(),
                                   [&](const std::vector<std::string_view>& f, int) -> Status {
                                     std::string key;
                                     for (auto& w : detail::folded_words(f[0])) key += (key.empty() ? "" : "-") + w;
                                     if (!key.empty()) impl_->first_names.insert(key);
                                     return Ok{};
                                   });
    if (!st) return st;
  }
  if (std::filesystem::exists(dir / "particles.txt")) {
    auto text = detail::read_file(dir / "particles.txt");
    if (!text) return text.error();
    auto st = detail::for_each_row(*text, (dir / "particles.txt").string(),
                                   [&](const std::vector<std::string_view>& f, int) -> Status {
                                     for (auto& w : detail::folded_words(f[0])) impl_->particles.insert(w);
                                     return Ok{};
                                   });
    if (!st) return st;
  }
  return Ok{};
}

std::vector<LintFinding> GazetteerBuilder::lint() const {
  std::vector<LintFinding> out;
  auto split_source = [](const std::string& s) -> std::pair<std::string, int> {
    auto c = s.rfind(':');
    if (c == std::string::npos) return {s, 0};
    try { return {s.substr(0, c), std::stoi(s.substr(c + 1))}; } catch (...) { return {s, 0}; }
  };
  std::map<std::string, std::vector<const Impl::PendingAlias*>> by_key;
  for (const auto& a : impl_->aliases) {
    auto words = detail::folded_words(a.text);
    if (words.empty()) {
      auto [f, l] = split_source(a.info.source);
      out.push_back({f, l, fmt::format("alias '{}' has no letters or digits and never matches", a.text)});
      continue;
    }
    if (a.info.short_form || a.info.kind != MentionKind::name) continue;
    std::string key;
    for (auto& w : words) key += w + " ";
    by_key[key].push_back(&a);
  }
  for (const auto& [key, list] : by_key) {
    std::set<std::uint32_t> ents;
    for (auto* a : list) ents.insert(a->info.entity);
    if (ents.size() < 2) continue;
    std::string names;
    for (auto e : ents) names += (names.empty() ? "" : ", ") + impl_->entities[e].id;
    auto [f, l] = split_source(list.back()->info.source);
    out.push_back({f, l, fmt::format("ambiguous alias '{}' is claimed by {}", list.back()->text, names)});
  }
  std::map<std::pair<std::string, std::string>, std::vector<const Impl::PendingOffice*>> terms;
  for (const auto& o : impl_->offices) terms[{o.of, o.office}].push_back(&o);
  for (auto& [key, list] : terms) {
    std::sort(list.begin(), list.end(), [](auto* a, auto* b) {
      return *normalize_date(a->from, false) < *normalize_date(b->from, false);
    });
    for (std::size_t i = 1; i < list.size(); ++i) {
      const auto* prev = list[i - 1];
      std::string prev_end = prev->to.empty() ? "9999-12-31" : *normalize_date(prev->to, true);
      std::string cur_from = *normalize_date(list[i]->from, false);
      // a hand-over on the same day is not an overlap
      if (prev_end > cur_from && prev->holder != list[i]->holder)
        out.push_back({list[i]->source, list[i]->line,
                       fmt::format("term of {} as {} of {} from {} overlaps the term of {} (line {})",
                                   list[i]->holder, key.second, key.first, list[i]->from,
                                   prev->holder, prev->line)});
    }
  }
  for (const auto& o : impl_->offices) {
    for (const auto* id : {&o.of, &o.holder})
      if (!impl_->ids.count(*id))
        out.push_back({o.source, o.line, fmt::format("unknown id '{}'", *id)});
  }
  return out;
}

Result<Gazetteer> GazetteerBuilder::build() && {
  auto impl = std::make_shared<Gazetteer::Impl>();
  Impl& b = *impl_;
  // Offices.
  for (const auto& o : b.offices) {
    auto of = b.ids.find(o.of);
    auto holder = b.ids.find(o.holder);
    if (of == b.ids.end())
      return detail::make_error(ErrorCode::bad_reference, fmt::format("unknown entity '{}'", o.of), o.source, o.line);
    if (holder == b.ids.end())
      return detail::make_error(ErrorCode::bad_reference, fmt::format("unknown holder '{}'", o.holder), o.source, o.line);
    impl->offices.push_back({of->second, o.office, holder->second, *normalize_date(o.from, false),
                             o.to.empty() ? std::string() : *normalize_date(o.to, true),
                             fmt::format("{}:{}", o.source, o.line)});
  }
  // Roles: expand {adj} with every demonym adjective.
  std::vector<std::pair<std::string, std::uint32_t>> adjectives;  // form, entity
  for (std::uint32_t e = 0; e < b.entities.size(); ++e)
    for (auto form : detail::split_list(b.entities[e].attribute("demonym"), '|'))
      adjectives.emplace_back(std::string(form), e);
  for (const auto& r : b.roles) {
    auto add = [&](const std::string& phrase, std::uint32_t of) {
      Impl::PendingAlias a;
      a.text = phrase;
      a.info.entity = of;
      a.info.kind = MentionKind::descriptor;
      a.info.office = r.office;
      a.info.text = phrase;
      a.info.source = fmt::format("{}:{}", r.source, r.line);
      b.aliases.push_back(std::move(a));
    };
    if (!r.of.empty()) {
      auto of = b.ids.find(r.of);
      if (of == b.ids.end())
        return detail::make_error(ErrorCode::bad_reference, fmt::format("unknown entity '{}'", r.of), r.source, r.line);
      add(r.phrase, of->second);
    } else {
      auto pos = r.phrase.find("{adj}");
      for (const auto& [form, e] : adjectives) {
        if (b.entities[e].type != EntityType::state) continue;
        std::string p = r.phrase;
        p.replace(pos, 5, form);
        add(p, e);
      }
    }
  }
  // Names trie.
  impl->entities = std::move(b.entities);  // the builder is consumed
  for (const auto& w : b.particles) impl->particles.insert({w});
  for (const auto& w : b.first_names) impl->first_names.insert({w});
  for (std::uint32_t e = 0; e < impl->entities.size(); ++e) impl->ids.emplace(impl->entities[e].id, e);
  impl->aliases.reserve(b.aliases.size());
  impl->node_aliases.reserve(b.aliases.size() + 1);
  // The (node, entity) pairs seen so far, in a flat open-addressing set: a node's list is scanned
  // for a duplicate only when its entity is already on it. Without it, a surname shared by
  // thousands of generated people made the build quadratic.
  std::vector<std::uint64_t> pairs(std::bit_ceil(2 * b.aliases.size() + 2), ~std::uint64_t{0});
  const std::size_t pair_mask = pairs.size() - 1;
  auto seen_before = [&](std::uint32_t node, std::uint32_t entity) {  // inserts; true if present
    const std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | entity;
    for (std::size_t i = (key * 0x9E3779B97F4A7C15ULL) >> 20 & pair_mask;; i = (i + 1) & pair_mask) {
      if (pairs[i] == key) return true;
      if (pairs[i] == ~std::uint64_t{0}) {
        pairs[i] = key;
        return false;
      }
    }
  };
  for (auto& a : b.aliases) {
    auto words = detail::folded_words(a.text);
    if (words.empty()) continue;
    std::uint32_t node = impl->names.insert(words);
    if (impl->node_aliases.size() <= node) impl->node_aliases.resize(node + 1);
    auto idx = static_cast<std::uint32_t>(impl->aliases.size());
    impl->aliases.push_back(std::move(a.info));  // the builder is consumed
    const AliasInfo& info = impl->aliases.back();
    auto& list = impl->node_aliases[node];
    // one alias per (entity, kind) and node; full forms before short forms
    bool dup = false;
    if (seen_before(node, info.entity))
      for (auto other : list) {
        auto& o = impl->aliases[other];
        if (o.entity == info.entity && o.kind == info.kind && o.office == info.office &&
            o.acronym == info.acronym) {
          dup = true;
          if (o.short_form && !info.short_form) o.short_form = false;
        }
      }
    if (!dup) list.push_back(idx);
  }
  std::vector<std::uint64_t>().swap(pairs);
  std::vector<Impl::PendingAlias>().swap(b.aliases);
  impl->node_aliases.resize(impl->names.num_nodes());
  // Demonyms trie.
  impl->node_demonym.assign(1, detail::TokenTrie::kNone);
  for (const auto& [form, e] : adjectives) {
    auto words = detail::folded_words(form);
    if (words.empty()) continue;
    std::uint32_t node = impl->demonyms.insert(words);
    if (impl->node_demonym.size() <= node) impl->node_demonym.resize(node + 1, detail::TokenTrie::kNone);
    if (impl->node_demonym[node] == detail::TokenTrie::kNone) impl->node_demonym[node] = e;
  }
  impl->node_demonym.resize(impl->demonyms.num_nodes(), detail::TokenTrie::kNone);
  return Gazetteer(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

Gazetteer::Gazetteer() : impl_(std::make_shared<Impl>()) {
  auto* im = const_cast<Impl*>(impl_.get());
  im->node_aliases.resize(1);
  im->node_demonym.assign(1, detail::TokenTrie::kNone);
}

const std::vector<EntityRecord>& Gazetteer::entities() const noexcept { return impl_->entities; }
const std::vector<AliasInfo>& Gazetteer::aliases() const noexcept { return impl_->aliases; }
const std::vector<OfficeTerm>& Gazetteer::offices() const noexcept { return impl_->offices; }

std::optional<std::uint32_t> Gazetteer::find(std::string_view id) const noexcept {
  auto it = impl_->ids.find(id);
  if (it == impl_->ids.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> Gazetteer::office_holder(std::uint32_t of, std::string_view office,
                                                      std::string_view date) const noexcept {
  auto lookup = [&](std::string_view off) -> std::optional<std::uint32_t> {
    std::optional<std::uint32_t> best;
    std::string_view best_from;
    for (const auto& t : impl_->offices) {
      if (t.of != of || t.office != off) continue;
      if (date < std::string_view(t.from)) continue;
      if (!t.to.empty() && date > std::string_view(t.to)) continue;
      if (!best || t.from > best_from) { best = t.holder; best_from = t.from; }
    }
    return best;
  };
  if (auto h = lookup(office)) return h;
  if (office == "leader") return lookup("head_of_state");
  return std::nullopt;
}

bool Gazetteer::is_first_name(std::string_view folded) const {
  return impl_->first_names.word_id(folded) != detail::TokenTrie::kNone;
}
bool Gazetteer::is_first_name(std::string_view folded, std::uint32_t hash) const {
  return impl_->first_names.word_id(folded, hash) != detail::TokenTrie::kNone;
}
bool Gazetteer::is_particle(std::string_view folded) const {
  return impl_->particles.word_id(folded) != detail::TokenTrie::kNone;
}

bool Gazetteer::followed_by_name(const Segmentation& seg, std::uint32_t t) const {
  const auto& toks = seg.tokens;
  for (int particles = 0; t < toks.size() && toks[t].sentence == toks[t - 1].sentence; ++t) {
    if (toks[t].is_joiner()) continue;
    if (!toks[t].is_word()) return false;
    if (toks[t].is_capitalized()) return true;
    if (particles++ > 0) return false;
    if (impl_->particles.word_id(seg.norm(t), detail::token_hash(seg, t)) == detail::TokenTrie::kNone) return false;
  }
  return false;
}

std::vector<GazetteerMatch> Gazetteer::match(const Segmentation& seg) const {
  std::vector<GazetteerMatch> out;
  const Impl& im = *impl_;
  im.names.walk(
      seg, [&](std::uint32_t node) { return node < im.node_aliases.size() && !im.node_aliases[node].empty(); },
      [&](std::uint32_t first, std::uint32_t last, std::uint32_t node) {
        for (std::uint32_t a : im.node_aliases[node]) {
          const AliasInfo& info = im.aliases[a];
          if (info.acronym) {
            bool caps = true;
            for (std::uint32_t t = first; t < last && caps; ++t)
              if (seg.tokens[t].is_word() && !seg.tokens[t].is_all_caps() &&
                  !(seg.tokens[t].flags & Token::kDigit))
                caps = false;
            if (!caps) continue;
          }
          if (info.needs_capital && !seg.tokens[first].is_capitalized()) continue;
          // `^Maurice`: the state, unless a name follows ("Maurice Druon", "Dominique de Villepin")
          if (info.not_before_name && followed_by_name(seg, last)) continue;
          // a short mixed-case name does not match a word in capitals: "Xi" is not "XI"
          if (!info.acronym && last == first + 1 && seg.tokens[first].is_all_caps() &&
              seg.tokens[first].span.size() <= 3)
            continue;
          out.push_back({first, last, {seg.tokens[first].span.begin, seg.tokens[last - 1].span.end}, a});
        }
      });
  // by first token, longest first
  std::stable_sort(out.begin(), out.end(), [](const GazetteerMatch& a, const GazetteerMatch& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  return out;
}

std::vector<GazetteerMatch> Gazetteer::match_demonyms(const Segmentation& seg) const {
  std::vector<GazetteerMatch> all, out;
  const Impl& im = *impl_;
  im.demonyms.walk(
      seg, [&](std::uint32_t node) { return im.node_demonym[node] != detail::TokenTrie::kNone; },
      [&](std::uint32_t first, std::uint32_t last, std::uint32_t node) {
        all.push_back({first, last, {seg.tokens[first].span.begin, seg.tokens[last - 1].span.end},
                       im.node_demonym[node]});
      });
  std::stable_sort(all.begin(), all.end(), [](const GazetteerMatch& a, const GazetteerMatch& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  std::uint32_t covered = 0;
  for (const auto& m : all) {
    if (m.first < covered) continue;
    out.push_back(m);
    covered = m.last;
  }
  return out;
}

}  // namespace nercore
