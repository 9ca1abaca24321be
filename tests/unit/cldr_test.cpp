// SPDX-License-Identifier: MIT
// The bundled gazetteers against ICU's own French country names (CLDR).
#include <catch2/catch.hpp>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <set>

#include "nercore/pipeline.hpp"

using namespace nercore;

TEST_CASE("every ISO 3166 state's French name from ICU resolves to a STATE", "[gazetteer][bundled][cldr]") {
  // ISO 3166 codes of dependent territories and special areas: they must resolve to an entity
  // (a LOCATION, or a STATE), the others to a STATE.
  const std::set<std::string> territories = {
      "AI", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "DG", "EA",
      "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IC", "IM", "IO",
      "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE",
      "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT"};
  auto p = Pipeline::from_directory(NERCORE_GAZETTEERS).value();
  int states = 0;
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::UnicodeString display;
    icu::Locale("", *code).getDisplayCountry(icu::Locale::getFrench(), display);
    std::string name;
    display.toUTF8String(name);
    Document d = p.annotate(name, *code, "2025-01-01");
    INFO(*code << " " << name);
    REQUIRE_FALSE(d.mentions.empty());
    if (!territories.count(*code)) {
      CHECK(d.mentions.front().type == EntityType::state);
      ++states;
    }
  }
  CHECK(states >= 195);  // 193 UN members, 2 observers, Kosovo where ICU has it, Taiwan
}

TEST_CASE("a first-name-like state name does not swallow a person's name", "[gazetteer][bundled]") {
  auto p = Pipeline::from_directory(NERCORE_GAZETTEERS).value();
  auto state = p.annotate("Le gouvernement de Maurice a protesté.", "a", "2025-01-01");
  REQUIRE(state.mentions.size() == 1);
  CHECK(state.mentions[0].entity == "mauritius");
  auto person = p.annotate("Maurice Durandal et Dominique de Villegrand ont parlé.", "b", "2025-01-01");
  for (const auto& m : person.mentions) CHECK(m.type != EntityType::state);
}
