// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "nercore/gazetteer.hpp"
#include "nercore/segment.hpp"

using namespace nercore;

namespace {
const char* kEntities =
    "# test entities\n"
    "france\tSTATE\tFrance\tRépublique française\tcapital=Paris;demonym=français|française|français|françaises;demonym_noun=Français\n"
    "north_korea\tSTATE\tCorée du Nord\tRPDC\tcapital=Pyongyang;demonym=nord-coréen|nord-coréenne|nord-coréens|nord-coréennes\n"
    "chile\tSTATE\tChili\t-\tcapital=Santiago\n"
    "nato\tORGANIZATION\tOTAN\tAlliance atlantique\t-\n"
    "kremlin\tORGANIZATION\tKremlin\t-\tseat_of=russia\n"
    "russia\tSTATE\tRussie\t-\tcapital=Moscou;demonym=russe|russes\n"
    "kim_jong_un\tPERSON\tKim Jong-un\t~Kim\tcountry=north_korea\n"
    "jean_dupont\tPERSON\tJean Dupont\t-\t-\n"
    "the_west\tBLOC\tOccident\tOccidentaux|@bloc occidental\t-\n";
const char* kOffices =
    "russia\thead_of_state\tjean_dupont\t2000-01-01\t2007-12-31\n"
    "north_korea\tleader\tkim_jong_un\t2011-12-17\t-\n";
const char* kRoles =
    "président {adj}\thead_of_state\t-\n"
    "dirigeant {adj}\tleader\t-\n"
    "maître du Kremlin\thead_of_state\trussia\n";

Gazetteer build() {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text(kEntities, "entities.tsv"));
  REQUIRE(b.add_offices_text(kOffices, "offices.tsv"));
  REQUIRE(b.add_roles_text(kRoles, "roles.tsv"));
  return std::move(b).build().value();
}

std::vector<std::string> matched(const Gazetteer& gz, std::string_view text) {
  auto seg = Segmenter::create().value().segment(text);
  std::vector<std::string> out;
  for (const auto& m : gz.match(seg))
    out.push_back(fmt::format("{}={}", text.substr(m.span.begin, m.span.size()),
                              gz.entities()[gz.aliases()[m.alias].entity].id));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

TEST_CASE("gazetteer matches multi-word names across case, accents and hyphens", "[gazetteer]") {
  auto gz = build();
  CHECK(has(matched(gz, "La Corée du Nord a tiré."), "Corée du Nord=north_korea"));
  CHECK(has(matched(gz, "LA COREE DU NORD A TIRE."), "COREE DU NORD=north_korea"));
  CHECK(has(matched(gz, "la Corée-du-Nord"), "Corée-du-Nord=north_korea"));
  CHECK(has(matched(gz, "Kim Jong Un et Kim Jong-Un"), "Kim Jong Un=kim_jong_un"));
  CHECK(has(matched(gz, "Kim Jong Un et Kim Jong-Un"), "Kim Jong-Un=kim_jong_un"));
}

TEST_CASE("names with initials match across the initials' full stops, and only there", "[gazetteer]") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text("mark_ellison\tPERSON\tMark T. Ellison\t-\t-\n"
                            "ab_carter\tPERSON\tA. B. Carter\t-\t-\n"
                            "jean_dupont\tPERSON\tJean Dupont\t-\t-\n",
                            "e.tsv"));
  auto gz = std::move(b).build().value();
  CHECK(has(matched(gz, "Selon Mark T. Ellison, rien."), "Mark T. Ellison=mark_ellison"));
  CHECK(has(matched(gz, "Selon A.B. Carter, rien."), "A.B. Carter=ab_carter"));
  CHECK(has(matched(gz, "Selon A. B. Carter, rien."), "A. B. Carter=ab_carter"));
  // a full stop after a longer word ends a sentence, not an initial
  CHECK_FALSE(has(matched(gz, "Il a vu Jean. Dupont est parti."), "Jean. Dupont=jean_dupont"));
  // two full stops are not an initial's
  CHECK_FALSE(has(matched(gz, "Selon Mark T.. Ellison, rien."), "Mark T.. Ellison=mark_ellison"));
}

