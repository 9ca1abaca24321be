// SPDX-License-Identifier: MIT
// File: gazetteer.cpp
// Loading entity files, offices and roles; compiling aliases into token tries; lint.
#include "nercore/gazetteer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <optional>
#include <span>
#include <utility>

#include <unistd.h>

#include "detail/hash_slots.hpp"
#include "detail/snapshot.hpp"
#include "detail/string_arena.hpp"
#include "detail/token_trie.hpp"
#include "detail/tsv.hpp"
#include "detail/utf8.hpp"
#include "nercore/text.hpp"
#include "nercore/version.hpp"

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

// An alias with context words, "[roi] Charles": the bracketed words and the name after them,
// trimmed; std::nullopt when the alias does not start with "[" or has no "]".
struct ContextAlias {
  std::string_view context, name;
};
std::optional<ContextAlias> split_context(std::string_view alias) {
  if (alias.empty() || alias.front() != '[') return std::nullopt;
  const auto close = alias.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  return ContextAlias{detail::trim(alias.substr(1, close - 1)), detail::trim(alias.substr(close + 1))};
}

}  // namespace

struct Gazetteer::Impl {
  /// Index of the entity with this id.
  std::optional<std::uint32_t> find(std::string_view id) const {
    const std::uint32_t e = ids.find(id_hash(id), [&](std::uint32_t x) { return entities[x].id == id; });
    return e == detail::HashSlots::kNone ? std::nullopt : std::optional<std::uint32_t>(e);
  }
  /// Adds the last entity to the index by id (its id is not there yet).
  void index_last() {
    const auto e = static_cast<std::uint32_t>(entities.size() - 1);
    ids.insert(id_hash(entities[e].id), e);
  }
  static std::uint32_t id_hash(std::string_view id) {
    const std::uint64_t h = std::hash<std::string_view>{}(id);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  std::vector<EntityRecord> entities;
  // Entity index by id; the ids stay in the records (an unordered_map held a second copy of each
  // id and a node per entity).
  detail::HashSlots ids;
  std::vector<AliasInfo> aliases;
  std::vector<OfficeTerm> offices;
  detail::TokenTrie names;
  // trie node -> its aliases: node_aliases[node_alias_begin[node], node_alias_begin[node + 1]),
  // each with its alias's entity and what match() tests, so that it reads no alias record for an
  // alias it rejects, and can pass over the short forms of a surname shared by thousands of people
  static constexpr std::uint32_t kShortName = 1U << 31, kFullName = 1U << 30, kNeedsCapital = 1U << 29,
                                 kAcronym = 1U << 28, kNotBeforeName = 1U << 27, kContext = 1U << 26;
  static constexpr std::uint32_t kEntityMask = kContext - 1;
  static constexpr std::size_t kMaxContextWords = 8;  // "[le souverain] Charles": AliasInfo::context
  struct NodeAlias {
    std::uint32_t alias;
    std::uint32_t tag;  // entity | the flags above
  };
  std::vector<std::uint32_t> node_alias_begin{0, 0};
  std::vector<NodeAlias> node_aliases;
  // per node: every alias on it needs a capital; every alias on it is a short form of a name, in
  // increasing entity order (a surname's node), so that the entities introduced can be looked up
  static constexpr std::uint8_t kAllNeedCapital = 1, kAllShortNamesSorted = 2;
  std::vector<std::uint8_t> node_flags{0};
  detail::TokenTrie demonyms;
  std::vector<std::uint32_t> node_demonym{detail::TokenTrie::kNone};  // trie node -> entity, or kNone
  // Folded name particles (de, van, al...) and given names (firstnames.txt), as vocabularies: one
  // hash probe per lookup, none at all given a token's stored hash.
  detail::TokenTrie particles;
  detail::TokenTrie first_names;
  detail::StringArena strings;  // what the AliasInfo views point to
};

// The builder fills the gazetteer it will return as it reads: the aliases go into the trie at once
// (no second copy of them waits for build()), each trie node's list of aliases a chain through
// `next` until build() lays the lists out one after the other.
struct GazetteerBuilder::Impl {
  struct PendingOffice {
    std::string of, office, holder, from, to, source;
    int line = 0;
  };
  struct PendingRole {
    std::string phrase, office, of, source;
    int line = 0;
  };
  struct FoldlessAlias {  // an alias without letters or digits: never matches, lint says so
    std::string_view text, source;
    std::uint32_t line;
  };

  /// Adds an entity whose views are the caller's: they are copied into gz->strings first.
  Status add_entity(EntityRecord& record, std::span<const std::string_view> aliases);
  /// A source file's name in gz->strings: stored once per file (records come file by file).
  std::string_view intern_source(std::string_view source);

  /// Adds an alias whose text and source are already in gz->strings: into the trie, onto its
  /// node's list unless the node has one of the same entity, kind, office and case already.
  /// Returns the number of words of the alias.
  std::size_t add_alias(const AliasInfo& info) { return add_folded_alias(info, detail::folded_words(info.text, words)); }
  /// The same, given the alias's n folded words in `words`.
  std::size_t add_folded_alias(const AliasInfo& info, std::size_t n);
  /// Lays the node lists out for matching and frees the chains.
  void finish_lists();

