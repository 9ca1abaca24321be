// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <thread>

#include "nercore/export.hpp"
#include "nercore/pipeline.hpp"
#include "support/fixtures.hpp"

using namespace nercore;

using nercore::test::bundled;

TEST_CASE("a pipeline loads from a directory and reports missing files", "[pipeline]") {
  auto missing = Pipeline::from_directory("/nonexistent/nercore");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::io);
  CHECK(missing.error().source == "/nonexistent/nercore");
  CHECK(bundled().options().gazetteer.entities().size() > 1000);
}

// Unknown and known names on the bundled data, in text of a kind the seed articles do not have.
TEST_CASE("bundled data: initials, team names after a role, four words between role and name",
          "[pipeline][bundled]") {
  auto texts = [](const Document& d) {
    std::vector<std::string> out;
    for (const auto& m : d.mentions) out.push_back(m.text + "=" + m.entity);
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  auto m = texts(bundled().annotate("George W. Bush avait reçu Donald J. Trump. C’est l’ancien président.", "a",
                                    "2024-06-19"));
  CHECK(has(m, "George W. Bush=george_w_bush"));
  CHECK(has(m, "Donald J. Trump=donald_trump"));
  m = texts(bundled().annotate("Il devient l’entraîneur-chef des Pirates de Portland, puis le manager général des "
                               "Suns de Phoenix.", "b", "2024-06-19"));
  CHECK(m.empty());
  m = texts(bundled().annotate("Le chef de la diplomatie tchadienne Abderaman Koulamallah est arrivé.", "c",
                               "2024-06-19"));
  CHECK(has(m, "Abderaman Koulamallah=abderaman_koulamallah"));
}

TEST_CASE("bundled data: regions and cities are places, not the people named after them",
          "[pipeline][bundled]") {
  auto mentions = [](const Document& d) {
    std::vector<std::string> out;
    for (const auto& m : d.mentions) out.push_back(m.text + "=" + m.entity + "/" + std::string(to_string(m.type)));
    return out;
  };
  auto m = mentions(bundled().annotate("Le candidat a tenu meeting en Caroline du Nord, puis à Marseille et en "
                                       "Bavière, avant Vladivostok.", "a", "2024-06-19"));
  CHECK(m == std::vector<std::string>{"Caroline du Nord=north_carolina/LOCATION", "Marseille=marseille/LOCATION",
                                      "Bavière=bavaria/LOCATION", "Vladivostok=vladivostok/LOCATION"});
  // a state that is also a given name is a place only where no name follows
  m = mentions(bundled().annotate("Virginie Calmels a parlé. L’élection en Virginie est serrée.", "b", "2024-06-19"));
  CHECK(m == std::vector<std::string>{"Virginie Calmels=virginie_calmels/PERSON", "Virginie=virginia/LOCATION"});
}

TEST_CASE("bundled data: parties and media, not the common words in their names", "[pipeline][bundled]") {
  auto mentions = [](const Document& d) {
    std::vector<std::string> out;
    for (const auto& m : d.mentions) out.push_back(m.text + "=" + m.entity);
    return out;
  };
  auto m = mentions(bundled().annotate("Fabien Leroux du PCF a répondu au Rassemblement national, cité par le journal "
                                       "Le Monde. Le Monde ajoute que LFI s’abstient.", "a", "2024-06-19"));
  CHECK(m == std::vector<std::string>{"Fabien Leroux=fabien_leroux", "PCF=pcf",
                                      "Rassemblement national=rassemblement_national", "journal Le Monde=le_monde",
                                      "Monde=le_monde", "LFI=la_france_insoumise"});
  // the common words: no mention at all
  CHECK(mentions(bundled().annotate("Le monde entier regarde. La Renaissance italienne et la reconquête des "
                                    "horizons.", "b", "2024-06-19")).empty());
}

TEST_CASE("annotate never fails on invalid UTF-8 and keeps offsets into the input", "[pipeline]") {
  const std::string text = std::string("La Russie\xFF soutient la Chine.\xC3");
  Document d = bundled().annotate(text, "bad");
  CHECK(d.diagnostics.invalid_utf8_bytes == 2);
  CHECK(d.diagnostics.first_invalid == 9u);
  REQUIRE(d.mentions.size() >= 2);
  for (const auto& m : d.mentions) CHECK(text.substr(m.span.begin, m.span.size()) == m.text);
}

TEST_CASE("empty and blank input give an empty document", "[pipeline]") {
  for (std::string t : {"", "   \n\n\t", "\xEF\xBB\xBF"}) {
    Document d = bundled().annotate(t, "e");
    CHECK(d.mentions.empty());
    CHECK(d.relations.empty());
    CHECK(d.bytes == t.size());
  }
}

TEST_CASE("documents are identical whatever thread annotates them", "[pipeline][concurrency]") {
  const std::vector<std::string> texts = {
      "La Chine soutient la Russie. Le Japon condamne la Corée du Nord.",
      "Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
      "Selon Washington, Pyongyang aurait livré des obus à Moscou.",
      "L'invasion de l'Ukraine par la Russie a commencé en 2022.",
  };
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < texts.size(); ++i)
    expected.push_back(to_json(bundled().annotate(texts[i], std::to_string(i), "2024-06-19")));
  const Pipeline shared = bundled();  // a cheap copy sharing the compiled data
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (std::size_t i = 0; i < texts.size(); ++i) {
          std::size_t k = (i + static_cast<std::size_t>(t)) % texts.size();
          if (round == 0 && got[t].size() < texts.size()) got[t].resize(texts.size());
          got[t][k] = to_json(shared.annotate(texts[k], std::to_string(k), "2024-06-19"));
        }
    });
  // and two threads annotating all the texts at once, stage by stage
  std::vector<std::vector<std::string>> batched(2);
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < texts.size(); ++i) ids.push_back(std::to_string(i));
      std::vector<Pipeline::Text> batch;
      for (std::size_t i = 0; i < texts.size(); ++i) batch.push_back({texts[i], ids[i], "2024-06-19"});
      for (int round = 0; round < 5; ++round) {
        batched[t].clear();
        for (const Document& d : shared.annotate_many(batch)) batched[t].push_back(to_json(d));
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) CHECK(got[t] == expected);
  for (int t = 0; t < 2; ++t) CHECK(batched[t] == expected);
}