TEST_CASE("gazetteer matches after elided articles and inside guillemets", "[gazetteer]") {
  auto gz = build();
  CHECK(has(matched(gz, "l’OTAN et d’Occident"), "OTAN=nato"));
  CHECK(has(matched(gz, "l’OTAN et d’Occident"), "Occident=the_west"));
  CHECK(has(matched(gz, "«\u00A0France\u00A0»"), "France=france"));
}

TEST_CASE("acronyms match only in capitals; capitalized names need a capital", "[gazetteer]") {
  auto gz = build();
  CHECK(has(matched(gz, "L'OTAN."), "OTAN=nato"));
  CHECK(matched(gz, "une otan").empty());
  CHECK(has(matched(gz, "Le Chili vote."), "Chili=chile"));
  CHECK(matched(gz, "du chili con carne").empty());
  CHECK(has(matched(gz, "le bloc occidental"), "bloc occidental=the_west"));
}

TEST_CASE("capitals, demonym nouns and the longest match are candidates", "[gazetteer]") {
  auto gz = build();
  auto m = matched(gz, "Paris et Moscou, les Français.");
  CHECK(has(m, "Paris=france"));
  CHECK(has(m, "Moscou=russia"));
  CHECK(has(m, "Français=france"));
  auto seg = Segmenter::create().value().segment("Pyongyang");
  auto ms = gz.match(seg);
  REQUIRE(ms.size() == 1);
  CHECK(gz.aliases()[ms[0].alias].metonym);
}

TEST_CASE("offices resolve by date and leader falls back to head of state", "[gazetteer]") {
  auto gz = build();
  auto russia = gz.find("russia").value();
  auto nk = gz.find("north_korea").value();
  CHECK(gz.office_holder(russia, "head_of_state", "2005-06-01") == gz.find("jean_dupont"));
  CHECK_FALSE(gz.office_holder(russia, "head_of_state", "2010-06-01").has_value());
  CHECK(gz.office_holder(russia, "leader", "2005-06-01") == gz.find("jean_dupont"));
  CHECK(gz.office_holder(nk, "leader", "2024-06-19") == gz.find("kim_jong_un"));
  CHECK_FALSE(gz.office_holder(nk, "leader", "2010-01-01").has_value());
}

TEST_CASE("roles expand with every demonym form", "[gazetteer]") {
  auto gz = build();
  auto m = matched(gz, "le dirigeant nord-coréen et la dirigeant nord-coréennes");
  CHECK(has(m, "dirigeant nord-coréen=north_korea"));
  CHECK(has(m, "dirigeant nord-coréennes=north_korea"));
  CHECK(has(matched(gz, "le maître du Kremlin"), "maître du Kremlin=russia"));
}

TEST_CASE("demonym adjectives are found as their state", "[gazetteer]") {
  auto gz = build();
  auto seg = Segmenter::create().value().segment("les troupes nord-coréennes et russes");
  auto d = gz.match_demonyms(seg);
  REQUIRE(d.size() == 2);
  CHECK(gz.entities()[d[0].alias].id == "north_korea");
  CHECK(gz.entities()[d[1].alias].id == "russia");
}