  std::shared_ptr<Gazetteer::Impl> gz = std::make_shared<Gazetteer::Impl>();
  std::vector<std::uint32_t> head, tail;  // trie node -> first and last alias of its list, or kNone
  std::vector<std::uint32_t> next;        // alias -> the next on its node's list, or kNone
  // The nodes that the entity being added has aliases on. An entity's aliases all come from one
  // add_entity() call, so a node's list is scanned for a duplicate only when the entity is already
  // on it (a surname shared by thousands of people made the build quadratic when every list was
  // scanned); roles, added by build() to existing entities, scan the list.
  std::uint32_t current_entity = detail::TokenTrie::kNone;
  std::vector<std::uint32_t> current_nodes;
  std::vector<FoldlessAlias> foldless;
  std::vector<std::string> words;  // scratch: the folded words of one alias
  std::vector<std::string_view> row_aliases;  // scratch: the aliases of one row
  std::string_view last_source;
  std::vector<PendingOffice> offices;
  std::vector<PendingRole> roles;
  std::set<std::string, std::less<>> particles;
  std::set<std::string, std::less<>> first_names;

};

std::size_t GazetteerBuilder::Impl::add_folded_alias(const AliasInfo& info, std::size_t n) {
  constexpr std::uint32_t kNone = detail::TokenTrie::kNone;
  if (n == 0) {
    foldless.push_back({info.text, info.source, info.line});
    return 0;
  }
  const std::uint32_t node = gz->names.insert(std::span(words.data(), n));
  if (head.size() <= node) {
    head.resize(node + 1, kNone);
    tail.resize(node + 1, kNone);
  }
  const auto idx = static_cast<std::uint32_t>(gz->aliases.size());
  gz->aliases.push_back(info);
  next.push_back(kNone);
  // one alias per (entity, kind) and node; full forms before short forms
  const bool entity_on_node =
      info.entity != current_entity ||
      std::find(current_nodes.begin(), current_nodes.end(), node) != current_nodes.end();
  if (entity_on_node)
    for (std::uint32_t other = head[node]; other != kNone; other = next[other]) {
      AliasInfo& o = gz->aliases[other];
      if (o.entity == info.entity && o.kind == info.kind && o.office == info.office &&
          o.acronym == info.acronym && o.context == info.context) {
        if (o.short_form && !info.short_form) o.short_form = false;
        return n;  // a duplicate stays in aliases() but on no list
      }
    }
  if (info.entity == current_entity) current_nodes.push_back(node);
  if (head[node] == kNone) head[node] = idx;
  else next[tail[node]] = idx;
  tail[node] = idx;
  return n;
}

void GazetteerBuilder::Impl::finish_lists() {
  constexpr std::uint32_t kNone = detail::TokenTrie::kNone;
  const std::uint32_t nodes = gz->names.num_nodes();
  gz->node_alias_begin.assign(nodes + 1, 0);
  gz->node_aliases.clear();
  gz->node_aliases.reserve(gz->aliases.size());
  gz->node_flags.assign(nodes, 0);
  using I = Gazetteer::Impl;
  for (std::uint32_t node = 0; node < nodes; ++node) {
    gz->node_alias_begin[node] = static_cast<std::uint32_t>(gz->node_aliases.size());
    std::uint8_t flags = I::kAllNeedCapital | I::kAllShortNamesSorted;
    std::uint32_t previous_entity = 0;
    for (std::uint32_t k = node < head.size() ? head[node] : kNone; k != kNone; k = next[k]) {
      const AliasInfo& a = gz->aliases[k];
      const bool name = a.kind == MentionKind::name;
      gz->node_aliases.push_back({k, a.entity | (name && a.short_form ? I::kShortName : 0) |
                                         (name && !a.short_form ? I::kFullName : 0) |
                                         (a.needs_capital ? I::kNeedsCapital : 0) |
                                         (a.acronym ? I::kAcronym : 0) |
                                         (a.not_before_name ? I::kNotBeforeName : 0) |
                                         (a.context ? I::kContext : 0)});
      // a context word ("[roi] Charles") is not the capitalized first word
      if (!a.needs_capital || a.context) flags &= ~I::kAllNeedCapital;
      if (!name || !a.short_form || a.entity < previous_entity) flags &= ~I::kAllShortNamesSorted;
      previous_entity = a.entity;
    }
    gz->node_flags[node] = flags;
  }
  gz->node_alias_begin[nodes] = static_cast<std::uint32_t>(gz->node_aliases.size());
  gz->node_aliases.shrink_to_fit();
  std::vector<std::uint32_t>().swap(head);
  std::vector<std::uint32_t>().swap(tail);
  std::vector<std::uint32_t>().swap(next);
  current_entity = kNone;
}

// ---------------------------------------------------------------------------------------------
// GazetteerBuilder

GazetteerBuilder::GazetteerBuilder() : impl_(std::make_unique<Impl>()) {}
GazetteerBuilder::~GazetteerBuilder() = default;
GazetteerBuilder::GazetteerBuilder(GazetteerBuilder&&) noexcept = default;
GazetteerBuilder& GazetteerBuilder::operator=(GazetteerBuilder&&) noexcept = default;

std::string_view GazetteerBuilder::Impl::intern_source(std::string_view source) {
  if (source != last_source) last_source = gz->strings.store(source);
  return last_source;
}

Status GazetteerBuilder::add_entity(EntityRecord record, const std::vector<std::string>& aliases) {
  const std::vector<std::string_view> views(aliases.begin(), aliases.end());
  return impl_->add_entity(record, views);
}

Status GazetteerBuilder::Impl::add_entity(EntityRecord& record, std::span<const std::string_view> aliases) {
  Gazetteer::Impl& g = *gz;
  const auto error = [&](ErrorCode code, std::string message) {
    return Error{code, std::move(message), std::string(record.source), static_cast<int>(record.line)};
  };
  if (!valid_id(record.id))
    return error(ErrorCode::parse, fmt::format("invalid id '{}': use lower-case ASCII letters, digits and _", record.id));
  if (auto first = g.find(record.id)) {
    const EntityRecord& where = g.entities[*first];
    return error(ErrorCode::duplicate_id,
                 fmt::format("duplicate id '{}' (first defined at {})", record.id,
                             where.source.empty() ? std::string("code")
                                                  : fmt::format("{}:{}", where.source, where.line)));
  }
  if (g.entities.size() > Gazetteer::Impl::kEntityMask)
    return error(ErrorCode::parse, fmt::format("too many entities (more than {})", Gazetteer::Impl::kEntityMask));
  // "[context] name" in the aliases column: both parts with letters, at most kMaxContextWords in brackets
  for (std::string_view a : aliases) {
    while (!a.empty() && (a.front() == '~' || a.front() == '@' || a.front() == '^')) a.remove_prefix(1);
    if (a.empty() || a.front() != '[') continue;
    const auto parts = split_context(a);
    const std::size_t context = parts ? detail::folded_words(parts->context).size() : 0;
    if (context == 0 || context > Gazetteer::Impl::kMaxContextWords || detail::folded_words(parts->name).empty())
      return error(ErrorCode::parse, fmt::format("alias '{}': write context words as '[roi] Charles': "
                                                 "words in brackets, then the name", a));
  }
  // The record's text goes into the arena once; the aliases taken from it (the name, its surname,
  // capitals and demonym nouns of the attributes) are views of that copy.
  record.id = g.strings.store(record.id);
  record.name = g.strings.store(record.name);
  for (auto& [k, v] : record.attributes) {
    k = g.strings.store(k);
    v = g.strings.store(v);
  }
  record.source = intern_source(record.source);
  auto index = static_cast<std::uint32_t>(g.entities.size());
  const bool person = record.type == EntityType::person;
  current_entity = index;
  current_nodes.clear();
  auto alias = [&](std::string_view raw, bool metonym, bool stored, bool short_form) -> std::size_t {
    AliasInfo info;
    info.entity = index;
    info.source = record.source;
    info.line = record.line;
    info.metonym = metonym;
    info.short_form = short_form;
    std::string_view t = raw;
    while (!t.empty() && (t.front() == '~' || t.front() == '@' || t.front() == '^')) {
      if (t.front() == '~') info.short_form = true;
      else if (t.front() == '^') info.not_before_name = true;
      else info.kind = MentionKind::descriptor;
      t.remove_prefix(1);
    }
    // "[roi] Charles": context words, then the name; only in the aliases column (not `stored`),
    // whose brackets were checked above
    std::string_view name = t;
    if (const auto parts = stored ? std::nullopt : split_context(t)) {
      name = parts->name;
      info.context = static_cast<std::uint8_t>(detail::folded_words(parts->context, words));
      info.text = g.strings.store(fmt::format("{} {}", parts->context, name));
    } else {
      info.text = stored ? t : g.strings.store(t);
    }
    // An acronym (every letter a capital, short) matches only text in capitals; other names
    // that start with a capital need a capital in the text.
    const detail::LetterCase letters = detail::letter_case(name);
    const std::size_t n = detail::folded_words(info.text, words);
    info.acronym = letters.all_upper && name.size() <= 12;
    info.needs_capital = info.kind == MentionKind::name && !info.acronym && letters.first_upper;
    return add_folded_alias(info, n);
  };
  const std::size_t name_words = alias(record.name, false, true, false);
  for (const auto a : aliases) alias(a, false, false, false);
  for (const auto& [k, v] : record.attributes) {
    if (k == "capital")
      for (auto c : detail::split_list(v, '|')) alias(c, true, true, false);
    if (k == "demonym_noun")
      for (auto c : detail::split_list(v, '|')) alias(c, false, true, false);
  }
  // A person's last name is a short form of the full name.
  if (person && name_words >= 2) {
    std::string_view name = record.name;
    std::size_t sp = name.find_last_of(' ');
    if (sp != std::string_view::npos && sp + 1 < name.size()) {
      std::string_view last = name.substr(sp + 1);
      // no short form from a regnal number or suffix: "Charles III", "Marcos Jr"
      bool listed = detail::letter_case(last).all_upper || last.size() < 3;
      if (!listed && !aliases.empty()) {
        const std::string folded_last = fold(last);
        for (const auto a : aliases) listed |= fold(a) == folded_last;
      }
      if (!listed) alias(last, false, true, true);
    }
  }
  g.entities.push_back(std::move(record));
  g.index_last();
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
    r.id = f[0];
    r.type = *type;
    r.name = f[2];
    r.source = source;
    r.line = static_cast<std::uint32_t>(line);
    std::vector<std::string_view>& aliases = impl_->row_aliases;
    aliases.clear();
    if (f.size() > 3)
      for (auto a : detail::split_list(f[3], '|')) aliases.push_back(a);
    if (f.size() > 4) {
      for (auto kv : detail::split_list(f[4], ';')) {
        auto eq = kv.find('=');
        if (eq == std::string_view::npos || eq == 0)
          return detail::make_error(ErrorCode::parse, fmt::format("attribute '{}' is not key=value", kv), source, line);
        r.attributes.emplace_back(detail::trim(kv.substr(0, eq)), detail::trim(kv.substr(eq + 1)));
      }
    }
    return impl_->add_entity(r, aliases);
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

namespace detail {

Result<std::vector<std::filesystem::path>> gazetteer_files(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error{ErrorCode::io, "gazetteer directory not found or not a directory", dir.string(), 0};
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".tsv" && !kReservedFiles.count(e.path().filename().string()))
      files.push_back(e.path());
  if (ec) return Error{ErrorCode::io, "cannot list directory: " + ec.message(), dir.string(), 0};
  std::sort(files.begin(), files.end());
  for (const char* name : {"offices.tsv", "roles.tsv", "firstnames.txt", "particles.txt"})
    if (std::filesystem::exists(dir / name)) files.push_back(dir / name);
  return files;
}

}  // namespace detail

Status GazetteerBuilder::add_directory(const std::filesystem::path& dir) {
  // the files of detail::gazetteer_files(), which the gazetteer cache's key covers, in its order:
  // the entity files by name, then offices, roles, given names and particles
  auto files = detail::gazetteer_files(dir);
  if (!files) return files.error();
  for (const auto& f : *files) {
    const std::string name = f.filename().string();
    Status st = Ok{};
    if (name == "offices.tsv") {
      st = add_offices_file(f);
    } else if (name == "roles.tsv") {
      st = add_roles_file(f);
    } else if (name == "firstnames.txt" || name == "particles.txt") {
      auto text = detail::read_file(f);
      if (!text) return text.error();
      const bool given = name == "firstnames.txt";
      st = detail::for_each_row(*text, f.string(), [&](const std::vector<std::string_view>& row, int) -> Status {
        if (given) {
          std::string key;
          for (auto& w : detail::folded_words(row[0])) key += (key.empty() ? "" : "-") + w;
          if (!key.empty()) impl_->first_names.insert(key);
        } else {
          for (auto& w : detail::folded_words(row[0])) impl_->particles.insert(w);
        }
        return Ok{};
      });
    } else {
      st = add_entity_file(f);
    }
    if (!st) return st;
  }
  return Ok{};
}

std::vector<LintFinding> GazetteerBuilder::lint() const {
  std::vector<LintFinding> out;
  const Gazetteer::Impl& gz = *impl_->gz;
  for (const auto& a : impl_->foldless) {
    out.push_back({std::string(a.source), static_cast<int>(a.line),
                   fmt::format("alias '{}' has no letters or digits and never matches", a.text)});
  }
  std::map<std::string, std::vector<const AliasInfo*>> by_key;
  for (const auto& a : gz.aliases) {
    if (a.short_form || a.kind != MentionKind::name) continue;
    std::string key;
    for (auto& w : detail::folded_words(a.text)) key += w + " ";
    by_key[key].push_back(&a);
  }
  for (const auto& [key, list] : by_key) {
    std::set<std::uint32_t> ents;
    for (auto* a : list) ents.insert(a->entity);
    if (ents.size() < 2) continue;
    std::string names;
    for (auto e : ents) fmt::format_to(std::back_inserter(names), "{}{}", names.empty() ? "" : ", ", gz.entities[e].id);
    out.push_back({std::string(list.back()->source), static_cast<int>(list.back()->line),
                   fmt::format("ambiguous alias '{}' is claimed by {}", list.back()->text, names)});
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
      if (!gz.find(*id))
        out.push_back({o.source, o.line, fmt::format("unknown id '{}'", *id)});
  }
  return out;
}

Result<Gazetteer> GazetteerBuilder::build() && {
  Impl& b = *impl_;
  Gazetteer::Impl& gz = *b.gz;
  // Offices.
  for (const auto& o : b.offices) {
    auto of = gz.find(o.of);
    auto holder = gz.find(o.holder);
    if (!of)
      return detail::make_error(ErrorCode::bad_reference, fmt::format("unknown entity '{}'", o.of), o.source, o.line);
    if (!holder)
      return detail::make_error(ErrorCode::bad_reference, fmt::format("unknown holder '{}'", o.holder), o.source, o.line);
    gz.offices.push_back({*of, o.office, *holder, *normalize_date(o.from, false),
                          o.to.empty() ? std::string() : *normalize_date(o.to, true),
                          fmt::format("{}:{}", o.source, o.line)});
  }
  // Roles: expand {adj} with every demonym adjective.
  std::vector<std::pair<std::string, std::uint32_t>> adjectives;  // form, entity
  for (std::uint32_t e = 0; e < gz.entities.size(); ++e)
    for (auto form : detail::split_list(gz.entities[e].attribute("demonym"), '|'))
      adjectives.emplace_back(std::string(form), e);
  b.current_entity = detail::TokenTrie::kNone;  // a role's entity may have aliases anywhere
  for (const auto& r : b.roles) {
    const std::string_view office = gz.strings.store(r.office);
    const std::string_view source = b.intern_source(r.source);
    auto add = [&](std::string_view phrase, std::uint32_t of) {
      AliasInfo a;
      a.entity = of;
      a.kind = MentionKind::descriptor;
      a.office = office;
      a.text = gz.strings.store(phrase);
      a.source = source;
      a.line = static_cast<std::uint32_t>(r.line);
      b.add_alias(a);
    };
    if (!r.of.empty()) {
      auto of = gz.find(r.of);
      if (!of)
        return detail::make_error(ErrorCode::bad_reference, fmt::format("unknown entity '{}'", r.of), r.source, r.line);
      add(r.phrase, *of);
    } else {
      auto pos = r.phrase.find("{adj}");
      for (const auto& [form, e] : adjectives) {
        if (gz.entities[e].type != EntityType::state) continue;
        std::string p = r.phrase;
        p.replace(pos, 5, form);
        add(p, e);
      }
    }
  }
  b.finish_lists();
  for (const auto& w : b.particles) gz.particles.insert({w});
  for (const auto& w : b.first_names) gz.first_names.insert({w});
  // Demonyms trie.
  for (const auto& [form, e] : adjectives) {
    auto words = detail::folded_words(form);
    if (words.empty()) continue;
    std::uint32_t node = gz.demonyms.insert(words);
    if (gz.node_demonym.size() <= node) gz.node_demonym.resize(node + 1, detail::TokenTrie::kNone);
    if (gz.node_demonym[node] == detail::TokenTrie::kNone) gz.node_demonym[node] = e;
  }
  gz.node_demonym.resize(gz.demonyms.num_nodes(), detail::TokenTrie::kNone);
  // the builder is consumed: its gazetteer is the result
  return Gazetteer(std::exchange(b.gz, std::make_shared<Gazetteer::Impl>()));
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

Gazetteer::Gazetteer() : impl_(std::make_shared<Impl>()) {}

const std::vector<EntityRecord>& Gazetteer::entities() const noexcept { return impl_->entities; }
const std::vector<AliasInfo>& Gazetteer::aliases() const noexcept { return impl_->aliases; }
const std::vector<OfficeTerm>& Gazetteer::offices() const noexcept { return impl_->offices; }

std::optional<std::uint32_t> Gazetteer::find(std::string_view id) const noexcept {
  return impl_->find(id);
}

namespace {
// True if `date` (YYYY-MM-DD) falls within the term (its `to` empty while in office).
bool term_covers(const OfficeTerm& t, std::string_view date) noexcept {
  return date >= std::string_view(t.from) && (t.to.empty() || date <= std::string_view(t.to));
}
}  // namespace

std::optional<std::uint32_t> Gazetteer::office_holder(std::uint32_t of, std::string_view office,
                                                      std::string_view date) const noexcept {
  auto lookup = [&](std::string_view off) -> std::optional<std::uint32_t> {
    std::optional<std::uint32_t> best;
    std::string_view best_from;
    for (const auto& t : impl_->offices) {
      if (t.of != of || t.office != off || !term_covers(t, date)) continue;
      if (!best || t.from > best_from) { best = t.holder; best_from = t.from; }
    }
    return best;
  };
  if (auto h = lookup(office)) return h;
  if (office == "leader") return lookup("head_of_state");
  return std::nullopt;
}

std::vector<std::pair<std::uint32_t, std::string_view>> Gazetteer::offices_held(std::uint32_t holder,
                                                                                std::string_view date) const {
  std::vector<std::pair<std::uint32_t, std::string_view>> out;
  for (const auto& t : impl_->offices)
    if (t.holder == holder && term_covers(t, date)) out.emplace_back(t.of, t.office);
  return out;
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

std::vector<GazetteerMatch> Gazetteer::match(const Segmentation& seg, ShortForms short_forms) const {
  std::vector<GazetteerMatch> out;
  // about one match in 10 to 20 tokens in news text: most articles' matches without regrowth
  out.reserve(seg.tokens.size() / 16);
  const Impl& im = *impl_;
  // Entities with a full name matched so far.
  detail::IndexSet introduced;
  const bool filter = short_forms == ShortForms::introduced;
  if (filter) introduced.reserve(64);  // the entities a news article names, without regrowth
  // Entry k of node_aliases for the tokens [first, last): kept unless its alias does not apply.
  bool shifted = false;  // a match with context words starts after the walk's first token
  auto consider = [&](std::uint32_t k, std::uint32_t first, std::uint32_t last, bool capitalized) {
    const auto [a, tag] = im.node_aliases[k];
    if (tag & Impl::kContext) {  // "[roi] Charles": the mention starts after the context words
      for (std::uint32_t words = im.aliases[a].context; words > 0 && first < last; ++first)
        words -= seg.tokens[first].is_word();
      while (first < last && !seg.tokens[first].is_word()) ++first;
      if (first == last) return;  // only in a damaged snapshot: the build keeps a word after them
      capitalized = seg.tokens[first].is_capitalized();
      shifted = true;
    }
    if ((tag & Impl::kNeedsCapital) && !capitalized) return;
    if (filter && (tag & Impl::kShortName) && !introduced.contains(tag & Impl::kEntityMask)) return;
    if (tag & Impl::kAcronym) {
      for (std::uint32_t t = first; t < last; ++t)
        if (seg.tokens[t].is_word() && !seg.tokens[t].is_all_caps() && !(seg.tokens[t].flags & Token::kDigit))
          return;
    }
    // `^Maurice`: the state, unless a name follows ("Maurice Druon", "Dominique de Villepin")
    if ((tag & Impl::kNotBeforeName) && followed_by_name(seg, last)) return;
    // a short mixed-case name does not match a word in capitals: "Xi" is not "XI"
    if (!(tag & Impl::kAcronym) && last == first + 1 && seg.tokens[first].is_all_caps() &&
        seg.tokens[first].span.size() <= 3)
      return;
    out.push_back({first, last, {seg.tokens[first].span.begin, seg.tokens[last - 1].span.end}, a});
    if (filter && (tag & Impl::kFullName)) introduced.insert(tag & Impl::kEntityMask);
  };
  std::vector<std::uint32_t> entries;  // entries of a surname's node, for the introduced entities
  // The walk gives the matches by first token, and those of one first token by increasing length:
  // each first token's group is turned to longest first as the walk leaves it (no sort of the whole).
  std::size_t group = 0;
  auto longest_first = [&] {
    if (out.size() - group < 2 || out[group].last == out.back().last) return;
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(group);
    std::reverse(begin, out.end());
    for (auto run = begin; run != out.end();) {  // keep the walk's order among equal lengths
      auto run_end = std::find_if(run, out.end(), [&](const GazetteerMatch& m) { return m.last != run->last; });
      std::reverse(run, run_end);
      run = run_end;
    }
  };
  im.names.walk(
      seg, [&](std::uint32_t node) { return im.node_alias_begin[node] != im.node_alias_begin[node + 1]; },
      [&](std::uint32_t first, std::uint32_t last, std::uint32_t node) {
        if (group < out.size() && out[group].first != first) {
          longest_first();
          group = out.size();
        }
        const bool capitalized = seg.tokens[first].is_capitalized();
        const std::uint32_t begin = im.node_alias_begin[node], end = im.node_alias_begin[node + 1];
        const std::uint8_t flags = im.node_flags[node];
        if ((flags & Impl::kAllNeedCapital) && !capitalized) return;
        if (!filter || !(flags & Impl::kAllShortNamesSorted) || end - begin <= 4 * introduced.size()) {
          for (std::uint32_t k = begin; k < end; ++k) consider(k, first, last, capitalized);
          return;
        }
        // A surname shared by many: look the introduced entities up (the node is in entity order)
        // instead of testing every entry, then take the entries in the node's order.
        entries.clear();
        const auto* list = im.node_aliases.data();
        introduced.for_each([&](std::uint32_t e) {
          const auto* k = std::lower_bound(list + begin, list + end, e, [](const Impl::NodeAlias& x, std::uint32_t v) {
            return (x.tag & Impl::kEntityMask) < v;
          });
          for (; k != list + end && (k->tag & Impl::kEntityMask) == e; ++k)
            entries.push_back(static_cast<std::uint32_t>(k - list));
        });
        std::sort(entries.begin(), entries.end());
        for (std::uint32_t k : entries) consider(k, first, last, capitalized);
      });
  longest_first();  // now by first token, longest first
  // matches with context words start later than their walk: put them in that order too (stable:
  // the walk's order among equal spans)
  if (shifted)
    std::stable_sort(out.begin(), out.end(), [](const GazetteerMatch& x, const GazetteerMatch& y) {
      return x.first != y.first ? x.first < y.first : x.last > y.last;
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


// ---------------------------------------------------------------------------------------------
// Snapshots

namespace {

using detail::kSnapshotFormat;
using detail::kSnapshotMagic;
using detail::SnapshotHeader;

std::uint64_t bytes_hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

// What a snapshot's tables depend on beyond their bytes: the hash functions their slots were
// placed by, and the version of nercore. A snapshot of another build is stale, not damaged.
std::uint64_t snapshot_build() {
  const std::string probe = fmt::format("{}|{}|{}|{}", NERCORE_VERSION_STRING, detail::hash_word("nercore"),
                                        bytes_hash("nercore"), sizeof(void*));
  return bytes_hash(probe);
}

// The arena's blocks laid end to end (the snapshot's strings): a view into the arena is an
// offset into them.
class ViewMap {
 public:
  explicit ViewMap(const detail::StringArena& arena) {
    arena.for_each_block([&](std::string_view b) {
      blocks_.push_back({b.data(), b.size(), size_});
      size_ += b.size();
    });
    by_address_ = blocks_;
    std::sort(by_address_.begin(), by_address_.end(),
              [](const Block& a, const Block& b) { return std::less<>()(a.data, b.data); });
  }
  std::uint64_t size() const noexcept { return size_; }
  template <typename F>
  void for_each_block(F&& f) const {
    for (const Block& b : blocks_) f(std::string_view(b.data, b.size));
  }
  /// Writes `v` as (offset, size) into the strings; false if it is not in the arena.
  bool put(detail::SnapshotWriter& w, std::string_view v) const {
    std::uint64_t offset = 0;
    if (!v.empty()) {
      // most views follow the one before in the same block: that block is tried first
      if (!within(last_, v)) {
        auto it = std::upper_bound(by_address_.begin(), by_address_.end(), v.data(),
                                   [](const char* p, const Block& b) { return std::less<>()(p, b.data); });
        if (it == by_address_.begin() || !within(&*std::prev(it), v)) return false;
        last_ = &*std::prev(it);
      }
      offset = last_->offset + static_cast<std::uint64_t>(v.data() - last_->data);
    }
    w.put(static_cast<std::uint32_t>(offset));
    w.put(static_cast<std::uint32_t>(v.size()));
    return true;
  }

 private:
  struct Block {
    const char* data;
    std::size_t size;
    std::uint64_t offset;
  };
  static bool within(const Block* b, std::string_view v) {
    return b != nullptr && std::greater_equal<>()(v.data(), b->data) &&
           std::less<>()(v.data(), b->data + b->size) &&
           v.size() <= b->size - static_cast<std::size_t>(v.data() - b->data);
  }
  std::vector<Block> blocks_, by_address_;
  std::uint64_t size_ = 0;
  mutable const Block* last_ = nullptr;
};

std::string_view get_view(detail::SnapshotReader& r, std::string_view blob, const char* what) {
  const auto offset = r.get<std::uint32_t>(what);
  const auto size = r.get<std::uint32_t>(what);
  if (!r.ok()) return {};
  if (offset > blob.size() || size > blob.size() - offset) {
    r.fail(what, "a string lies outside the snapshot's strings");
    return {};
  }
  return size == 0 ? std::string_view() : blob.substr(offset, size);
}

Error snapshot_error(const std::filesystem::path& file, std::string message) {
  return Error{ErrorCode::snapshot, std::move(message), file.string(), 0};
}

}  // namespace

Status Gazetteer::save(const std::filesystem::path& file, std::uint64_t key) const {
  const Impl& im = *impl_;
  const ViewMap views(im.strings);
  if (views.size() > 0xFFFFFFFFu) return snapshot_error(file, "more than 4 GB of strings: too large for a snapshot");
  // Written beside the file, then renamed over it: a reader sees the old snapshot or the new one,
  // never half of one.
  std::filesystem::path tmp = file;
  static std::atomic<unsigned> saves{0};  // two threads of one process saving the same file
  tmp += fmt::format(".tmp{}.{}", static_cast<long>(::getpid()), saves.fetch_add(1));
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr)
    return Error{ErrorCode::io, fmt::format("cannot write {}: {}", tmp.filename().string(), std::strerror(errno)),
                 file.string(), 0};
  SnapshotHeader h{};
  std::memcpy(h.magic, kSnapshotMagic, sizeof h.magic);
  h.format = kSnapshotFormat;
  h.byte_order = detail::kSnapshotByteOrder;
  h.build = snapshot_build();
  h.key = key;
  bool written = std::fwrite(&h, sizeof h, 1, f) == 1;  // again below, with the size and checksum

  detail::SnapshotWriter w(f);
  bool in_arena = true;
  auto view = [&](std::string_view v) { in_arena = views.put(w, v) && in_arena; };
  w.put<std::uint64_t>(views.size());
  views.for_each_block([&](std::string_view b) { w.put_raw(b); });
  w.put<std::uint64_t>(im.entities.size());
  for (const EntityRecord& e : im.entities) {
    view(e.id);
    w.put(static_cast<std::uint8_t>(e.type));
    view(e.name);
    w.put(static_cast<std::uint32_t>(e.attributes.size()));
    for (const auto& [k, v] : e.attributes) {
      view(k);
      view(v);
    }
    view(e.source);
    w.put(e.line);
  }
  im.ids.save(w);
  w.put<std::uint64_t>(im.aliases.size());
  for (const AliasInfo& a : im.aliases) {
    w.put(a.entity);
    w.put(a.line);
    w.put(static_cast<std::uint8_t>(a.kind));
    w.put(static_cast<std::uint8_t>(a.short_form | a.acronym << 1 | a.needs_capital << 2 | a.metonym << 3 |
                                    a.not_before_name << 4));
    w.put(a.context);
    view(a.office);
    view(a.text);
    view(a.source);
  }
  w.put<std::uint64_t>(im.offices.size());
  for (const OfficeTerm& o : im.offices) {
    w.put(o.of);
    w.put_string(o.office);
    w.put(o.holder);
    w.put_string(o.from);
    w.put_string(o.to);
    w.put_string(o.source);
  }
  im.names.save(w);
  w.put_array(im.node_alias_begin);
  w.put_array(im.node_aliases);
  w.put_array(im.node_flags);
  im.demonyms.save(w);
  w.put_array(im.node_demonym);
  im.particles.save(w);
  im.first_names.save(w);
  written = w.finish() && written;
  h.payload = w.bytes();
  h.checksum = w.checksum();
  written = written && std::fseek(f, 0, SEEK_SET) == 0 && std::fwrite(&h, sizeof h, 1, f) == 1;
  const int error = errno;
  const bool closed = std::fclose(f) == 0;
  std::error_code ec;
  if (!in_arena) {
    std::filesystem::remove(tmp, ec);
    return snapshot_error(file, "a string of the gazetteer is not in its own storage (a bug)");
  }
  if (!written || !closed) {
    std::filesystem::remove(tmp, ec);
    return Error{ErrorCode::io, fmt::format("write error: {}", std::strerror(written ? errno : error)), file.string(), 0};
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Error{ErrorCode::io, fmt::format("cannot replace the file: {}", ec.message()), file.string(), 0};
  }
  return Ok{};
}

Result<Gazetteer> Gazetteer::load(const std::filesystem::path& file, std::uint64_t key) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) return Error{ErrorCode::io, "is a directory, expected a file", file.string(), 0};
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr)
    return Error{ErrorCode::io, fmt::format("cannot open for reading: {}", std::strerror(errno)), file.string(), 0};
  SnapshotHeader h{};
  const std::size_t got = std::fread(&h, 1, sizeof h, f);
  const bool has_magic = got >= sizeof h.magic && std::memcmp(h.magic, kSnapshotMagic, sizeof h.magic) == 0;
  if (got != sizeof h || !has_magic) {
    std::fclose(f);
    return snapshot_error(file, has_magic ? fmt::format("at byte {}, header: the file ends before it", got)
                                          : "not a gazetteer snapshot (no NERCGAZ header at byte 0)");
  }
  std::string why;
  if (h.format != kSnapshotFormat || h.byte_order != detail::kSnapshotByteOrder)
    why = fmt::format("written in snapshot format {} (this build reads format {} in its byte order): build it again", h.format, kSnapshotFormat);
  else if (h.build != snapshot_build())
    why = "written by another build of nercore: build it again";
  else if (h.key != key)
    why = "stale: it was built from other sources (its key differs)";
  const auto size = std::filesystem::file_size(file, ec);
  if (why.empty() && (ec || size < sizeof h || size - sizeof h != h.payload))
    why = fmt::format("at byte {}, payload: {} bytes announced, {} in the file", sizeof h, h.payload,
                      ec || size < sizeof h ? 0 : size - sizeof h);
  if (!why.empty()) {
    std::fclose(f);
    return snapshot_error(file, why);
  }
  // The strings go to the arena as one block, which the entities' and aliases' views point into;
  // the tables are read into their vectors. The file is read a block at a time.
  auto im = std::make_shared<Impl>();
  detail::SnapshotReader r(f, h.payload, sizeof h);
  std::string_view blob;
  if (const auto n = r.get<std::uint64_t>("strings"); r.ok()) {
    if (n > r.remaining() || n > 0xFFFFFFFFu) {
      r.fail("strings", "its size runs past the end of the file");
    } else if (n > 0) {
      auto strings = std::unique_ptr<char[]>(new char[n]);
      r.read(strings.get(), n, "strings");
      blob = {im->strings.adopt(std::move(strings), n), n};
    }
  }
  const auto count = [&](const char* what, std::size_t each) {
    const auto n = r.get<std::uint64_t>(what);
    // every element takes at least `each` bytes: a count beyond the file is damage, not memory to reserve
    if (r.ok() && n > r.remaining() / each) r.fail(what, "a count larger than the file");
    return r.ok() ? static_cast<std::size_t>(n) : 0;
  };
  const std::size_t entities = count("entities", 29);
  im->entities.reserve(entities);
  for (std::size_t i = 0; i < entities && r.ok(); ++i) {
    EntityRecord e;
    e.id = get_view(r, blob, "entity id");
    const auto type = r.get<std::uint8_t>("entity type");
    if (r.ok() && type > static_cast<std::uint8_t>(EntityType::bloc)) r.fail("entity type", "not a type this version knows");
    e.type = static_cast<EntityType>(type);
    e.name = get_view(r, blob, "entity name");
    const auto attributes = r.get<std::uint32_t>("entity attributes");
    if (r.ok() && attributes > r.remaining() / 16) r.fail("entity attributes", "a count larger than the file");
    if (r.ok()) e.attributes.reserve(attributes);
    for (std::uint32_t k = 0; k < attributes && r.ok(); ++k) {
      const std::string_view key = get_view(r, blob, "attribute");
      e.attributes.emplace_back(key, get_view(r, blob, "attribute"));
    }
    e.source = get_view(r, blob, "entity source");
    e.line = r.get<std::uint32_t>("entity line");
    im->entities.push_back(std::move(e));
  }
  const auto n_entities = static_cast<std::uint32_t>(im->entities.size());
  if (r.ok() && n_entities > Impl::kEntityMask) r.fail("entities", "more entities than a gazetteer holds");
  im->ids.load(r, n_entities, "entity index");
  const std::size_t aliases = count("aliases", 35);
  im->aliases.reserve(aliases);
  for (std::size_t i = 0; i < aliases && r.ok(); ++i) {
    AliasInfo a;
    a.entity = r.get<std::uint32_t>("alias entity");
    a.line = r.get<std::uint32_t>("alias line");
    const auto kind = r.get<std::uint8_t>("alias kind");
    const auto flags = r.get<std::uint8_t>("alias flags");
    a.context = r.get<std::uint8_t>("alias context");
    if (r.ok() && (a.entity >= n_entities || kind > static_cast<std::uint8_t>(MentionKind::descriptor) || flags >= 32 ||
                   a.context > Impl::kMaxContextWords))
      r.fail("alias", "an entity, kind, flag or context count out of range");
    a.kind = static_cast<MentionKind>(kind);
    a.short_form = flags & 1;
    a.acronym = flags & 2;
    a.needs_capital = flags & 4;
    a.metonym = flags & 8;
    a.not_before_name = flags & 16;
    a.office = get_view(r, blob, "alias office");
    a.text = get_view(r, blob, "alias text");
    a.source = get_view(r, blob, "alias source");
    im->aliases.push_back(a);
  }
  const std::size_t offices = count("offices", 40);
  for (std::size_t i = 0; i < offices && r.ok(); ++i) {
    OfficeTerm o;
    o.of = r.get<std::uint32_t>("office");
    r.get_string(o.office, "office");
    o.holder = r.get<std::uint32_t>("office holder");
    r.get_string(o.from, "office from");
    r.get_string(o.to, "office to");
    r.get_string(o.source, "office source");
    if (r.ok() && (o.of >= n_entities || o.holder >= n_entities)) r.fail("office", "an entity out of range");
    im->offices.push_back(std::move(o));
  }
  im->names.load(r, "name trie");
  r.get_array(im->node_alias_begin, "name nodes");
  r.get_array(im->node_aliases, "name nodes");
  r.get_array(im->node_flags, "name nodes");
  if (r.ok()) {
    const auto& begin = im->node_alias_begin;
    bool fine = begin.size() == std::size_t{im->names.num_nodes()} + 1 && begin.front() == 0 &&
                begin.back() == im->node_aliases.size() && im->node_flags.size() == im->names.num_nodes();
    for (std::size_t i = 1; fine && i < begin.size(); ++i) fine = begin[i - 1] <= begin[i];
    for (const auto& na : im->node_aliases)
      fine = fine && na.alias < im->aliases.size() && (na.tag & Impl::kEntityMask) < n_entities;
    if (!fine) r.fail("name nodes", "the nodes' aliases do not fit the trie and the aliases");
  }
  im->demonyms.load(r, "demonym trie");
  r.get_array(im->node_demonym, "demonym nodes");
  if (r.ok()) {
    bool fine = im->node_demonym.size() == im->demonyms.num_nodes();
    for (const std::uint32_t e : im->node_demonym) fine = fine && (e == detail::TokenTrie::kNone || e < n_entities);
    if (!fine) r.fail("demonym nodes", "the nodes' entities do not fit the trie and the entities");
  }
  im->particles.load(r, "particles");
  im->first_names.load(r, "given names");
  if (r.ok() && !r.at_end()) r.fail("end", "bytes after the last table");
  // the checksum of the whole file, read to its end even after a failure: damage is said as such
  const bool same = r.checksum() == h.checksum;
  const bool io_error = r.io_error();
  std::fclose(f);
  if (io_error) return Error{ErrorCode::io, "read error", file.string(), 0};
  if (!same) return snapshot_error(file, "damaged: its checksum does not match its bytes");
  if (!r.ok()) return snapshot_error(file, "inconsistent: " + r.error());
  return Gazetteer(std::move(im));
}

}  // namespace nercore
