// SPDX-License-Identifier: MIT
// File: gazetteer.hpp
// The compiled gazetteer: entities with their aliases, demonyms, offices and descriptor roles, and
// a matcher over folded tokens whose cost per token does not grow with the number of entries.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nercore/document.hpp"
#include "nercore/result.hpp"
#include "nercore/segment.hpp"

namespace nercore {

/// One entity of the gazetteer. The string views of a record in a Gazetteer point into the
/// Gazetteer's own storage: they stay valid as long as the Gazetteer (or a copy of it) lives.
/// A record given to GazetteerBuilder::add_entity is copied there: its views need only outlive
/// the call.
struct EntityRecord {
  std::string_view id;
  EntityType type = EntityType::person;
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  std::string_view source;  ///< file it was defined in, or "" when built in code
  std::uint32_t line = 0;   ///< its line in `source` (from 1), or 0
  /// Value of an attribute, or "" if absent.
  std::string_view attribute(std::string_view key) const noexcept;
};

/// How an alias matches and what it yields. The string views point into the Gazetteer's own
/// storage: they stay valid as long as the Gazetteer (or a copy of it) lives.
struct AliasInfo {
  std::uint32_t entity = 0;        ///< index into Gazetteer::entities()
  std::uint32_t line = 0;          ///< line in `source` (from 1), or 0
  MentionKind kind = MentionKind::name;
  bool short_form = false;         ///< only after the entity's full name in the same document
  bool acronym = false;            ///< matches only text in capitals
  bool needs_capital = false;      ///< first word must start with a capital letter
  bool metonym = false;            ///< a capital or seat of power standing for a state
  bool not_before_name = false;    ///< `^`: not when a capitalized word follows (a first name)
  /// `[roi] Charles`: the number of leading words (here 1) that must come before the name in the
  /// text but are not part of the mention; `text` holds them without the brackets ("roi Charles")
  std::uint8_t context = 0;
  std::string_view office;         ///< descriptor of an office: resolved by date to its holder
  std::string_view text;           ///< the alias as written
  std::string_view source;         ///< file it was defined in (an entity file or roles.tsv), or ""
};

/// A gazetteer match: tokens [first, last) of a Segmentation, and the alias that matched.
struct GazetteerMatch {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  Span span;
  std::uint32_t alias = 0;  ///< index into Gazetteer::aliases()
};

/// A term of office from offices.tsv.
struct OfficeTerm {
  std::uint32_t of = 0;       ///< entity index of the state or organization
  std::string office;
  std::uint32_t holder = 0;   ///< entity index of the holder
  std::string from;           ///< YYYY[-MM[-DD]]
  std::string to;             ///< same, or "" while in office
  std::string source;
};

/// A problem found by lint(): a file, a line and what is wrong. Lint findings are warnings;
/// errors that prevent building are reported by build() instead.
struct LintFinding {
  std::string source;
  int line = 0;
  std::string message;
};

class Gazetteer;

/// Collects entity files, offices and roles, then compiles them. Single-threaded, mutable.
///
/// Example:
///   nercore::GazetteerBuilder b;
///   if (auto st = b.add_directory("gazetteers/fr"); !st) return st.error();
///   b.add_entity({"jean_dupont", nercore::EntityType::person, "Jean Dupont", {}, ""}, {"~Dupont"});
///   nercore::Gazetteer gz = std::move(b).build().value();
class GazetteerBuilder {
 public:
  GazetteerBuilder();
  ~GazetteerBuilder();
  GazetteerBuilder(GazetteerBuilder&&) noexcept;
  GazetteerBuilder& operator=(GazetteerBuilder&&) noexcept;

  /// Loads every entity file (*.tsv except the reserved names), then offices.tsv and roles.tsv,
  /// of `dir` (not recursive), in file-name order. Fails with file and line on the first error.
  Status add_directory(const std::filesystem::path& dir);
  /// Loads one entity file (format in gazetteers/README.md).
  Status add_entity_file(const std::filesystem::path& file);
  /// Parses entity records from memory; `source` names them in messages.
  Status add_entity_text(std::string_view text, std::string_view source);
  /// Loads offices.tsv rows (ids are checked at build()).
  Status add_offices_file(const std::filesystem::path& file);
  Status add_offices_text(std::string_view text, std::string_view source);
  /// Loads roles.tsv rows.
  Status add_roles_file(const std::filesystem::path& file);
  Status add_roles_text(std::string_view text, std::string_view source);
  /// Adds one entity and its aliases (with the markers `~` and `@` of the file format).
  Status add_entity(EntityRecord record, const std::vector<std::string>& aliases);

