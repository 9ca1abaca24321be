// SPDX-License-Identifier: MIT
// File: text.cpp
// UTF-8 validation, the per-character fold (ICU full case folding, NFD, marks removed) and
// normalization with offset maps.
#include "nercore/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <mutex>
#include <vector>

#include "detail/utf8.hpp"

namespace nercore {
namespace detail {
namespace {

constexpr char32_t kTableSize = kCharTableSize;

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == 0x0060 ||
         c == 0x2032 || c == 0xFF07;
}
bool is_hyphen(char32_t c) {
  return c == U'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x00AD || c == 0xFE63 ||
         c == 0xFF0D;
}

CharInfo compute_info(char32_t cp) {
  CharInfo ci;
  UChar32 c = static_cast<UChar32>(cp);
  if (is_apostrophe(cp)) { ci.cls = CharClass::apostrophe; return ci; }
  if (is_hyphen(cp)) { ci.cls = CharClass::hyphen; return ci; }
  if (u_isUWhiteSpace(c) || cp == 0xFEFF) { ci.cls = CharClass::space; return ci; }
  int8_t gc = u_charType(c);
  if (gc == U_NON_SPACING_MARK || gc == U_COMBINING_SPACING_MARK || gc == U_ENCLOSING_MARK) {
    ci.cls = CharClass::mark;
    return ci;
  }
  if (cp != kReplacement && (u_isalpha(c) || u_isdigit(c))) {
    ci.cls = CharClass::word;
    ci.upper = u_isupper(c) || u_istitle(c);
    ci.lower = u_islower(c);
    ci.digit = u_isdigit(c);
  }
  return ci;
}

std::string compute_fold(char32_t cp) {
  std::string out;
  CharInfo ci = compute_info(cp);
  switch (ci.cls) {
    case CharClass::apostrophe: return "'";
    case CharClass::hyphen: return "-";
    case CharClass::space: return " ";
    case CharClass::mark: return "";
    default: break;
  }
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString s(static_cast<UChar32>(cp));
  s.foldCase();
  icu::UnicodeString d = U_SUCCESS(status) ? nfd->normalize(s, status) : s;
  if (U_FAILURE(status)) d = s;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    int8_t gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_COMBINING_SPACING_MARK || gc == U_ENCLOSING_MARK)
      continue;
    append_utf8(out, static_cast<char32_t>(c));
  }
  return out;
}

CharTables* build_tables() {
  auto* t = new CharTables();
  for (char32_t c = 0; c < kTableSize; ++c) {
    FoldEntry& f = t->fold[c];
    f.size = 0;
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    t->info[c] = compute_info(c);
    if (c < 0x80) {
      // append_folded's ASCII rule: lower case, ASCII white space to ' ', the rest unchanged.
      char b = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') b = ' ';
      f.bytes[0] = b;
      f.size = 1;
      continue;
    }
    std::string s = compute_fold(c);
    if (s.size() > sizeof f.bytes) {
      f.size = kNoFold;
    } else {
      std::memcpy(f.bytes, s.data(), s.size());
      f.size = static_cast<std::uint8_t>(s.size());
    }
  }
  return t;
}

}  // namespace

const CharTables& char_tables() noexcept {
  static const CharTables* const t = build_tables();  // never freed: used until exit
  return *t;
}

CharInfo char_info(char32_t cp) noexcept {
  if (cp < kTableSize) return char_tables().info[cp];
  return compute_info(cp);
}

void append_folded(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') out.back() = ' ';
    return;
  }
  if (cp < kTableSize) {
    const FoldEntry& f = char_tables().fold[cp];
    if (f.size != kNoFold) {
      out.append(f.bytes, f.size);
      return;
    }
  }
  out += compute_fold(cp);
}

}  // namespace detail

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) { ++i; continue; }
    char32_t cp;
    std::size_t len = detail::decode_utf8(text, i, cp);
    if (len == 0) {
      unsigned char c = p[i];
      std::string reason;
      if (c >= 0x80 && c <= 0xBF) reason = fmt::format("unexpected continuation byte 0x{:02x}", c);
      else if (c == 0xC0 || c == 0xC1 || c >= 0xF5) reason = fmt::format("invalid byte 0x{:02x}", c);
      else reason = fmt::format("truncated or malformed sequence starting with 0x{:02x}", c);
      return Utf8Error{i, std::move(reason)};
    }
    i += len;
  }
  return std::nullopt;
}

NormalizedText normalize(std::string_view text) {
  NormalizedText out;
  out.text.reserve(text.size());
  out.begin.reserve(text.size());
  out.end.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    std::size_t len = detail::decode_utf8(text, i, cp);
    if (len == 0) len = 1;  // invalid byte: U+FFFD of its own
    std::size_t before = out.text.size();
    detail::append_folded(out.text, cp);
    auto b = static_cast<std::uint32_t>(i), e = static_cast<std::uint32_t>(i + len);
    if (out.text.size() == before) {
      // A combining mark: it belongs to the character before it.
      if (!out.end.empty()) out.end.back() = e;
    } else {
      out.begin.resize(out.text.size(), b);
      out.end.resize(out.text.size(), e);
    }
    i += len;
  }
  return out;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    std::size_t len = detail::decode_utf8(text, i, cp);
    if (len == 0) len = 1;
    detail::append_folded(out, cp);
    i += len;
  }
  return out;
}

std::string slug(std::string_view text) {
  std::string f = fold(text), out;
  out.reserve(f.size());  // never longer than the folded text
  for (char c : f) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) out.push_back(c);
    else if (!out.empty() && out.back() != '_') out.push_back('_');
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) out = fmt::format("x{:08x}", static_cast<std::uint32_t>(std::hash<std::string>{}(f)));
  return out;
}

}  // namespace nercore
