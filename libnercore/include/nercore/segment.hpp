// SPDX-License-Identifier: MIT
// File: segment.hpp
// Sentence and word segmentation for French. Sentences follow the Unicode sentence-break rules of
// ICU's sentence BreakIterator (applied by a UTF-8 scanner over ICU's Sentence_Break property; ICU
// itself for invalid UTF-8), with no break after abbreviations (`M.`, `Mme`, `Dr`, `St`) or
// initials (`F. M.`). Words come from a UTF-8 scanner over ICU character properties: a word token
// is a run of letters, digits and combining marks; every other visible character is a token of its
// own.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nercore/document.hpp"
#include "nercore/result.hpp"

namespace nercore {

/// One token of the text.
struct Token {
  Span span;                    ///< original bytes
  std::uint32_t norm_begin = 0; ///< folded form: Segmentation::folded.substr(norm_begin, norm_size)
  std::uint32_t norm_size = 0;
  std::uint32_t sentence = 0;   ///< index into Segmentation::sentences
  std::uint8_t flags = 0;       ///< Token::k* bits

  static constexpr std::uint8_t kWord = 1;        ///< letters/digits
  static constexpr std::uint8_t kCapital = 2;     ///< first letter is upper case
  static constexpr std::uint8_t kAllCaps = 4;     ///< every letter is upper case (and >= 1 letter)
  static constexpr std::uint8_t kJoiner = 8;      ///< hyphen or apostrophe (joins words in names)
  static constexpr std::uint8_t kSpaceBefore = 16;///< whitespace right before it
  static constexpr std::uint8_t kDigit = 32;      ///< starts with a digit

  bool is_word() const noexcept { return flags & kWord; }
  bool is_capitalized() const noexcept { return flags & kCapital; }
  bool is_all_caps() const noexcept { return flags & kAllCaps; }
  bool is_joiner() const noexcept { return flags & kJoiner; }
};

/// Sentences and tokens of one text.
struct Segmentation {
  std::vector<Span> sentences;
  std::vector<std::uint32_t> sentence_first_token;  ///< size sentences.size() + 1
  std::vector<Token> tokens;
  std::string folded;                               ///< folded forms of the tokens, back to back
  /// A 32-bit hash of each word token's folded form (0 for other tokens), which the token tries
  /// use to look words up once; filled by Segmenter::segment. A Segmentation built by hand may
  /// leave it empty: it is then computed where needed.
  std::vector<std::uint32_t> hashes;

  /// The folded form of a token. Its bytes must lie inside `folded` (norm_begin + norm_size <=
  /// folded.size()), as the Segmenter makes them; they are not checked here (hot path).
  std::string_view norm(const Token& t) const noexcept { return {folded.data() + t.norm_begin, t.norm_size}; }
  std::string_view norm(std::size_t token) const noexcept { return norm(tokens[token]); }
};

/// Options of the Segmenter. Defaults in parentheses.
///   abbreviations: words after which a period does not end a sentence (M, Mme, Mlle, MM, Dr,
///     Pr, Me, Mgr, St, Ste, gén, col, cf, etc, av, J.-C, ...); single capital letters (initials)
///     never end a sentence either.
///   max_sentence_bytes: a sentence longer than this is cut at a space (65536), so that no stage
///     downstream sees unbounded sentences.
struct SegmenterOptions {
  std::vector<std::string> abbreviations;
  std::uint32_t max_sentence_bytes = 65536;
};

/// Splits French text into sentences and tokens.
///
/// Build cost: one ICU BreakIterator (about 100 µs) and, once per process, the character tables
/// (a few ms). Memory: a few KB. Segmenting costs about 2–4 ns per byte and allocates only the
/// result. Thread-safe: all methods may be called concurrently.
///
/// Example:
///   auto seg = nercore::Segmenter::create().value();
///   nercore::Segmentation s = seg.segment("M. Poutine est arrivé. Il a parlé.");
///   // s.sentences.size() == 2
class Segmenter {
 public:
  static Result<Segmenter> create(SegmenterOptions options = {});
  /// Segments `text` (UTF-8; invalid bytes are treated as single symbols). O(n).
  Segmentation segment(std::string_view text) const;

  struct Impl;

 private:
  explicit Segmenter(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  // Segments into `out`; sets `invalid` if the text is not UTF-8 (then the boundaries from the
  // scanner may differ from ICU's, and segment() starts again with `use_icu`).
  static void segment_into(const Impl& im, std::string_view text, bool use_icu, Segmentation& out,
                           bool& invalid);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace nercore
