// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "nercore/export.hpp"

using namespace nercore;

namespace {
Document sample() {
  Document d;
  d.id = "a.txt";
  d.date = "2024-06-19";
  d.bytes = 40;
  d.mentions.push_back({{0, 6}, "Russie", "russia", EntityType::state, MentionKind::name, "gazetteer:s.tsv:3", ""});
  d.mentions.push_back({{10, 16}, "Moscou", "russia", EntityType::state, MentionKind::name, "gazetteer:s.tsv:3", "russia"});
  d.mentions.push_back({{20, 35}, "président russe", "vladimir_putin", EntityType::person, MentionKind::descriptor, "role:r.tsv:1", ""});
  Entity r{"russia", EntityType::state, "Russie", true, {0, 1}, {{"wikidata", "Q159"}}};
  Entity p{"vladimir_putin", EntityType::person, "Vladimir Poutine", true, {2}, {}};
  d.entities = {r, p};
  Relation rel;
  rel.source = "vladimir_putin";
  rel.target = "russia";
  rel.type = RelationType::support;
  rel.modality = Modality::reported;
  rel.reported_by = "russia";
  rel.cameo = "051";
  rel.goldstein = 3.4;
  rel.trigger_id = "support_verb";
  rel.evidence.push_back({{0, 40}, {17, 19}, "La « phrase » \"citée\"", Modality::reported});
  d.relations.push_back(rel);
  d.cooccurrences.push_back({"russia", "vladimir_putin", 2});
  return d;
}
}  // namespace

TEST_CASE("JSON Lines output follows the scorer's schema", "[export]") {
  std::string line = to_json(sample());
  CHECK(line.find('\n') == std::string::npos);
  auto j = nlohmann::json::parse(line);
  CHECK(j["doc"] == "a.txt");
  REQUIRE(j["entities"].size() == 2);
  const auto& e = j["entities"][0];
  CHECK(e["id"] == "russia");
  CHECK(e["type"] == "STATE");
  REQUIRE(e["mentions"].size() == 2);
  CHECK(e["mentions"][0]["start"] == 0);
  CHECK(e["mentions"][0]["end"] == 6);
  CHECK(e["mentions"][0]["kind"] == "name");
  CHECK(e["mentions"][1]["stands_for"] == "russia");
  CHECK(e["attributes"]["wikidata"] == "Q159");
  CHECK(j["entities"][1]["mentions"][0]["kind"] == "descriptor");
  const auto& r = j["relations"][0];
  CHECK(r["source"] == "vladimir_putin");
  CHECK(r["type"] == "SUPPORT");
  CHECK(r["modality"] == "reported");
  CHECK(r["reported_by"] == "russia");
  CHECK(r["cameo"] == "051");
  CHECK(r["sign"] == "cooperative");
  CHECK(r["evidence"][0]["text"] == "La « phrase » \"citée\"");
  CHECK(r["evidence"][0]["trigger"][0] == 17);
  CHECK(j["cooccurrences"][0]["count"] == 2);
}

TEST_CASE("JSON options drop evidence and co-occurrences", "[export]") {
  JsonOptions o;
  o.evidence = false;
  o.cooccurrences = false;
  auto j = nlohmann::json::parse(to_json(sample(), o));
  CHECK_FALSE(j["relations"][0].contains("evidence"));
  CHECK_FALSE(j.contains("cooccurrences"));
}

TEST_CASE("invalid UTF-8 in a mention is replaced in JSON, not thrown on", "[export]") {
  Document d = sample();
  d.mentions[0].text = std::string("Rus\xFFsie");
  std::string line;
  REQUIRE_NOTHROW(line = to_json(d));
  CHECK(nlohmann::json::parse(line)["entities"][0]["mentions"][0]["text"] == "Rus\xEF\xBF\xBDsie");
}
