// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "nercore/regex_recognizer.hpp"

using namespace nercore;

TEST_CASE("rules find the name group and give its type", "[regex]") {
  auto rr = RegexRecognizer::from_text(
                "honorific\tPERSON\t(?:M\\.|Mme)\\s+(?P<name>\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+)?)\tpriority=2\n"
                "region\tLOCATION\trégion de (?P<name>\\p{Lu}\\p{L}+)\t-\n",
                "rules.tsv")
                .value();
  REQUIRE(rr.rules().size() == 2);
  CHECK(rr.rules()[0].priority == 2);
  CHECK(rr.rules()[1].type == EntityType::location);
  const std::string text = "Selon Mme Élodie Durand, la région de Koursk est visée.";
  auto hits = rr.match(text);
  REQUIRE(hits.size() == 2);
  CHECK(text.substr(hits[0].span.begin, hits[0].span.size()) == "Élodie Durand");
  CHECK(hits[0].rule == 0);
  CHECK(text.substr(hits[1].span.begin, hits[1].span.size()) == "Koursk");
}

TEST_CASE("a rule without a name group yields the whole match", "[regex]") {
  auto rr = RegexRecognizer::from_text("acr\tORGANIZATION\t\\b[A-Z]{3,6}\\b\t-\n", "r").value();
  const std::string text = "La CEDEAO et l'UEMOA.";
  auto hits = rr.match(text);
  REQUIRE(hits.size() == 2);
  CHECK(text.substr(hits[1].span.begin, hits[1].span.size()) == "UEMOA");
}

TEST_CASE("a bad pattern is an error naming file and line", "[regex]") {
  auto r = RegexRecognizer::from_text("# comment\nok\tPERSON\tabc\t-\nbad\tPERSON\t(unclosed\t-\n", "rules.tsv");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::bad_pattern);
  CHECK(r.error().source == "rules.tsv");
  CHECK(r.error().line == 3);
  CHECK(r.error().message.find("bad") != std::string::npos);
}

TEST_CASE("not_after drops a match right after one of its words, in any case", "[regex]") {
  auto rr = RegexRecognizer::from_text(
                "role\tPERSON\t(?i:chef|manager)(?:[ \\x{00A0}]+\\p{Ll}+){0,2}[ \\x{00A0}]+"
                "(?P<name>\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+)\tnot_after=des|Aux\n",
                "r.tsv")
                .value();
  REQUIRE(rr.rules()[0].not_after == std::vector<std::string>{"des", "aux"});
  const std::string text =
      "Le chef des Suns Phoenix part. Le chef Jean Dupont arrive. Le manager aux\u00A0Rangers Texas aussi. "
      "Le chef du parti Marc Leroy.";
  std::vector<std::string> found;
  for (const auto& m : rr.match(text)) found.push_back(text.substr(m.span.begin, m.span.size()));
  CHECK(found == std::vector<std::string>{"Jean Dupont", "Marc Leroy"});
  CHECK(RegexRecognizer::from_text("a\tPERSON\tx\tnot_after=\n", "r").error().code == ErrorCode::parse);
}

TEST_CASE("rule files reject unknown types, options and duplicate ids", "[regex]") {
  CHECK(RegexRecognizer::from_text("a\tTHING\tx\t-\n", "r").error().code == ErrorCode::unknown_type);
  CHECK(RegexRecognizer::from_text("a\tPERSON\tx\tspeed=3\n", "r").error().code == ErrorCode::parse);
  CHECK(RegexRecognizer::from_text("a\tPERSON\tx\na\tPERSON\ty\n", "r").error().code == ErrorCode::duplicate_id);
  CHECK(RegexRecognizer::from_text("a\tPERSON\n", "r").error().code == ErrorCode::parse);
}

TEST_CASE("pathological patterns are bounded by RE2, not backtracking", "[regex]") {
  // (a+)+$ blows up a backtracking engine; RE2 runs it in linear time.
  auto rr = RegexRecognizer::from_text("evil\tPERSON\t(?P<name>(a+)+)$\t-\n", "r").value();
  std::string text(100000, 'a');
  text += "!";
  auto hits = rr.match(text);
  CHECK(hits.empty());
  // Empty matches do not loop forever.
  auto empty = RegexRecognizer::from_text("e\tPERSON\tx*\t-\n", "r").value();
  CHECK(empty.match("abc").empty());
}
