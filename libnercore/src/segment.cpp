// SPDX-License-Identifier: MIT
// File: segment.cpp
// Sentences from a UTF-8 scanner that applies the Unicode sentence-break rules (UAX #29, the rules
// of ICU's sentence BreakIterator) over ICU's Sentence_Break property, minus the breaks after
// abbreviations and initials; text that is not valid UTF-8 goes through ICU's BreakIterator itself.
// Tokens from a UTF-8 scanner over ICU character properties, folded through the tables of text.cpp.
#include "nercore/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "detail/sentence_breaks.hpp"
#include "detail/token_trie.hpp"
#include "detail/utf8.hpp"
#include "nercore/text.hpp"

namespace nercore {

struct Segmenter::Impl {
  std::unique_ptr<icu::BreakIterator> prototype;
  // folded, without the final period
  std::unordered_set<std::string, detail::StringHash, std::equal_to<>> abbreviations;
  std::uint32_t max_sentence_bytes = 65536;
};

namespace detail {
namespace {

// Sentence_Break values (USentenceBreak) as small integers.
enum : std::uint8_t {
  kOther = U_SB_OTHER, kATerm = U_SB_ATERM, kClose = U_SB_CLOSE, kFormat = U_SB_FORMAT,
  kLower = U_SB_LOWER, kNumeric = U_SB_NUMERIC, kOLetter = U_SB_OLETTER, kSep = U_SB_SEP,
  kSp = U_SB_SP, kSTerm = U_SB_STERM, kUpper = U_SB_UPPER, kCR = U_SB_CR, kExtend = U_SB_EXTEND,
  kLF = U_SB_LF, kSContinue = U_SB_SCONTINUE, kInvalid = 0xFF,
};

const std::uint8_t* sentence_break_table() {
  static const std::uint8_t* const table = [] {
    auto* t = new std::uint8_t[kCharTableSize];
    for (char32_t c = 0; c < kCharTableSize; ++c)
      t[c] = static_cast<std::uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK));
    return t;
  }();
  return table;
}

inline bool is_para_sep(std::uint8_t c) { return c == kSep || c == kCR || c == kLF; }
inline bool is_saterm(std::uint8_t c) { return c == kATerm || c == kSTerm; }

// The text as a sequence of units: a code point with the Extend and Format code points after it
// (rule SB5), CR LF as one unit (SB3).
class Units {
 public:
  explicit Units(std::string_view text) : s_(text), table_(sentence_break_table()) {}

  struct Unit {
    std::uint8_t cls;
    std::size_t end;
  };

  // The unit at byte `i` (< size). kInvalid if the bytes there are not UTF-8.
  Unit at(std::size_t i) const {
    std::size_t len;
    std::uint8_t cls = cls_at(i, len);
    if (cls == kInvalid) return {kInvalid, i + 1};
    std::size_t e = i + len;
    if (cls == kCR) {
      if (e < s_.size() && s_[e] == '\n') ++e;
      return {kCR, e};
    }
    if (cls == kLF || cls == kSep) return {cls, e};
    while (e < s_.size()) {
      std::size_t l;
      std::uint8_t c = cls_at(e, l);
      if (c != kExtend && c != kFormat) break;
      e += l;
    }
    return {cls, e};
  }

 private:
  std::uint8_t cls_at(std::size_t i, std::size_t& len) const {
    const auto c = static_cast<unsigned char>(s_[i]);
    if (c < 0x80) {
      len = 1;
      return table_[c];
    }
    char32_t cp;
    len = decode_utf8(s_, i, cp);
    if (len == 0) return kInvalid;
    if (cp < kCharTableSize) return table_[cp];
    return static_cast<std::uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_SENTENCE_BREAK));
  }

  std::string_view s_;
  const std::uint8_t* table_;
};