TEST_CASE("a batch of texts gives the documents of one annotate per text, in order", "[pipeline]") {
  // annotate_many runs each stage over every text before the next stage: nothing of one text may
  // leak into another's document, whatever the mix (ids, dates, invalid UTF-8, empty texts).
  std::vector<std::string> texts = nercore::test::sample_articles();
  texts.push_back("");
  texts.push_back(std::string("La Russie\xFF soutient la Chine.\xC3"));
  texts.push_back("Le président Vladimir Poutine a rencontré Kim Jong-un. Kim a remercié Poutine.");
  texts.push_back(texts.front());  // the same text twice in one batch
  std::vector<std::string> ids, dates;
  std::vector<Pipeline::Text> batch;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    ids.push_back("doc" + std::to_string(i));
    dates.push_back(i % 2 ? "2024-06-19" : "2019-02-27");
  }
  for (std::size_t i = 0; i < texts.size(); ++i) batch.push_back({texts[i], ids[i], dates[i]});
  const std::vector<Document> docs = bundled().annotate_many(batch);
  REQUIRE(docs.size() == texts.size());
  std::size_t mentions = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(docs[i].id == ids[i]);
    CHECK(to_json(docs[i]) == to_json(bundled().annotate(texts[i], ids[i], dates[i])));
    mentions += docs[i].mentions.size();
  }
  CHECK(mentions > 50);
  CHECK(docs[texts.size() - 4].mentions.empty());
  CHECK(docs[texts.size() - 3].diagnostics.invalid_utf8_bytes == 2);
  CHECK(bundled().annotate_many({}).empty());
}

TEST_CASE("a pipeline can be built from objects made in code", "[pipeline]") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity({"atlantis", EntityType::state, "Atlantide", {}, ""}, {"Poséidonie"}));
  REQUIRE(b.add_entity({"lemuria", EntityType::state, "Lémurie", {}, ""}, {}));
  PipelineOptions opt;
  opt.gazetteer = std::move(b).build().value();
  opt.lexicon = TriggerLexicon::from_text("sup\tSUPPORT\t051\t3.4\tsoutient\t_\t-\n", "",
                                          "determiner\tla|le|l\npreposition\tde|à\n")
                    .value();
  auto p = Pipeline::create(std::move(opt)).value();
  Document d = p.annotate("La Poséidonie soutient la Lémurie.", "x", "2024-01-01");
  REQUIRE(d.entities.size() == 2);
  CHECK(d.entities[0].id == "atlantis");
  REQUIRE(d.relations.size() == 1);
  CHECK(d.relations[0].source == "atlantis");
  CHECK(d.relations[0].target == "lemuria");
}

TEST_CASE("a bad date in the options is rejected", "[pipeline]") {
  PipelineOptions opt;
  opt.resolve.date = "19/06/2024";
  auto p = Pipeline::create(std::move(opt));
  REQUIRE_FALSE(p);
  CHECK(p.error().code == ErrorCode::bad_date);
}

TEST_CASE("is_valid_date accepts real calendar dates only", "[pipeline]") {
  CHECK(nercore::is_valid_date("2024-02-29"));
  CHECK(nercore::is_valid_date("2026-11-22"));
  CHECK_FALSE(nercore::is_valid_date("2023-02-29"));
  CHECK_FALSE(nercore::is_valid_date("2024-13-01"));
  CHECK_FALSE(nercore::is_valid_date("2024-1-01"));
  CHECK_FALSE(nercore::is_valid_date("2024/01/01"));
  CHECK_FALSE(nercore::is_valid_date(""));
}
