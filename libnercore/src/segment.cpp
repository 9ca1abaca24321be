// SPDX-License-Identifier: MIT
// File: segment.cpp
// Sentences from ICU's French sentence BreakIterator, minus the breaks after abbreviations and
// initials; tokens from a UTF-8 scanner over ICU character properties.
#include "nercore/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <unordered_set>

#include "detail/utf8.hpp"
#include "nercore/text.hpp"

namespace nercore {

struct Segmenter::Impl {
  std::unique_ptr<icu::BreakIterator> prototype;
  std::unordered_set<std::string> abbreviations;  // folded, without the final period
  std::uint32_t max_sentence_bytes = 65536;
};

namespace {

// Used when SegmenterOptions::abbreviations is empty; gazetteers/fr/abbreviations.txt extends it.
constexpr const char* kDefaultAbbreviations[] = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mgr", "St", "Ste", "Sts",
    "gén", "Gén", "col", "Col", "lt", "Lt", "cdt", "Cdt", "cf", "p", "pp", "vol", "art", "av",
    "env", "ex", "n°", "No", "Jr", "Sr", "S.E", "S.M"};

bool is_space(char32_t cp) { return detail::char_info(cp).cls == detail::CharClass::space; }

// The word (letters only) that ends just before byte `dot` (the position of a period).
std::string_view word_before(std::string_view text, std::size_t dot) {
  std::size_t b = dot;
  while (b > 0) {
    // step back one code point
    std::size_t p = b - 1;
    while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
    char32_t cp;
    if (detail::decode_utf8(text, p, cp) == 0) break;
    auto ci = detail::char_info(cp);
    if (ci.cls != detail::CharClass::word && cp != U'°' && cp != U'.') break;
    b = p;
  }
  return text.substr(b, dot - b);
}

}  // namespace

Result<Segmenter> Segmenter::create(SegmenterOptions options) {
  auto impl = std::make_shared<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->prototype.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getFrench(), status));
  if (U_FAILURE(status) || !impl->prototype)
    return Error{ErrorCode::icu, std::string("cannot create the ICU sentence break iterator: ") +
                                     u_errorName(status), "", 0};
  if (options.abbreviations.empty())
    for (const char* a : kDefaultAbbreviations) options.abbreviations.emplace_back(a);
  for (const auto& a : options.abbreviations) {
    std::string w = a;
    while (!w.empty() && w.back() == '.') w.pop_back();
    if (!w.empty()) impl->abbreviations.insert(w);
  }
  impl->max_sentence_bytes = std::max<std::uint32_t>(options.max_sentence_bytes, 256);
  return Segmenter(std::move(impl));
}