TEST_CASE("malformed gazetteer rows are errors with file and line", "[gazetteer]") {
  GazetteerBuilder b;
  auto st = b.add_entity_text("ok\tSTATE\tOk\n\nbad\tSTATE\n", "x.tsv");
  REQUIRE_FALSE(st);
  CHECK(st.error().source == "x.tsv");
  CHECK(st.error().line == 3);
  CHECK(st.error().code == ErrorCode::parse);

  GazetteerBuilder b2;
  auto t = b2.add_entity_text("a\tCOUNTRY\tA\t-\t-\n", "y.tsv");
  REQUIRE_FALSE(t);
  CHECK(t.error().code == ErrorCode::unknown_type);
  CHECK(t.error().to_string().find("y.tsv:1: [N004]") == 0);

  GazetteerBuilder b3;
  auto u = b3.add_entity_text("a\tSTATE\tA\t-\t-\na\tSTATE\tB\t-\t-\n", "z.tsv");
  REQUIRE_FALSE(u);
  CHECK(u.error().code == ErrorCode::duplicate_id);
  CHECK(u.error().line == 2);

  GazetteerBuilder b4;
  auto v = b4.add_offices_text("a\thead_of_state\tb\t2020-13-01\t-\n", "o.tsv");
  REQUIRE_FALSE(v);
  CHECK(v.error().code == ErrorCode::bad_date);

  GazetteerBuilder b5;
  REQUIRE(b5.add_entity_text("a\tSTATE\tA\t-\t-\n", "e.tsv"));
  REQUIRE(b5.add_offices_text("a\thead_of_state\tnobody\t2020\t-\n", "o.tsv"));
  auto w = std::move(b5).build();
  REQUIRE_FALSE(w);
  CHECK(w.error().code == ErrorCode::bad_reference);
  CHECK(w.error().line == 1);

  GazetteerBuilder b6;
  auto x = b6.add_entity_text(std::string("a\tSTATE\tA\xFF\t-\t-\n"), "u.tsv");
  REQUIRE_FALSE(x);
  CHECK(x.error().code == ErrorCode::invalid_utf8);

  // context words in brackets: closed, with words on both sides
  for (const char* alias : {"[roi Charles", "[] Charles", "[roi]", "~[ , ] Charles", "[a b c d e f g h i] Charles"}) {
    GazetteerBuilder b7;
    auto y = b7.add_entity_text(std::string("ok\tSTATE\tOk\t-\t-\ncharles\tPERSON\tCharles Windsor\t") + alias + "\t-\n",
                                "c.tsv");
    REQUIRE_FALSE(y);
    CHECK(y.error().code == ErrorCode::parse);
    CHECK(y.error().line == 2);
    CHECK(y.error().message.find("[roi] Charles") != std::string::npos);
  }
}

TEST_CASE("context words in brackets must precede the name and stay out of the mention", "[gazetteer]") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text("charles_iii\tPERSON\tCharles III\t[roi] Charles|~[le souverain] Windsor\t-\n"
                            "tamim\tPERSON\tTamim ben Hamad Al Thani\t[cheikh] Tamim|[l’émir] Tamim\t-\n",
                            "e.tsv"));
  auto gz = std::move(b).build().value();
  CHECK(gz.aliases()[1].text == "roi Charles");
  CHECK(gz.aliases()[1].context == 1);
  // the context is matched, the mention is the name after it, capitalized as the name wants
  CHECK(matched(gz, "Le roi Charles a parlé.") == std::vector<std::string>{"Charles=charles_iii"});
  CHECK(matched(gz, "Le Roi Charles a parlé.") == std::vector<std::string>{"Charles=charles_iii"});
  CHECK(matched(gz, "Le roi charles a parlé.").empty());
  CHECK(matched(gz, "Charles a parlé.").empty());  // no context, no match
  CHECK(has(matched(gz, "Charles III et l’émir Tamim."), "Tamim=tamim"));
  // at one place the full name is the longest: it comes first, then the name after the context
  // (and the surname, a short form, at its own place)
  CHECK(matched(gz, "Le cheikh Tamim ben Hamad Al Thani.") ==
        std::vector<std::string>{"Tamim ben Hamad Al Thani=tamim", "Tamim=tamim", "Thani=tamim"});
  // a short form may have context words too
  CHECK(has(matched(gz, "Charles III, le souverain Windsor."), "Windsor=charles_iii"));
}

TEST_CASE("lint reports ambiguous aliases and overlapping terms", "[gazetteer]") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text("us\tSTATE\tÉtats-Unis\t-\tcapital=Washington\n"
                            "washington_state\tLOCATION\tWashington\t-\t-\n"
                            "p1\tPERSON\tAnne Un\t-\t-\np2\tPERSON\tBob Deux\t-\t-\n",
                            "e.tsv"));
  REQUIRE(b.add_offices_text("us\thead_of_state\tp1\t2001\t2005\nus\thead_of_state\tp2\t2004\t-\n", "o.tsv"));
  auto findings = b.lint();
  bool ambiguous = false, overlap = false;
  for (const auto& f : findings) {
    ambiguous |= f.message.find("ambiguous alias 'Washington'") != std::string::npos;
    overlap |= f.message.find("overlaps") != std::string::npos && f.source == "o.tsv" && f.line == 2;
  }
  CHECK(ambiguous);
  CHECK(overlap);
}