// Bytes at which a sentence decision can start: . ! ? CR LF, and the lead bytes of every code point
// whose Sentence_Break is ATerm, STerm, Sep, CR or LF. Continuation bytes are never marked, so a
// scan may step over unmarked bytes one at a time.
const bool* decision_bytes() {
  static const bool* const table = [] {
    auto* t = new bool[256]();
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet set(icu::UnicodeString(
        u"[[:Sentence_Break=ATerm:][:Sentence_Break=STerm:][:Sentence_Break=Sep:]"
        u"[:Sentence_Break=CR:][:Sentence_Break=LF:]]"), status);
    if (U_FAILURE(status)) {
      for (int c = 0; c < 256; ++c) t[c] = true;  // no shortcut, still correct
      return t;
    }
    for (int32_t r = 0; r < set.getRangeCount(); ++r)
      for (UChar32 c = set.getRangeStart(r); c <= set.getRangeEnd(r); ++c) {
        std::string u8;
        append_utf8(u8, static_cast<char32_t>(c));
        t[static_cast<unsigned char>(u8[0])] = true;
      }
    return t;
  }();
  return table;
}

// Sentence_Break of the unit that ends at byte `end` (SB5: a code point and the Extend and Format
// after it), as the scanner would have classed it; kOther at the start of the text.
std::uint8_t class_before(std::string_view s, std::size_t end, const std::uint8_t* sbt) {
  bool extended = false;
  while (end > 0) {
    std::size_t p = end - 1;
    while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    char32_t cp;
    if (decode_utf8(s, p, cp) == 0) return kOther;
    const std::uint8_t c = cp < kCharTableSize
        ? sbt[cp]
        : static_cast<std::uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_SENTENCE_BREAK));
    if (c == kExtend || c == kFormat) {
      extended = true;
      end = p;
      continue;
    }
    // Extend and Format after a paragraph separator stand alone.
    if (extended && is_para_sep(c)) return kExtend;
    return c;
  }
  return extended ? kExtend : kOther;
}

}  // namespace

bool sentence_breaks(std::string_view text, std::vector<std::size_t>& out) {
  out.clear();
  const std::size_t n = text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const Units units(text);
  const std::uint8_t* const sbt = sentence_break_table();
  const bool* const decision = decision_bytes();
  std::size_t pos = 0;
  while (pos < n) {
    // Nothing to decide before the next marked byte.
    while (pos < n && !decision[p[pos]]) ++pos;
    if (pos >= n) break;
    const Units::Unit u = units.at(pos);
    if (u.cls == kInvalid) return false;
    if (is_para_sep(u.cls)) {  // SB4
      out.push_back(u.end);
      pos = u.end;
      continue;
    }
    if (!is_saterm(u.cls)) {
      pos = u.end;
      continue;
    }
    // A terminator: SATerm Close* Sp* ParaSep?
    const bool aterm = u.cls == kATerm;
    std::size_t q = u.end;
    if (aterm && q < n) {
      const Units::Unit next = units.at(q);
      if (next.cls == kInvalid) return false;
      // SB6: ATerm × Numeric; SB7: (Upper | Lower) ATerm × Upper
      if (next.cls == kNumeric) {
        pos = q;
        continue;
      }
      if (next.cls == kUpper) {
        const std::uint8_t prev = class_before(text, pos, sbt);
        if (prev == kUpper || prev == kLower) {
          pos = q;
          continue;
        }
      }
    }
    while (q < n) {  // Close*
      const Units::Unit v = units.at(q);
      if (v.cls == kInvalid) return false;
      if (v.cls != kClose) break;
      q = v.end;
    }
    while (q < n) {  // Sp*
      const Units::Unit v = units.at(q);
      if (v.cls == kInvalid) return false;
      if (v.cls != kSp) break;
      q = v.end;
    }
    if (q >= n) {
      out.push_back(n);
      pos = n;
      break;
    }
    const Units::Unit v = units.at(q);
    if (v.cls == kInvalid) return false;
    if (is_para_sep(v.cls)) {  // SB9, SB10, then SB11 after the separator (SB4)
      out.push_back(v.end);
      pos = v.end;
      continue;
    }
    bool keep = v.cls == kSContinue || is_saterm(v.cls);  // SB8a
    if (!keep && aterm) {
      // SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
      std::size_t r = q;
      while (r < n) {
        const Units::Unit w = units.at(r);
        if (w.cls == kInvalid) return false;
        if (w.cls == kLower) {
          keep = true;
          break;
        }
        if (w.cls == kOLetter || w.cls == kUpper || is_para_sep(w.cls) || is_saterm(w.cls)) break;
        r = w.end;
      }
    }
    if (!keep) out.push_back(q);  // SB11
    pos = q;
  }
  if (n > 0 && (out.empty() || out.back() != n)) out.push_back(n);  // SB2
  return true;
}

