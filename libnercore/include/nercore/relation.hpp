// SPDX-License-Identifier: MIT
// File: relation.hpp
// The trigger lexicon (relations.tsv, modality.tsv, grammar.tsv) and the relation builder that
// turns triggers and the actors around them into typed, directed relations with a modality.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nercore/document.hpp"
#include "nercore/gazetteer.hpp"
#include "nercore/result.hpp"
#include "nercore/segment.hpp"

namespace nercore {

/// One row of relations.tsv.
struct TriggerEntry {
  std::string id;
  RelationType type = RelationType::support;
  std::string cameo;
  double goldstein = 0.0;
  std::vector<std::string> forms;    ///< as written
  std::vector<std::string> targets;  ///< prepositions introducing the target; "_" = direct object
  bool noun = false;                 ///< a nominalization (`le soutien de X à Y`)
  bool future = false;               ///< the forms are a futur
  bool reported = false;             ///< the forms are a conditionnel of hearsay
  bool reverse = false;              ///< the target slot holds the source (`allié de`)
  bool adjacent = false;             ///< the target follows the form at once (`son allié, X`)
  bool no_subject = false;           ///< never takes the clause subject as source (`sanctions imposées à X`)
  std::string source;                ///< "file:line"
};

/// One row of modality.tsv.
struct ModalityCue {
  std::string cue;
  Modality modality = Modality::reported;
  enum class Scope : std::uint8_t { sentence, before, after } scope = Scope::sentence;
  std::string source;
};

/// Compiled trigger lexicon. Thread-safe: all methods may be called concurrently.
///
/// Example:
///   auto lex = nercore::TriggerLexicon::from_directory("gazetteers/fr").value();
///   lex.entries().size();  // rows of relations.tsv
class TriggerLexicon {
 public:
  TriggerLexicon();  ///< empty: finds no relation
  /// Loads relations.tsv, modality.tsv and grammar.tsv from `dir`.
  static Result<TriggerLexicon> from_directory(const std::filesystem::path& dir);
  /// From memory. `grammar` has the format of grammar.tsv (class TAB words); `dir` names the
  /// texts in messages (`dir/relations.tsv:12`).
  static Result<TriggerLexicon> from_text(std::string_view relations, std::string_view modality,
                                          std::string_view grammar,
                                          std::string_view dir = "inline");

  const std::vector<TriggerEntry>& entries() const noexcept;
  const std::vector<ModalityCue>& cues() const noexcept;
  /// The one-word forms of the verb rows and the one-word modality cues, folded and sorted: the
  /// words that a verb of a clause may be (`dénonce`, `affirme`), but the actor nouns of
  /// grammar.tsv (`allié`, `partenaires`). Pipeline ends a description before one of them, so that
  /// « le gouvernement polonais dénonce … » keeps its verb.
  std::vector<std::string> verb_words() const;

  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }

 private:
  explicit TriggerLexicon(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

/// Options of the relation builder. Defaults in parentheses.
///   max_actors_per_sentence: actors considered per sentence (64); beyond it the sentence's pair
///     work is capped and Diagnostics::pair_cap_hits counts it, so 100,000 names in one sentence
///     cost linear time, not quadratic.
///   cooccurrence: also count CO_OCCURS pairs (true).
struct RelationOptions {
  std::uint32_t max_actors_per_sentence = 64;
  bool cooccurrence = true;
};

/// Builds the document's relations (deduplicated by source/type/target, with every evidence)
/// and co-occurrences from the resolved mentions. `mentions` are sorted by span.
/// O(sentences × triggers × actors in the sentence).
void build_relations(std::string_view text, const Segmentation& seg,
                     const std::vector<Mention>& mentions, const Gazetteer& gazetteer,
                     const TriggerLexicon& lexicon, const RelationOptions& options,
                     Document& doc);

}  // namespace nercore
