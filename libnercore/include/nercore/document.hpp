// SPDX-License-Identifier: MIT
// File: document.hpp
// The plain value types that annotation produces: spans, mentions, entities, relations and the
// per-document result. All spans are UTF-8 byte offsets into the original input, end exclusive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nercore {

/// Entity types, as spelled in the evaluation guidelines (PERSON, STATE, ...).
enum class EntityType : std::uint8_t { person, state, organization, location, bloc };

/// "PERSON", "STATE", "ORGANIZATION", "LOCATION", "BLOC".
std::string_view to_string(EntityType type) noexcept;
/// Parses the upper-case spelling; std::nullopt for anything else.
std::optional<EntityType> parse_entity_type(std::string_view s) noexcept;
/// True for the types that can be the source or target of a relation (all but LOCATION).
bool is_actor_type(EntityType type) noexcept;

/// A half-open byte range [begin, end) of the original input.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const noexcept { return end - begin; }
  bool overlaps(Span o) const noexcept { return begin < o.end && o.begin < end; }
  bool contains(Span o) const noexcept { return begin <= o.begin && o.end <= end; }
  friend bool operator==(Span, Span) = default;
};

/// A name is a proper name (`Poutine`); a descriptor a definite description (`président russe`).
enum class MentionKind : std::uint8_t { name, descriptor };
std::string_view to_string(MentionKind kind) noexcept;

/// One occurrence of an entity in the text.
struct Mention {
  Span span;                 ///< byte offsets into the original input
  std::string text;          ///< the original bytes of the span
  std::string entity;        ///< id of the entity it refers to
  EntityType type = EntityType::person;
  MentionKind kind = MentionKind::name;
  std::string rule;          ///< what produced it: "gazetteer:<file>:<line>", "rule:<id>", ...
  std::string stands_for;    ///< metonymy: the state a capital or seat of power stands for, or ""
};

/// An entity of the document with the indices of its mentions in Document::mentions. An entity
/// that a relation names only through a demonym adjective (« les troupes nord-coréennes ») has no
/// mentions.
struct Entity {
  std::string id;
  EntityType type = EntityType::person;
  std::string name;                       ///< canonical name (gazetteer) or first surface form
  bool known = false;                     ///< true if it comes from a gazetteer
  std::vector<std::size_t> mentions;      ///< indices into Document::mentions, in text order
  std::vector<std::pair<std::string, std::string>> attributes;  ///< from the gazetteer
};

/// Relation types of the guidelines, plus the untyped sentence co-occurrence.
enum class RelationType : std::uint8_t {
  support, accuse, meet, criticize, supply, cooperate, attack, sanction, co_occurs
};
std::string_view to_string(RelationType type) noexcept;
std::optional<RelationType> parse_relation_type(std::string_view s) noexcept;
/// MEET, COOPERATE and CO_OCCURS have no direction.
bool is_symmetric(RelationType type) noexcept;

/// How sure the text is. Ordered from most to least factual.
enum class Modality : std::uint8_t { asserted, reported, future, negated };
std::string_view to_string(Modality m) noexcept;
std::optional<Modality> parse_modality(std::string_view s) noexcept;

/// Why a relation was extracted: a sentence, the trigger in it, and the sentence text.
struct Evidence {
  Span sentence;
  Span trigger;
  std::string text;       ///< the sentence, as in the input
  Modality modality = Modality::asserted;
};

/// A directed relation between two entities (document level: one per source/type/target).
struct Relation {
  std::string source;
  std::string target;
  RelationType type = RelationType::support;
  Modality modality = Modality::asserted;  ///< the most factual modality of its evidence
  std::string reported_by;                 ///< entity id of the source of a report, or ""
  std::string cameo;                       ///< CAMEO code of the trigger entry
  double goldstein = 0.0;                  ///< Goldstein weight of the trigger entry
  double confidence = 0.0;                 ///< 0..1, how sure the builder is of the arguments
  std::string trigger_id;                  ///< id of the trigger entry that fired
  std::vector<Evidence> evidence;          ///< every statement of it in the document
  /// +1 cooperative, -1 conflictual, from the Goldstein weight.
  int sign() const noexcept { return goldstein < 0 ? -1 : 1; }
};

/// Two entities named in the same sentence, counted per sentence (undirected, a < b).
struct CoOccurrence {
  std::string a;
  std::string b;
  std::uint32_t count = 0;
};

/// Why a candidate mention was kept or dropped (ResolveOptions::explain).
struct Explanation {
  Span span;
  std::string text;      ///< the candidate's text
  std::string entity;    ///< the entity it would refer to
  std::string rule;      ///< what proposed it ("gazetteer:file:line", "rule:id", "role:file:line")
  bool kept = false;
  std::string reason;    ///< "longest match", "overlaps 'Kim Jong-un' (gazetteer:...)", ...
};

/// What annotation noticed about its input.
struct Diagnostics {
  std::size_t invalid_utf8_bytes = 0;          ///< bytes replaced by U+FFFD
  std::optional<std::size_t> first_invalid;    ///< byte offset of the first one
  std::size_t pair_cap_hits = 0;               ///< sentences whose actor pairs were capped
};

/// Everything annotation found in one text. A plain value type.
struct Document {
  std::string id;                          ///< caller-given id (file name, JSON Lines id)
  std::string date;                        ///< YYYY-MM-DD used to resolve descriptors
  std::size_t bytes = 0;                   ///< size of the input
  std::vector<Span> sentences;
  std::vector<Mention> mentions;           ///< sorted by span
  std::vector<Entity> entities;            ///< in order of first mention
  std::vector<Relation> relations;         ///< typed relations, deduplicated
  std::vector<CoOccurrence> cooccurrences; ///< sorted by (a, b)
  std::vector<Explanation> explanations;   ///< only with ResolveOptions::explain
  Diagnostics diagnostics;

  /// The entity with this id, or nullptr.
  const Entity* find_entity(std::string_view id) const noexcept;
};

}  // namespace nercore
