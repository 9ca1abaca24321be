// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "nercore/segment.hpp"

using nercore::Segmenter;

namespace {
std::vector<std::string> sentences(std::string_view text) {
  auto seg = Segmenter::create().value().segment(text);
  std::vector<std::string> out;
  for (auto s : seg.sentences) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}
}  // namespace

TEST_CASE("sentences split at periods and line ends", "[segment]") {
  auto s = sentences("La Russie a réagi. Le Japon aussi !\nTitre sans point\nFin.");
  REQUIRE(s.size() == 4);
  CHECK(s[0] == "La Russie a réagi.");
  CHECK(s[1] == "Le Japon aussi !");
  CHECK(s[2] == "Titre sans point");
}

TEST_CASE("no sentence break after abbreviations and initials", "[segment]") {
  auto s = sentences("M. Dupont a vu Mme Martin et le Dr. Petit. Signé F. M. Durand. Fin.");
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "M. Dupont a vu Mme Martin et le Dr. Petit.");
  CHECK(s[1] == "Signé F. M. Durand.");
}

TEST_CASE("tokens carry folded forms, case flags and byte spans", "[segment]") {
  const std::string text = "L’ONU et Kim Jong-un, à Séoul.";
  auto seg = Segmenter::create().value().segment(text);
  std::vector<std::string> norms;
  for (const auto& t : seg.tokens) norms.emplace_back(seg.norm(t));
  std::vector<std::string> want = {"l", "'", "onu", "et", "kim", "jong", "-", "un", ",", "a", "seoul", "."};
  CHECK(norms == want);
  const auto& onu = seg.tokens[2];
  CHECK(onu.is_word());
  CHECK(onu.is_all_caps());
  CHECK(text.substr(onu.span.begin, onu.span.size()) == "ONU");
  CHECK(seg.tokens[1].is_joiner());
  CHECK(seg.tokens[4].is_capitalized());
  CHECK_FALSE(seg.tokens[4].is_all_caps());
  CHECK(text.substr(seg.tokens[10].span.begin, seg.tokens[10].span.size()) == "Séoul");
}

TEST_CASE("a sentence longer than the limit is cut at a space", "[segment]") {
  nercore::SegmenterOptions opt;
  opt.max_sentence_bytes = 300;
  std::string text;
  for (int i = 0; i < 200; ++i) text += "mot ";
  auto seg = Segmenter::create(opt).value().segment(text);
  REQUIRE(seg.sentences.size() >= 3);
  for (auto s : seg.sentences) CHECK(s.size() <= 300);
  CHECK(seg.sentences.back().end == text.size() - 1);  // trailing space trimmed, nothing lost
}

TEST_CASE("segmentation survives invalid UTF-8 and empty input", "[segment]") {
  auto seg = Segmenter::create().value();
  CHECK(seg.segment("").sentences.empty());
  std::string bad = "Paris\xFF\xFE et Berlin.";
  auto s = seg.segment(bad);
  REQUIRE_FALSE(s.tokens.empty());
  for (const auto& t : s.tokens) CHECK(t.span.end <= bad.size());
}
