// SPDX-License-Identifier: MIT
// File: document.cpp
#include "nercore/document.hpp"

#include <array>

#include "nercore/version.hpp"

namespace nercore {
namespace {
constexpr std::array<std::string_view, 5> kEntityTypes = {"PERSON", "STATE", "ORGANIZATION",
                                                           "LOCATION", "BLOC"};
constexpr std::array<std::string_view, 9> kRelationTypes = {
    "SUPPORT", "ACCUSE", "MEET", "CRITICIZE", "SUPPLY", "COOPERATE", "ATTACK", "SANCTION",
    "CO_OCCURS"};
constexpr std::array<std::string_view, 4> kModalities = {"asserted", "reported", "future",
                                                          "negated"};

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}
}  // namespace

const char* version() noexcept { return NERCORE_VERSION_STRING; }

std::string_view to_string(EntityType t) noexcept { return kEntityTypes[static_cast<int>(t)]; }
std::optional<EntityType> parse_entity_type(std::string_view s) noexcept {
  return parse<EntityType>(kEntityTypes, s);
}
bool is_actor_type(EntityType t) noexcept { return t != EntityType::location; }

std::string_view to_string(MentionKind k) noexcept {
  return k == MentionKind::name ? "name" : "descriptor";
}

std::string_view to_string(RelationType t) noexcept {
  return kRelationTypes[static_cast<int>(t)];
}
std::optional<RelationType> parse_relation_type(std::string_view s) noexcept {
  return parse<RelationType>(kRelationTypes, s);
}
bool is_symmetric(RelationType t) noexcept {
  return t == RelationType::meet || t == RelationType::cooperate || t == RelationType::co_occurs;
}

std::string_view to_string(Modality m) noexcept { return kModalities[static_cast<int>(m)]; }
std::optional<Modality> parse_modality(std::string_view s) noexcept {
  return parse<Modality>(kModalities, s);
}

const Entity* Document::find_entity(std::string_view id) const noexcept {
  for (const Entity& e : entities)
    if (e.id == id) return &e;
  return nullptr;
}

}  // namespace nercore