void icu_sentence_breaks(const icu::BreakIterator& prototype, std::string_view text,
                         std::vector<std::size_t>& out) {
  out.clear();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  std::unique_ptr<icu::BreakIterator> bi(prototype.clone());
  if (U_SUCCESS(status) && bi) {
    bi->setText(ut, status);
    if (U_SUCCESS(status))
      for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next())
        out.push_back(static_cast<std::size_t>(b));
  }
  utext_close(ut);
}

}  // namespace detail

namespace {

// Used when SegmenterOptions::abbreviations is empty; gazetteers/fr/abbreviations.txt extends it.
constexpr const char* kDefaultAbbreviations[] = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mgr", "St", "Ste", "Sts",
    "gén", "Gén", "col", "Col", "lt", "Lt", "cdt", "Cdt", "cf", "p", "pp", "vol", "art", "av",
    "env", "ex", "n°", "No", "Jr", "Sr", "S.E", "S.M"};

bool is_space(char32_t cp) { return detail::char_info(cp).cls == detail::CharClass::space; }

// What an ASCII character is to the tokenizer (from the character tables).
enum : std::uint8_t { kAsciiOther, kAsciiSpace, kAsciiJoiner, kAsciiLower, kAsciiUpper, kAsciiDigit };

const std::uint8_t* ascii_kinds() {
  static const std::array<std::uint8_t, 128> kinds = [] {
    std::array<std::uint8_t, 128> k{};
    const detail::CharTables& t = detail::char_tables();
    for (char32_t c = 0; c < 128; ++c) {
      const detail::CharInfo& ci = t.info[c];
      switch (ci.cls) {
        case detail::CharClass::space: k[c] = kAsciiSpace; break;
        case detail::CharClass::apostrophe:
        case detail::CharClass::hyphen: k[c] = kAsciiJoiner; break;
        case detail::CharClass::word:
          k[c] = ci.digit ? kAsciiDigit : ci.upper ? kAsciiUpper : kAsciiLower;
          break;
        default: k[c] = kAsciiOther;  // ASCII has no combining marks
      }
    }
    return k;
  }();
  return kinds.data();
}

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
  (void)detail::char_tables();  // build the tables now rather than in the first segment()
  return Segmenter(std::move(impl));
}

Segmentation Segmenter::segment(std::string_view text) const {
  Segmentation out;
  bool invalid = false;
  segment_into(*impl_, text, false, out, invalid);
  if (invalid) {
    // Not UTF-8: the sentence boundaries of ICU itself (its UText decodes bad bytes its own way).
    out = Segmentation();
    segment_into(*impl_, text, true, out, invalid);
  }
  return out;
}

