// SPDX-License-Identifier: MIT
// File: text.hpp
// UTF-8 validation and the normalization used for matching: NFC, case folding, accent folding, and
// one spelling for apostrophes (’ ' ʼ), hyphens (- ‐ ‑ – —) and spaces (NBSP, narrow NBSP), with a
// map from every normalized byte back to the original input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nercore {

/// Where and why a byte string is not valid UTF-8.
struct Utf8Error {
  std::size_t offset = 0;  ///< byte offset of the first byte of the bad sequence
  std::string reason;      ///< "invalid lead byte 0xff", "truncated sequence", ...
};

/// The first UTF-8 error in `text`, or std::nullopt if it is valid. O(n), no allocation on success.
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

/// Text folded for matching, with a map back to the original.
///
/// `text` is the folded form (lower case, no accents, ASCII apostrophe, hyphen and space). For
/// every byte i of `text`, `begin[i]` and `end[i]` are the original byte range of the character
/// it came from; a folded range [b, e) is original [begin[b], end[e - 1]). Invalid UTF-8 bytes
/// fold to U+FFFD and keep their own offsets.
struct NormalizedText {
  std::string text;
  std::vector<std::uint32_t> begin;
  std::vector<std::uint32_t> end;

  /// The original byte span of folded bytes [b, e); e > b.
  std::pair<std::uint32_t, std::uint32_t> original(std::size_t b, std::size_t e) const {
    return {begin[b], end[e - 1]};
  }
};

/// Folds the whole of `text` (see NormalizedText). O(n).
NormalizedText normalize(std::string_view text);

/// The folded form of a phrase, as used for gazetteer keys: `fold("L’Élysée") == "l'elysee"`.
std::string fold(std::string_view text);

/// A lower-case ASCII slug for ids: `slug("Jean-Yves Le Drian") == "jean_yves_le_drian"`.
std::string slug(std::string_view text);

}  // namespace nercore