Segmentation Segmenter::segment(std::string_view text) const {
  Segmentation out;
  const Impl& im = *impl_;
  const std::size_t n = text.size();

  // 1. Candidate boundaries from ICU.
  std::vector<std::size_t> bounds;
  {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(n), &status);
    std::unique_ptr<icu::BreakIterator> bi(im.prototype->clone());
    if (U_SUCCESS(status) && bi) {
      bi->setText(ut, status);
      if (U_SUCCESS(status))
        for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next())
          bounds.push_back(static_cast<std::size_t>(b));
    }
    utext_close(ut);
    if (bounds.empty() || bounds.back() != n) bounds.push_back(n);
  }

  // 2. Drop the breaks after abbreviations and initials (unless a line ends there).
  std::vector<std::size_t> kept;
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    std::size_t b = bounds[k];
    if (b >= n) { kept.push_back(n); continue; }
    std::size_t e = b;
    bool newline = false;
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' ||
                     text[e - 1] == '\r' || static_cast<unsigned char>(text[e - 1]) >= 0x80)) {
      if (static_cast<unsigned char>(text[e - 1]) >= 0x80) {
        // a multi-byte space such as NBSP? step back only over spaces
        std::size_t p = e - 1;
        while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
        char32_t cp;
        if (detail::decode_utf8(text, p, cp) == 0 || !is_space(cp)) break;
        e = p;
        continue;
      }
      if (text[e - 1] == '\n' || text[e - 1] == '\r') newline = true;
      --e;
    }
    if (!newline && e > 0 && text[e - 1] == '.') {
      std::string_view w = word_before(text, e - 1);
      while (!w.empty() && w.front() == '.') w.remove_prefix(1);
      std::string_view last = w;
      if (auto dot = last.rfind('.'); dot != std::string_view::npos) last = last.substr(dot + 1);
      bool initial = false;
      if (!last.empty()) {
        char32_t cp;
        std::size_t len = detail::decode_utf8(last, 0, cp);
        initial = len == last.size() && detail::char_info(cp).upper;
      }
      if (initial || im.abbreviations.count(std::string(w)) || im.abbreviations.count(std::string(last)))
        continue;
    }
    kept.push_back(b);
  }

  // 3. Sentence spans, trimmed, long ones cut at a space.
  auto trim_push = [&](std::size_t b, std::size_t e) {
    while (b < e) {
      char32_t cp;
      std::size_t len = detail::decode_utf8(text, b, cp);
      if (len == 0 || !is_space(cp)) break;
      b += len;
    }
    while (e > b) {
      std::size_t p = e - 1;
      while (p > b && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
      char32_t cp;
      std::size_t len = detail::decode_utf8(text, p, cp);
      if (len == 0 || p + len != e || !is_space(cp)) break;
      e = p;
    }
    if (e > b) out.sentences.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  };
  std::size_t start = 0;
  for (std::size_t b : kept) {
    while (b - start > im.max_sentence_bytes) {
      std::size_t cut = start + im.max_sentence_bytes;
      std::size_t sp = text.rfind(' ', cut);
      if (sp == std::string_view::npos || sp <= start) {
        while (cut > start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        sp = cut;
      }
      if (sp <= start) sp = start + im.max_sentence_bytes;
      trim_push(start, sp);
      start = sp;
    }
    if (b > start) trim_push(start, b);
    start = std::max(start, b);
  }

  // 4. Tokens.
  out.folded.reserve(n);
  out.tokens.reserve(n / 5);
  out.sentence_first_token.reserve(out.sentences.size() + 1);
  for (std::uint32_t s = 0; s < out.sentences.size(); ++s) {
    out.sentence_first_token.push_back(static_cast<std::uint32_t>(out.tokens.size()));
    const Span sp = out.sentences[s];
    std::size_t i = sp.begin;
    bool space_before = true;
    Token* word = nullptr;
    bool word_has_letter = false;
    while (i < sp.end) {
      char32_t cp;
      std::size_t len = detail::decode_utf8(text, i, cp);
      if (len == 0) len = 1;
      detail::CharInfo ci = detail::char_info(cp);
      if (ci.cls == detail::CharClass::space) {
        word = nullptr;
        space_before = true;
        i += len;
        continue;
      }
      const bool continues = word && (ci.cls == detail::CharClass::word || ci.cls == detail::CharClass::mark);
      if (continues) {
        detail::append_folded(out.folded, cp);
        word->span.end = static_cast<std::uint32_t>(i + len);
        if (ci.cls == detail::CharClass::word && !ci.digit) {
          if (!ci.upper) word->flags &= static_cast<std::uint8_t>(~Token::kAllCaps);
          word_has_letter = true;
        }
        word->norm_size = static_cast<std::uint32_t>(out.folded.size() - word->norm_begin);
        i += len;
        continue;
      }
      if (word && !word_has_letter) word->flags &= static_cast<std::uint8_t>(~Token::kAllCaps);
      Token t;
      t.span = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len)};
      t.sentence = s;
      t.norm_begin = static_cast<std::uint32_t>(out.folded.size());
      detail::append_folded(out.folded, cp);
      t.norm_size = static_cast<std::uint32_t>(out.folded.size() - t.norm_begin);
      if (space_before) t.flags |= Token::kSpaceBefore;
      word = nullptr;
      if (ci.cls == detail::CharClass::word) {
        t.flags |= Token::kWord;
        if (ci.digit) t.flags |= Token::kDigit;
        if (ci.upper) t.flags |= Token::kCapital | Token::kAllCaps;
        word_has_letter = !ci.digit;
        out.tokens.push_back(t);
        word = &out.tokens.back();
      } else {
        if (ci.cls == detail::CharClass::apostrophe || ci.cls == detail::CharClass::hyphen)
          t.flags |= Token::kJoiner;
        out.tokens.push_back(t);
      }
      space_before = false;
      i += len;
    }
    if (word && !word_has_letter) word->flags &= static_cast<std::uint8_t>(~Token::kAllCaps);
  }
  out.sentence_first_token.push_back(static_cast<std::uint32_t>(out.tokens.size()));
  return out;
}

}  // namespace nercore