void Segmenter::segment_into(const Impl& im, std::string_view text, bool use_icu,
                             Segmentation& out, bool& invalid) {
  const std::size_t n = text.size();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());

  // 1. Candidate boundaries: the sentence-break rules, through ICU itself for invalid UTF-8.
  std::vector<std::size_t> bounds;
  if (use_icu || !detail::sentence_breaks(text, bounds))
    detail::icu_sentence_breaks(*im.prototype, text, bounds);
  if (bounds.empty() || bounds.back() != n) bounds.push_back(n);

  // 2. Drop the breaks after abbreviations and initials (unless a line ends there).
  std::vector<std::size_t> kept;
  kept.reserve(bounds.size());
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    std::size_t b = bounds[k];
    if (b >= n) { kept.push_back(n); continue; }
    std::size_t e = b;
    bool newline = false;
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' ||
                     text[e - 1] == '\r' || bytes[e - 1] >= 0x80)) {
      if (bytes[e - 1] >= 0x80) {
        // a multi-byte space such as NBSP? step back only over spaces
        std::size_t p = e - 1;
        while (p > 0 && (bytes[p] & 0xC0) == 0x80) --p;
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
      if (initial || im.abbreviations.find(w) != im.abbreviations.end() ||
          im.abbreviations.find(last) != im.abbreviations.end())
        continue;
    }
    kept.push_back(b);
  }

  // 3. Sentence spans, trimmed, long ones cut at a space.
  auto trim_push = [&](std::size_t b, std::size_t e) {
    while (b < e) {
      if (bytes[b] < 0x80) {
        // ASCII: a space is one of \t \n \v \f \r and ' ' (ICU White_Space)
        if (bytes[b] == ' ' || (bytes[b] >= '\t' && bytes[b] <= '\r')) { ++b; continue; }
        break;
      }
      char32_t cp;
      std::size_t len = detail::decode_utf8(text, b, cp);
      if (len == 0 || !is_space(cp)) break;
      b += len;
    }
    while (e > b) {
      std::size_t p = e - 1;
      while (p > b && (bytes[p] & 0xC0) == 0x80) --p;
      char32_t cp;
      std::size_t len = detail::decode_utf8(text, p, cp);
      if (len == 0 || p + len != e || !is_space(cp)) break;
      e = p;
    }
    if (e > b) out.sentences.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
  };
  out.sentences.reserve(kept.size());
  std::size_t start = 0;
  for (std::size_t b : kept) {
    while (b - start > im.max_sentence_bytes) {
      std::size_t cut = start + im.max_sentence_bytes;
      std::size_t sp = text.rfind(' ', cut);
      if (sp == std::string_view::npos || sp <= start) {
        while (cut > start && (bytes[cut] & 0xC0) == 0x80) --cut;
        sp = cut;
      }
      if (sp <= start) sp = start + im.max_sentence_bytes;
      trim_push(start, sp);
      start = sp;
    }
    if (b > start) trim_push(start, b);
    start = std::max(start, b);
  }

  // 4. Tokens: one pass over the bytes of each sentence, folding through the tables; runs of ASCII
  // letters and digits take a shortcut.
  const detail::CharTables& tables = detail::char_tables();
  const std::uint8_t* const ascii = ascii_kinds();
  std::string& folded = out.folded;
  folded.reserve(n + 16);
  out.tokens.reserve(n / 4 + 16);
  out.sentence_first_token.reserve(out.sentences.size() + 1);
  auto info_of = [&](char32_t cp) {
    return cp < detail::kCharTableSize ? tables.info[cp] : detail::char_info(cp);
  };
  for (std::uint32_t s = 0; s < out.sentences.size(); ++s) {
    out.sentence_first_token.push_back(static_cast<std::uint32_t>(out.tokens.size()));
    const Span sp = out.sentences[s];
    const std::size_t end = sp.end;
    std::size_t i = sp.begin;
    bool space_before = true;
    while (i < end) {
      char32_t cp;
      std::size_t len;
      detail::CharInfo ci;
      std::uint8_t flags = space_before ? Token::kSpaceBefore : 0;
      bool has_letter = false;
      Token t;
      t.span.begin = static_cast<std::uint32_t>(i);
      t.sentence = s;
      t.norm_begin = static_cast<std::uint32_t>(folded.size());
      const unsigned char c = bytes[i];
      if (c < 0x80) {
        const std::uint8_t k = ascii[c];
        if (k == kAsciiSpace) {
          space_before = true;
          ++i;
          continue;
        }
        if (k == kAsciiOther || k == kAsciiJoiner) {
          folded.push_back(tables.fold[c].bytes[0]);
          t.span.end = static_cast<std::uint32_t>(i + 1);
          t.norm_size = 1;
          t.flags = static_cast<std::uint8_t>(flags | (k == kAsciiJoiner ? Token::kJoiner : 0));
          out.tokens.push_back(t);
          space_before = false;
          ++i;
          continue;
        }
        // an ASCII letter or digit starts a word
        flags |= Token::kWord;
        if (k == kAsciiDigit) flags |= Token::kDigit;
        if (k == kAsciiUpper) flags |= Token::kCapital | Token::kAllCaps;
        has_letter = k != kAsciiDigit;
        folded.push_back(static_cast<char>(k == kAsciiUpper ? c + 32 : c));
        ++i;
      } else {
        len = detail::decode_utf8(text, i, cp);
        if (len == 0) {
          len = 1;
          invalid = true;  // every byte of a sentence comes through here or is ASCII
        }
        ci = info_of(cp);
        if (ci.cls == detail::CharClass::space) {
          space_before = true;
          i += len;
          continue;
        }
        detail::append_folded_fast(tables, folded, cp);
        i += len;
        if (ci.cls != detail::CharClass::word) {
          // a mark outside a word, punctuation, a symbol, an apostrophe or a hyphen: one token
          if (ci.cls == detail::CharClass::apostrophe || ci.cls == detail::CharClass::hyphen)
            flags |= Token::kJoiner;
          t.span.end = static_cast<std::uint32_t>(i);
          t.norm_size = static_cast<std::uint32_t>(folded.size() - t.norm_begin);
          t.flags = flags;
          out.tokens.push_back(t);
          space_before = false;
          continue;
        }
        flags |= Token::kWord;
        if (ci.digit) flags |= Token::kDigit;
        if (ci.upper) flags |= Token::kCapital | Token::kAllCaps;
        has_letter = !ci.digit;
      }
      // The rest of the word: letters, digits and combining marks.
      while (i < end) {
        const unsigned char b = bytes[i];
        if (b < 0x80) {
          const std::uint8_t k = ascii[b];
          if (k == kAsciiLower) {
            flags &= static_cast<std::uint8_t>(~Token::kAllCaps);
            has_letter = true;
            folded.push_back(static_cast<char>(b));
          } else if (k == kAsciiUpper) {
            has_letter = true;
            folded.push_back(static_cast<char>(b + 32));
          } else if (k == kAsciiDigit) {
            folded.push_back(static_cast<char>(b));
          } else {
            break;
          }
          ++i;
          continue;
        }
        len = detail::decode_utf8(text, i, cp);
        if (len == 0) break;  // U+FFFD is not a word character
        ci = info_of(cp);
        if (ci.cls != detail::CharClass::word && ci.cls != detail::CharClass::mark) break;
        detail::append_folded_fast(tables, folded, cp);
        if (ci.cls == detail::CharClass::word && !ci.digit) {
          if (!ci.upper) flags &= static_cast<std::uint8_t>(~Token::kAllCaps);
          has_letter = true;
        }
        i += len;
      }
      if (!has_letter) flags &= static_cast<std::uint8_t>(~Token::kAllCaps);
      t.span.end = static_cast<std::uint32_t>(i);
      t.norm_size = static_cast<std::uint32_t>(folded.size() - t.norm_begin);
      t.flags = flags;
      out.tokens.push_back(t);
      space_before = false;
    }
  }
  out.sentence_first_token.push_back(static_cast<std::uint32_t>(out.tokens.size()));

  // 5. Hashes of the words' folded forms, for the token tries.
  out.hashes.resize(out.tokens.size());
  for (std::size_t k = 0; k < out.tokens.size(); ++k)
    out.hashes[k] = out.tokens[k].is_word() ? detail::hash_word(out.norm(out.tokens[k])) : 0;
}

}  // namespace nercore