  /// Problems that do not prevent building: aliases claimed by two entities, overlapping terms of
  /// office, aliases that fold to nothing. Call after adding everything.
  std::vector<LintFinding> lint() const;

  /// Compiles. Fails on duplicate ids, unknown references in offices or roles, bad dates.
  Result<Gazetteer> build() &&;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// Compiled, immutable gazetteer.
///
/// Matching is a walk of a token trie keyed by folded tokens: one hash lookup per token and per
/// trie step, whatever the number of entries. Memory: a million people, each with the short form
/// of their surname (two million aliases), take about 350 MB (365–390 MB at the peak of the build,
/// 2–3 s on one core).
/// Thread-safe: all methods may be called concurrently. Copies share the compiled data.
class Gazetteer {
 public:
  Gazetteer();  ///< an empty gazetteer
  const std::vector<EntityRecord>& entities() const noexcept;
  const std::vector<AliasInfo>& aliases() const noexcept;
  const std::vector<OfficeTerm>& offices() const noexcept;
  /// Index of the entity with this id.
  std::optional<std::uint32_t> find(std::string_view id) const noexcept;
  /// Demonym adjectives (`nord-coréennes`, `russe`) in the tokens of `seg`: each match's `alias`
  /// field holds the index of the state (or bloc) the adjective belongs to. Longest match wins.
  std::vector<GazetteerMatch> match_demonyms(const Segmentation& seg) const;
  /// The holder of `office` of entity `of` on `date` (YYYY-MM-DD). `leader` falls back to
  /// `head_of_state`.
  std::optional<std::uint32_t> office_holder(std::uint32_t of, std::string_view office,
                                             std::string_view date) const noexcept;
  /// The offices (`foreign_minister`, `head_of_state`) that entity `holder` holds on `date`, with
  /// the entity each is an office of; in the order of offices.tsv.
  std::vector<std::pair<std::uint32_t, std::string_view>> offices_held(std::uint32_t holder,
                                                                       std::string_view date) const;
  /// True for a given name of firstnames.txt (folded; compounds joined by '-': "jean-yves").
  bool is_first_name(std::string_view folded) const;
  /// The same for a token of a Segmentation, given its `Segmentation::hashes` entry.
  bool is_first_name(std::string_view folded, std::uint32_t hash) const;
  /// True for a name particle of particles.txt ("de", "van", "al").
  bool is_particle(std::string_view folded) const;
  /// Which short forms (`~` aliases of names, surnames of people) match() returns.
  enum class ShortForms {
    all,         ///< every one
    introduced,  ///< only those of an entity that a full name matched at or before their first
                 ///< token: the resolver accepts no other (unless explaining, it drops the rest),
                 ///< and a surname shared by thousands of people would yield thousands of them
  };
  /// Every alias match in the tokens of `seg`, sentence by sentence, in order of first token;
  /// for each start token, every alias that ends there (longest first). Overlap resolution is the
  /// resolver's job. O(tokens × longest alias), plus one test per short form sharing a matched
  /// node (a few nanoseconds each, no alias record read).
  std::vector<GazetteerMatch> match(const Segmentation& seg, ShortForms short_forms = ShortForms::all) const;

  /// Writes a snapshot of this gazetteer to `file` (replaced whole: readers never see half of it)
  /// that load() reads back many times faster than the sources build: for a million people, about
  /// a tenth of the build time (docs/PERFORMANCE.md). `key` is stored with it for load() to check,
  /// typically a fingerprint of the sources (Pipeline's gazetteer cache uses one). The format is
  /// this build's, in this machine's byte order: a snapshot is a cache, not an exchange format.
  Status save(const std::filesystem::path& file, std::uint64_t key = 0) const;
  /// Reads a snapshot written by save(). Fails with ErrorCode::snapshot, naming the file (and the
  /// byte offset where it can), on a file that is not a snapshot, of another format or build of
  /// nercore, saved with another key, cut short, damaged (its checksum) or inconsistent (every
  /// index and table shape is checked); with ErrorCode::io when it cannot be read.
  static Result<Gazetteer> load(const std::filesystem::path& file, std::uint64_t key = 0);

  struct Impl;

 private:
  friend class GazetteerBuilder;
  bool followed_by_name(const Segmentation& seg, std::uint32_t token) const;
  explicit Gazetteer(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace nercore
