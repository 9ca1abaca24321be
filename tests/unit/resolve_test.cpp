// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "nercore/pipeline.hpp"

using namespace nercore;

namespace {
Pipeline pipeline(std::string date = "2024-06-19") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text(
      "russia\tSTATE\tRussie\t-\tcapital=Moscou;demonym=russe|russes\n"
      "north_korea\tSTATE\tCorée du Nord\t-\tcapital=Pyongyang;demonym=nord-coréen|nord-coréenne|nord-coréens|nord-coréennes\n"
      "kremlin\tORGANIZATION\tKremlin\t-\tseat_of=russia\n"
      "vladimir_putin\tPERSON\tVladimir Poutine\tPoutine\tcountry=russia\n"
      "dmitry_medvedev\tPERSON\tDmitri Medvedev\t-\tcountry=russia\n"
      "kim_jong_un\tPERSON\tKim Jong-un\t~Kim\tcountry=north_korea\n"
      "kim_yo_jong\tPERSON\tKim Yo-jong\t-\tcountry=north_korea\n"
      "un_security_council\tORGANIZATION\tConseil de sécurité\t-\t-\n"
      "russia_security_council\tORGANIZATION\tConseil de sécurité russe\t-\tcountry=russia\n",
      "e.tsv"));
  REQUIRE(b.add_offices_text("russia\thead_of_state\tvladimir_putin\t2012-05-07\t-\n"
                             "russia\thead_of_state\tdmitry_medvedev\t2008-05-07\t2012-05-07\n"
                             "north_korea\tleader\tkim_jong_un\t2011-12-17\t-\n",
                             "o.tsv"));
  REQUIRE(b.add_roles_text("président {adj}\thead_of_state\t-\ndirigeant {adj}\tleader\t-\n"
                           "maître du Kremlin\thead_of_state\trussia\n",
                           "r.tsv"));
  PipelineOptions opt;
  opt.gazetteer = std::move(b).build().value();
  opt.rules = RegexRecognizer::from_text(
                  "honorific\tPERSON\t(?:M\\.|Mme)\\s+(?P<name>\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+)?)\t-\n", "r")
                  .value();
  opt.resolve.date = std::move(date);
  return Pipeline::create(std::move(opt)).value();
}

std::vector<std::string> mentions(const Document& d) {
  std::vector<std::string> out;
  for (const auto& m : d.mentions)
    out.push_back(m.text + "=" + m.entity + (m.kind == MentionKind::descriptor ? "/d" : ""));
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

TEST_CASE("the longest name wins within a layer", "[resolve]") {
  auto d = pipeline().annotate("Le Conseil de sécurité russe s'est réuni.");
  auto m = mentions(d);
  CHECK(m == std::vector<std::string>{"Conseil de sécurité russe=russia_security_council"});
}

TEST_CASE("a short form links to the full name seen before, and only then", "[resolve]") {
  auto p = pipeline();
  auto before = mentions(p.annotate("Kim a parlé. Puis Kim Jong-un a parlé."));
  CHECK(before == std::vector<std::string>{"Kim Jong-un=kim_jong_un"});
  auto after = mentions(p.annotate("Kim Jong-un a parlé. Puis Kim a répondu."));
  CHECK(after == std::vector<std::string>{"Kim Jong-un=kim_jong_un", "Kim=kim_jong_un"});
}

TEST_CASE("descriptors resolve to the office holder at the document date", "[resolve]") {
  auto p = pipeline();
  auto d2024 = p.annotate("Le président russe a reçu le dirigeant nord-coréen.", "a", "2024-06-19");
  auto m = mentions(d2024);
  CHECK(has(m, "président russe=vladimir_putin/d"));
  CHECK(has(m, "dirigeant nord-coréen=kim_jong_un/d"));
  auto d2010 = p.annotate("Le président russe a parlé.", "b", "2010-03-01");
  CHECK(has(mentions(d2010), "président russe=dmitry_medvedev/d"));
  auto dk = p.annotate("Le maître du Kremlin arrive.", "c", "2024-01-01");
  auto mk = mentions(dk);
  CHECK(has(mk, "maître du Kremlin=vladimir_putin/d"));
  CHECK(has(mk, "Kremlin=kremlin"));  // a name inside a descriptor stays a mention
}

TEST_CASE("metonymy keeps the surface and names the state it stands for", "[resolve]") {
  auto d = pipeline().annotate("Moscou et le Kremlin ont répondu à Pyongyang.");
  REQUIRE(d.mentions.size() == 3);
  CHECK(d.mentions[0].entity == "russia");
  CHECK(d.mentions[0].stands_for == "russia");
  CHECK(d.mentions[1].entity == "kremlin");
  CHECK(d.mentions[1].stands_for == "russia");
  CHECK(d.mentions[2].entity == "north_korea");
}

TEST_CASE("unknown names get a stable id and a later surname links to them", "[resolve]") {
  auto d = pipeline().annotate("M. Jean Valmont a parlé. Selon Valmont, tout va bien. Mme Lise Ferrand aussi.");
  auto m = mentions(d);
  CHECK(has(m, "Jean Valmont=jean_valmont"));
  CHECK(has(m, "Valmont=jean_valmont"));
  CHECK(has(m, "Lise Ferrand=lise_ferrand"));
  const Entity* e = d.find_entity("jean_valmont");
  REQUIRE(e != nullptr);
  CHECK(e->type == EntityType::person);
  CHECK_FALSE(e->known);
  CHECK(e->mentions.size() == 2);
  // gazetteer names win over rules: "M. Poutine" is the known person, span without the title
  auto k = pipeline().annotate("M. Poutine arrive.");
  REQUIRE(k.mentions.size() == 1);
  CHECK(k.mentions[0].entity == "vladimir_putin");
  CHECK(k.mentions[0].text == "Poutine");
}

TEST_CASE("mention offsets are UTF-8 bytes into the original text", "[resolve]") {
  const std::string text = "« Corée du Nord » et Moscou.";
  auto d = pipeline().annotate(text);
  REQUIRE(d.mentions.size() == 2);
  for (const auto& m : d.mentions) CHECK(text.substr(m.span.begin, m.span.size()) == m.text);
  CHECK(d.mentions[0].span.begin == 3);  // « is 2 bytes, NBSP-free space 1 byte
}
