// SPDX-License-Identifier: MIT
// File: descriptors.hpp
// Common-noun descriptions that refer to an entity in context (descriptors.tsv): by apposition
// (« l’agence d’État KCNA »), by a complement (« l’administration Trump »), by a nationality
// adjective (« le régime nord-coréen »), by anaphora (« le pays »), or by an office of a named
// state (« le dirigeant suprême de la Corée du Nord »).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nercore/document.hpp"
#include "nercore/result.hpp"

namespace nercore {

/// One head noun of descriptors.tsv, with every way it may find its entity.
struct DescriptorHead {
  std::string head;                 ///< as written
  std::vector<std::string> words;   ///< folded words of the head
  EntityType type = EntityType::person;
  bool apposition = false;
  bool complement = false;
  bool adjective = false;
  bool anaphora = false;
  /// `anaphora:key=value`: the anaphora takes only an entity with that gazetteer attribute
  /// (« le mouvement islamiste » with `anaphora:kind=armed_group`); "" for any entity of the type.
  std::string anaphora_key, anaphora_value;
  bool counterpart = false;         ///< `counterpart`: the same office as the person named last
  std::vector<std::string> offices; ///< `office:X`
  std::string source;               ///< "file:line"
};

/// The compiled descriptor heads. Thread-safe: all methods may be called concurrently.
///
/// Example:
///   auto d = nercore::DescriptorLexicon::from_text("agence\tORGANIZATION\tapposition\n", "x").value();
///   d.heads().size();  // 1
class DescriptorLexicon {
 public:
  DescriptorLexicon();  ///< no heads: contextual descriptors are off
  static Result<DescriptorLexicon> from_file(const std::filesystem::path& file);
  static Result<DescriptorLexicon> from_text(std::string_view text, std::string_view source);
  /// This lexicon with `words` (any case and accents) added to its stop words; `*this` unchanged.
  DescriptorLexicon with_stop_words(const std::vector<std::string>& words) const;

  const std::vector<DescriptorHead>& heads() const noexcept;
  /// Heads whose first folded word is `word`.
  const std::vector<std::uint32_t>& starting_with(std::string_view word) const;
  /// True if a description stops before this folded word.
  bool is_stop(std::string_view word) const;
  /// The same two, for a token of a Segmentation: `hash` is its `Segmentation::hashes` entry (no
  /// hashing of the word again).
  const std::vector<std::uint32_t>& starting_with(std::string_view word, std::uint32_t hash) const;
  bool is_stop(std::string_view word, std::uint32_t hash) const;

  struct Impl;

 private:
  explicit DescriptorLexicon(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace nercore
