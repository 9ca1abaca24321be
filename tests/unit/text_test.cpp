// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "nercore/text.hpp"

using nercore::find_invalid_utf8;
using nercore::fold;
using nercore::normalize;

TEST_CASE("valid UTF-8 passes validation", "[text]") {
  CHECK_FALSE(find_invalid_utf8("Corée du Nord — « Pyongyang »").has_value());
  CHECK_FALSE(find_invalid_utf8("").has_value());
  CHECK_FALSE(find_invalid_utf8("\xF0\x9F\x98\x80 emoji").has_value());
}

TEST_CASE("invalid UTF-8 is reported at its byte offset", "[text]") {
  auto e = find_invalid_utf8(std::string("abc\xFF" "def"));
  REQUIRE(e.has_value());
  CHECK(e->offset == 3);
  auto t = find_invalid_utf8(std::string("abcdefghij\xC3"));  // truncated at the end
  REQUIRE(t.has_value());
  CHECK(t->offset == 10);
  auto o = find_invalid_utf8(std::string("\xC0\xAF"));  // overlong
  REQUIRE(o.has_value());
  CHECK(o->offset == 0);
  auto s = find_invalid_utf8(std::string("x\xED\xA0\x80"));  // surrogate
  REQUIRE(s.has_value());
  CHECK(s->offset == 1);
}

TEST_CASE("fold removes case and accents and unifies apostrophes, hyphens and spaces", "[text]") {
  CHECK(fold("ÉTATS-UNIS") == "etats-unis");
  CHECK(fold("L’Élysée") == "l'elysee");
  CHECK(fold("Kim Jong‑un") == "kim jong-un");       // non-breaking hyphen
  CHECK(fold("Choïgou") == "choigou");
  CHECK(fold("a\u00A0b\u202Fc") == "a b c");           // NBSP, narrow NBSP
  CHECK(fold("Straße") == "strasse");                  // full case folding
  CHECK(fold("Cœur") == "cœur");                       // ligature kept (no decomposition)
  CHECK(fold("e\u0301te\u0301") == "ete");             // NFD input folds like NFC
}

TEST_CASE("normalize maps folded bytes back to the original", "[text]") {
  const std::string s = "Élysée’s";
  auto n = normalize(s);
  CHECK(n.text == "elysee's");
  REQUIRE(n.begin.size() == n.text.size());
  // 'e' (folded byte 0) comes from 'É' (2 bytes)
  CHECK(n.original(0, 1) == std::pair<std::uint32_t, std::uint32_t>{0, 2});
  // the apostrophe (folded byte 6) comes from ’ (3 bytes at 8..11)
  CHECK(n.original(6, 7) == std::pair<std::uint32_t, std::uint32_t>{8, 11});
  // the whole folded string covers the whole original
  CHECK(n.original(0, n.text.size()).second == s.size());
}

TEST_CASE("normalize keeps combining marks with their base and invalid bytes in place", "[text]") {
  const std::string nfd = "Cre\u0301te";  // Crète in NFD
  auto n = normalize(nfd);
  CHECK(n.text == "crete");
  CHECK(n.original(2, 3) == std::pair<std::uint32_t, std::uint32_t>{2, 5});  // e + U+0301
  const std::string bad = std::string("a\xFF") + "b";
  auto m = normalize(bad);
  CHECK(m.text == "a\xEF\xBF\xBD" "b");
  CHECK(m.original(1, 4) == std::pair<std::uint32_t, std::uint32_t>{1, 2});
  CHECK(m.original(4, 5) == std::pair<std::uint32_t, std::uint32_t>{2, 3});
}

TEST_CASE("slug makes lower-case ASCII ids", "[text]") {
  CHECK(nercore::slug("Jean-Yves Le Drian") == "jean_yves_le_drian");
  CHECK(nercore::slug("  Ouagadougou!  ") == "ouagadougou");
  CHECK(nercore::slug("Корея").rfind('x', 0) == 0);  // no ASCII letters: a hashed id
}
