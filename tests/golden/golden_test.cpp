// SPDX-License-Identifier: MIT
// Golden tests on the project's own sample articles (examples/articles), against gold files
// annotated by hand following the evaluation guidelines (tests/golden/*.gold.json) and a
// hand-checked expected output (tests/golden/01_ukraine_ue.expected.json).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "nercore/pipeline.hpp"
#include "support/fixtures.hpp"

using namespace nercore;
using nlohmann::json;
using nercore::test::bundled;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Code point index -> UTF-8 byte offset.
std::vector<std::uint32_t> byte_offsets(const std::string& text) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(static_cast<std::uint32_t>(text.size()));
  return out;
}

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double f1() const { return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0; }
};

// The scoring of the evaluation guidelines, in short: lenient name mentions (overlap, same
// type) and document-level relation triples after mapping system entities to gold entities by
// majority of overlapping mentions; MEET and COOPERATE without direction.
void score(const json& gold, const Document& doc, const std::string& text, Counts& mentions,
           Counts& relations) {
  auto bo = byte_offsets(text);
  struct G { std::uint32_t b, e; std::string type, entity, kind; };
  std::vector<G> gm;
  for (const auto& m : gold["mentions"])
    gm.push_back({bo[m["start"].get<int>()], bo[m["end"].get<int>()],
                  gold["entities"][m["entity"].get<std::string>()]["type"], m["entity"], m["kind"]});
  std::map<std::string, std::map<std::string, int>> votes;
  for (const auto& m : doc.mentions) {
    const G* best = nullptr;
    double best_key = -1;
    for (const auto& g : gm) {
      if (!(m.span.begin < g.e && g.b < m.span.end)) continue;
      double inter = std::min(m.span.end, g.e) - std::max(m.span.begin, g.b);
      double uni = std::max(m.span.end, g.e) - std::min(m.span.begin, g.b);
      double key = inter / uni + (g.kind == std::string(to_string(m.kind)) ? 0.001 : 0);
      if (key > best_key) { best_key = key; best = &g; }
    }
    if (best) ++votes[m.entity][best->entity];
  }
  std::map<std::string, std::string> emap;
  for (const auto& [sys, v] : votes) {
    int n = -1;
    for (const auto& [g, c] : v) if (c > n) { n = c; emap[sys] = g; }
  }
  std::vector<bool> used(doc.mentions.size());
  int sys_names = 0;
  for (const auto& m : doc.mentions) sys_names += m.kind == MentionKind::name;
  for (const auto& g : gm) {
    if (g.kind != "name") continue;
    bool hit = false;
    for (std::size_t i = 0; i < doc.mentions.size() && !hit; ++i) {
      const auto& m = doc.mentions[i];
      if (used[i] || m.kind != MentionKind::name || std::string(to_string(m.type)) != g.type) continue;
      if (m.span.begin < g.e && g.b < m.span.end) { used[i] = hit = true; }
    }
    hit ? ++mentions.tp : ++mentions.fn;
  }
  int matched = 0;
  for (bool u : used) matched += u;
  mentions.fp += sys_names - matched;
  auto key = [](std::string s, std::string t, std::string o) {
    if ((t == "MEET" || t == "COOPERATE") && o < s) std::swap(s, o);
    return s + " " + t + " " + o;
  };
  std::set<std::string> g, s;
  for (const auto& r : gold["relations"]) g.insert(key(r["source"], r["type"], r["target"]));
  for (const auto& r : doc.relations) {
    auto src = emap.count(r.source) ? emap[r.source] : "?" + r.source;
    auto dst = emap.count(r.target) ? emap[r.target] : "?" + r.target;
    s.insert(key(src, std::string(to_string(r.type)), dst));
  }
  for (const auto& k : s) g.count(k) ? ++relations.tp : ++relations.fp;
  for (const auto& k : g) if (!s.count(k)) ++relations.fn;
}
}  // namespace

TEST_CASE("golden: the hand-checked entities and relations of a sample article", "[golden]") {
  json expected = json::parse(slurp(std::filesystem::path(NERCORE_GOLDEN) / "01_ukraine_ue.expected.json"));
  std::string text = slurp(std::filesystem::path(NERCORE_ARTICLES) / "01_ukraine_ue.txt");
  Document doc = bundled().annotate(text, "01_ukraine_ue.txt", expected["date"].get<std::string>());
  std::set<std::pair<std::string, std::string>> got_entities;
  for (const auto& e : doc.entities) got_entities.emplace(e.id, std::string(to_string(e.type)));
  for (const auto& e : expected["entities"]) {
    INFO("expected entity " << e[0].get<std::string>());
    CHECK(got_entities.count({e[0], e[1]}) == 1);
  }
  CHECK(got_entities.size() == expected["entities"].size());
  std::map<std::string, std::string> got;  // triple -> modality
  for (const auto& r : doc.relations) {
    std::string s = r.source, t = r.target;
    if (is_symmetric(r.type) && t < s) std::swap(s, t);
    got[s + " " + std::string(to_string(r.type)) + " " + t] = std::string(to_string(r.modality));
  }
  for (const auto& r : expected["relations"]) {
    std::string s = r[0], t = r[2];
    if ((r[1] == "MEET" || r[1] == "COOPERATE") && t < s) std::swap(s, t);
    std::string k = s + " " + r[1].get<std::string>() + " " + t;
    INFO("expected relation " << k);
    REQUIRE(got.count(k) == 1);
    CHECK(got[k] == r[3].get<std::string>());
  }
  for (const auto& r : expected["forbidden"]) {
    std::string k = r[0].get<std::string>() + " " + r[1].get<std::string>() + " " + r[2].get<std::string>();
    INFO("forbidden relation " << k);
    CHECK(got.count(k) == 0);
  }
}

TEST_CASE("golden: scores on the five hand-annotated sample articles stay above the floor", "[golden]") {
  Counts mentions, relations;
  int docs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(NERCORE_GOLDEN)) {
    const auto name = entry.path().filename().string();
    if (name.size() < 10 || name.substr(name.size() - 10) != ".gold.json") continue;
    json gold = json::parse(slurp(entry.path()));
    std::string text = slurp(std::filesystem::path(NERCORE_ARTICLES) / gold["doc"].get<std::string>());
    Document doc = bundled().annotate(text, gold["doc"].get<std::string>(), gold["date"].get<std::string>());
    Counts m, r;
    score(gold, doc, text, m, r);
    INFO(name << ": mentions F1 " << m.f1() << ", relations F1 " << r.f1());
    CHECK(m.f1() >= 0.85);
    mentions.tp += m.tp; mentions.fp += m.fp; mentions.fn += m.fn;
    relations.tp += r.tp; relations.fp += r.fp; relations.fn += r.fn;
    ++docs;
  }
  REQUIRE(docs == 5);
  INFO("mentions F1 " << mentions.f1() << ", relations F1 " << relations.f1());
  // Floors a little under the measured figures (0.970 and 0.891 by score.py on 2026-11-23, twelfth
  // session), so that a regression fails the suite.
  CHECK(mentions.f1() >= 0.95);
  CHECK(relations.f1() >= 0.86);
}