TEST_CASE("lint names aliases without letters; a duplicate id names the first definition", "[gazetteer]") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text("x\tSTATE\tXanadu\t...|Xan\t-\ny\tSTATE\tYland\t-\t-\n", "e.tsv"));
  auto findings = b.lint();
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].source == "e.tsv");
  CHECK(findings[0].line == 1);
  CHECK(findings[0].message == "alias '...' has no letters or digits and never matches");
  auto dup = b.add_entity_text("z\tSTATE\tZed\t-\t-\ny\tSTATE\tYland bis\t-\t-\n", "f.tsv");
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == ErrorCode::duplicate_id);
  CHECK(dup.error().line == 2);
  CHECK(dup.error().message.find("first defined at e.tsv:2") != std::string::npos);
}

TEST_CASE("records, alias texts, sources and offices outlive the builder and are shared by copies", "[gazetteer]") {
  std::optional<Gazetteer> copy;
  {
    GazetteerBuilder b;
    REQUIRE(b.add_entity_text("x\tSTATE\tXanadu\tXan\tdemonym=xanadien\n"
                              "k\tPERSON\tKubla Khan\t-\t-\n",
                              "e.tsv"));
    REQUIRE(b.add_offices_text("x\thead_of_state\tk\t1270\t-\n", "o.tsv"));
    REQUIRE(b.add_roles_text("le souverain {adj}\thead_of_state\t-\n", "r.tsv"));
    Gazetteer gz = std::move(b).build().value();
    copy = gz;  // the original and the builder die here
  }
  std::vector<std::string> seen;
  for (const AliasInfo& a : copy->aliases())
    seen.push_back(fmt::format("{}|{}:{}|{}|{}", a.text, a.source, a.line, a.office, a.short_form));
  CHECK(seen == std::vector<std::string>{"Xanadu|e.tsv:1||false", "Xan|e.tsv:1||false",
                                         "Kubla Khan|e.tsv:2||false", "Khan|e.tsv:2||true",
                                         "le souverain xanadien|r.tsv:1|head_of_state|false"});
  std::vector<std::string> records;
  for (const EntityRecord& e : copy->entities())
    records.push_back(fmt::format("{}|{}|{}:{}|{}", e.id, e.name, e.source, e.line, e.attribute("demonym")));
  CHECK(records == std::vector<std::string>{"x|Xanadu|e.tsv:1|xanadien", "k|Kubla Khan|e.tsv:2|"});
}

TEST_CASE("the bundled gazetteers load and cover the seed actors", "[gazetteer][bundled]") {
  GazetteerBuilder b;
  auto st = b.add_directory(NERCORE_GAZETTEERS);
  INFO((st ? std::string() : st.error().to_string()));
  REQUIRE(st);
  auto gz = std::move(b).build();
  INFO((gz ? std::string() : gz.error().to_string()));
  REQUIRE(gz);
  for (const char* id : {"russia", "north_korea", "south_korea", "united_states", "ukraine", "china",
                         "iran", "syria", "japan", "united_nations", "un_security_council", "nato",
                         "kcna", "tass", "wagner_group", "kremlin", "the_west"})
    CHECK(gz->find(id).has_value());
}

TEST_CASE("aliases folding to the same words keep one per entity; a shared surname keeps all", "[gazetteer]") {
  // "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" fold alike: one alias of the entity per node.
  // Thousands of people named Martin share the node of "Martin": each keeps its own alias, in order.
  std::string text = "kim_jong_un\tPERSON\tKim Jong-un\tKim Jong Un|KIM JONG UN|~Kim\t-\n";
  const int people = 3000;
  for (int i = 0; i < people; ++i)
    text += "p" + std::to_string(i) + "\tPERSON\tPrenom" + std::to_string(i) + " Martin\t~Martin\t-\n";
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text(text, "people.tsv"));
  const Gazetteer gz = std::move(b).build().value();
  auto seg = Segmenter::create().value().segment("Kim Jong Un a reçu M. Martin.");
  std::size_t kim = 0, martin = 0;
  std::vector<std::uint32_t> martin_entities;
  for (const auto& m : gz.match(seg)) {
    const auto& a = gz.aliases()[m.alias];
    if (m.first == 0 && m.last > 1) ++kim;  // the full name, not the short form "Kim"
    if (m.span.begin == seg.tokens[seg.tokens.size() - 2].span.begin) {
      ++martin;
      martin_entities.push_back(a.entity);
      CHECK(a.short_form);
    }
  }
  CHECK(kim == 1);
  REQUIRE(martin == static_cast<std::size_t>(people));
  CHECK(std::is_sorted(martin_entities.begin(), martin_entities.end()));
}
