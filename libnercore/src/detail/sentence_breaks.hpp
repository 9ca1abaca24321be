// SPDX-License-Identifier: MIT
// File: detail/sentence_breaks.hpp
// Private: sentence boundaries by the Unicode sentence-break rules (UAX #29: SB3–SB11 over the
// Sentence_Break property from ICU), the rules that ICU's sentence BreakIterator implements, in
// one pass over UTF-8 without UText; and the ICU BreakIterator itself, for what the scanner
// declines (invalid UTF-8) and for tests that compare the two.
#pragma once

#include <unicode/brkiter.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace nercore::detail {

/// The boundaries after position 0 (what BreakIterator::next() returns, in order; the last one is
/// text.size() unless the text is empty). Returns false, leaving `out` unspecified, if the text is
/// not valid UTF-8. O(n), no allocation beyond `out`.
bool sentence_breaks(std::string_view text, std::vector<std::size_t>& out);

/// The same from a clone of ICU's sentence BreakIterator `prototype` over a UTF-8 UText.
void icu_sentence_breaks(const icu::BreakIterator& prototype, std::string_view text,
                         std::vector<std::size_t>& out);

}  // namespace nercore::detail
