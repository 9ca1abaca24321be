// SPDX-License-Identifier: MIT
// File: pipeline.hpp
// The whole pipeline: text -> segmentation -> gazetteer and rule candidates -> resolver ->
// relations -> Document. Built once, immutable, shared across threads.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "nercore/document.hpp"
#include "nercore/gazetteer.hpp"
#include "nercore/regex_recognizer.hpp"
#include "nercore/relation.hpp"
#include "nercore/resolve.hpp"
#include "nercore/result.hpp"
#include "nercore/segment.hpp"

namespace nercore {

/// Everything a Pipeline is made of. Defaults in parentheses.
///   gazetteer: entities, offices, roles (empty).
///   rules: RE2 rules for unknown names (none).
///   lexicon: relation triggers and modality cues (empty: no relations).
///   segmenter: SegmenterOptions (French abbreviations).
///   resolve: ResolveOptions (priority policy; date "" = today).
///   relations: RelationOptions (64 actors per sentence, co-occurrence on).
struct PipelineOptions {
  Gazetteer gazetteer;
  RegexRecognizer rules;
  TriggerLexicon lexicon;
  SegmenterOptions segmenter;
  ResolveOptions resolve;
  RelationOptions relations;
};

/// How Pipeline::from_directory gets its gazetteer.
struct DirectoryOptions {
  /// A gazetteer snapshot (Gazetteer::save) to read instead of building the gazetteer, when it was
  /// saved from the directory's current gazetteer files (the directory's path, and the name, size
  /// and bytes of the entity files, offices.tsv, roles.tsv, firstnames.txt, particles.txt) by this
  /// build of nercore. Otherwise (missing, stale, damaged, of another build) the gazetteer is built from
  /// the files and the snapshot written there. "" builds every time.
  std::filesystem::path gazetteer_cache;
};

/// What Pipeline::from_directory did with DirectoryOptions::gazetteer_cache.
enum class GazetteerCacheUse {
  none,     ///< no cache asked for
  loaded,   ///< the snapshot was read
  written,  ///< the gazetteer was built and the snapshot written (it was missing or unusable)
};

/// True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 no).
bool is_valid_date(std::string_view s) noexcept;

/// The compiled extractor.
///
/// Build cost: loading the bundled gazetteers takes well under a second. Memory: the gazetteer
/// plus about 1 KB. Thread-safe: all methods may be called concurrently; copies are cheap and
/// share the compiled data.
///
/// Example:
///   auto p = nercore::Pipeline::from_directory("gazetteers/fr").value();
///   nercore::Document d = p.annotate("Vladimir Poutine a rencontré Kim Jong-un.", "doc1");
///   for (const auto& r : d.relations) std::cout << r.source << " " << r.target << "\n";
class Pipeline {
 public:
  /// Compiles the options into a pipeline.
  static Result<Pipeline> create(PipelineOptions options);
  /// Loads a gazetteer directory: entity files, offices.tsv, roles.tsv, rules.tsv,
  /// relations.tsv, modality.tsv, actor_nouns.txt, abbreviations.txt.
  static Result<Pipeline> from_directory(const std::filesystem::path& dir);
  /// The same, with a gazetteer snapshot as a cache (DirectoryOptions). `cache_use`, if given,
  /// says whether the snapshot was read or written. A snapshot that cannot be written is an error.
  static Result<Pipeline> from_directory(const std::filesystem::path& dir, const DirectoryOptions& options,
                                         GazetteerCacheUse* cache_use = nullptr);

  /// Annotates one UTF-8 text. Never fails: invalid UTF-8 bytes count as U+FFFD and are reported
  /// in Document::diagnostics, and every span still points into `text`. `date` (YYYY-MM-DD)
  /// resolves descriptors; "" uses the options' date, or today.
  Document annotate(std::string_view text, std::string_view doc_id = {},
                    std::string_view date = {}) const;

  /// One text of annotate_many(), with what annotate() takes beside it.
  struct Text {
    std::string_view text;
    std::string_view id;
    std::string_view date;
  };
  /// Annotates several texts: the same documents, in the same order, as one annotate() per text,
  /// but stage by stage over all of them, so that each stage's tables (the rules' automata, the
  /// tries) stay in the CPU caches from one text to the next: 1.2 to 1.3 times faster on batches
  /// of a few dozen news articles. Memory grows with the batch (the texts' segmentations are kept
  /// until the last stage): give it tens of articles at a time, not a whole corpus.
  std::vector<Document> annotate_many(std::span<const Text> texts) const;

  const PipelineOptions& options() const noexcept;

  struct Impl;

 private:
  explicit Pipeline(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace nercore
