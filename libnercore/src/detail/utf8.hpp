// SPDX-License-Identifier: MIT
// File: detail/utf8.hpp
// Private: UTF-8 decoding and the per-character fold used by normalization and tokenization.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nercore::detail {

inline constexpr char32_t kReplacement = 0xFFFD;

/// Decodes the code point at byte `i` of `s`. Returns its length in bytes (1–4), or 0 if the
/// bytes at `i` are not valid UTF-8 (then `cp` is U+FFFD and the caller advances by one byte).
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) { cp = c; return 1; }
  cp = kReplacement;
  std::size_t len;
  char32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > n) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  cp = v;
  return len;
}

/// Appends the UTF-8 encoding of `cp`.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Character classes for tokenization.
enum class CharClass : std::uint8_t {
  space,       ///< white space, including NBSP and narrow NBSP
  word,        ///< letter or digit
  mark,        ///< combining mark (continues a word)
  apostrophe,  ///< ' ’ ʼ ‘ ´ `
  hyphen,      ///< - ‐ ‑ ‒ – —
  other,       ///< punctuation, symbols, U+FFFD
};

struct CharInfo {
  CharClass cls = CharClass::other;
  bool upper = false;
  bool lower = false;
  bool digit = false;
};

/// Class and case of a code point (ICU character properties; a table for the BMP below U+3000).
CharInfo char_info(char32_t cp) noexcept;

/// Appends the folded form of one code point: case folded, accents removed, apostrophes to ',
/// hyphens to -, spaces to ' '. Combining marks fold to nothing. Thread-safe.
void append_folded(std::string& out, char32_t cp);

/// Code points below this have their class and fold in CharTables.
inline constexpr char32_t kCharTableSize = 0x3000;

/// The folded form of one code point, at most 7 bytes; `size == kNoFold` sends the caller to
/// append_folded (a longer fold).
struct FoldEntry {
  char bytes[7];
  std::uint8_t size;
};
inline constexpr std::uint8_t kNoFold = 0xFF;

/// Class, case and fold of every code point below kCharTableSize, computed once from ICU. The fold
/// of an ASCII character is that of append_folded (lower case, white space to ' ', nothing else
/// changed).
struct CharTables {
  CharInfo info[kCharTableSize];
  FoldEntry fold[kCharTableSize];
};

/// The tables, built on first use (thread-safe). Take the reference once outside hot loops.
const CharTables& char_tables() noexcept;

/// Appends the folded form of `cp` using `t` (the same bytes as append_folded).
inline void append_folded_fast(const CharTables& t, std::string& out, char32_t cp) {
  if (cp < kCharTableSize) {
    const FoldEntry& f = t.fold[cp];
    if (f.size == 1) {
      out.push_back(f.bytes[0]);
      return;
    }
    if (f.size != kNoFold) {
      out.append(f.bytes, f.size);
      return;
    }
  }
  append_folded(out, cp);
}

/// Hash of a folded word, as stored in Segmentation::hashes and used by the token tries. Eight
/// bytes per step; words are short.
inline std::uint32_t hash_word(std::string_view s) noexcept {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = kMul ^ (s.size() * 0xBF58476D1CE4E5B9ULL);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return static_cast<std::uint32_t>(h);
}

}  // namespace nercore::detail
