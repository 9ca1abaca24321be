// SPDX-License-Identifier: MIT
// File: report_test.cpp
// Tests of the HTML report: self-contained (no external URL), escaping of text and attributes
// (< & > " ' and Unicode, invalid UTF-8), highlighted mentions with their tooltip, the relations
// table with the trigger marked, the SVG graph (nodes, edges colored by sign, deterministic
// layout), filters, and a report of real annotations.
#include "nercore/report.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "nercore/graph.hpp"
#include "nercore/pipeline.hpp"

namespace {

using nercore::ActorGraph;
using nercore::Document;
using nercore::EntityType;
using nercore::HtmlOptions;
using nercore::Modality;
using nercore::RelationType;
using Texts = std::vector<std::pair<Document, std::string>>;

/// Adds a mention of `id` at the first occurrence of `surface` in `text`.
void mention(Document& d, const std::string& text, const std::string& surface, std::string id,
             EntityType type, std::string rule) {
  const std::size_t at = text.find(surface);
  REQUIRE(at != std::string::npos);
  nercore::Mention m;
  m.span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + surface.size())};
  m.text = surface;
  m.entity = id;
  m.type = type;
  m.rule = std::move(rule);
  d.mentions.push_back(m);
  nercore::Entity* e = nullptr;
  for (nercore::Entity& x : d.entities) {
    if (x.id == id) e = &x;
  }
  if (e == nullptr) {
    nercore::Entity x;
    x.id = id;
    x.type = type;
    x.name = surface;
    d.entities.push_back(x);
    e = &d.entities.back();
  }
  e->mentions.push_back(d.mentions.size() - 1);
}

/// Adds a relation whose evidence is the whole text and whose trigger is `trigger`.
void relate(Document& d, const std::string& text, std::string source, RelationType type,
            std::string target, Modality modality, const std::string& trigger, double goldstein) {
  const std::size_t at = text.find(trigger);
  REQUIRE(at != std::string::npos);
  nercore::Relation r;
  r.source = std::move(source);
  r.target = std::move(target);
  r.type = type;
  r.modality = modality;
  r.goldstein = goldstein;
  r.cameo = "042";
  r.trigger_id = "trigger:test";
  nercore::Evidence ev;
  ev.sentence = {0, static_cast<std::uint32_t>(text.size())};
  ev.trigger = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + trigger.size())};
  ev.text = text;
  ev.modality = modality;
  r.evidence.push_back(ev);
  d.relations.push_back(r);
}

// A text with every character that needs escaping, and non-ASCII letters.
const std::string kText =
    "La Russie <script>alert('x')</script> soutient \"Wagner\" & attaque l'Ukraine (Київ).";

Texts sample() {
  Document d;
  d.id = "dépêche <1> & \"2\"";
  d.date = "2024-06-19";
  d.bytes = kText.size();
  mention(d, kText, "Russie", "russia", EntityType::state, "gazetteer:states.tsv:12");
  mention(d, kText, "Wagner", "wagner", EntityType::organization, "rule:org<&>");
  mention(d, kText, "Ukraine", "ukraine", EntityType::state, "gazetteer:states.tsv:40");
  mention(d, kText, "Київ", "ukraine", EntityType::state, "gazetteer:states.tsv:40");
  relate(d, kText, "russia", RelationType::support, "wagner", Modality::asserted, "soutient", 3.4);
  relate(d, kText, "russia", RelationType::attack, "ukraine", Modality::reported, "attaque", -10.0);
  d.cooccurrences = {{"russia", "ukraine", 1}, {"russia", "wagner", 1}, {"ukraine", "wagner", 1}};
  return {{d, kText}};
}

ActorGraph graph_of(const Texts& texts) {
  ActorGraph g;
  for (const auto& [doc, text] : texts) g.add(doc);
  return g;
}

std::string report(const Texts& texts, const ActorGraph& g, const HtmlOptions& options = {}) {
  std::ostringstream out;
  nercore::write_html_report(out, texts, g, options);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
    ++n;
  return n;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("the report is one self-contained page", "[report]") {
  const Texts texts = sample();
  const std::string html = report(texts, graph_of(texts));
  CHECK(html.rfind("<!DOCTYPE html>\n<html", 0) == 0);
  CHECK(contains(html, "<meta charset=\"utf-8\">"));
  CHECK(contains(html, "Content-Security-Policy"));
  CHECK(contains(html, "default-src 'none'"));
  CHECK(html.substr(html.size() - 8) == "</html>\n");
  // Nothing is loaded from anywhere: no URL, no src, no stylesheet link, url() only to #markers.
  CHECK_FALSE(contains(html, "http:"));
  CHECK_FALSE(contains(html, "https:"));
  CHECK_FALSE(contains(html, "//cdn"));
  CHECK_FALSE(contains(html, " src="));
  CHECK_FALSE(contains(html, "<link"));
  CHECK_FALSE(contains(html, "@import"));
  CHECK(count(html, "url(") == count(html, "url(#"));
  // One inline script marks success, an error listener marks failure.
  CHECK(contains(html, "document.body.setAttribute(\"data-ok\", \"1\")"));
  CHECK(contains(html, "setAttribute(\"data-error\""));
  CHECK(count(html, "<script>") == count(html, "</script>"));
}

TEST_CASE("the report escapes text and attributes and keeps Unicode", "[report]") {
  const Texts texts = sample();
  const std::string html = report(texts, graph_of(texts));
  // The article's <script> is text, not markup.
  CHECK_FALSE(contains(html, "<script>alert"));
  CHECK(contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  CHECK(contains(html, "&quot;<span class=\"ent ent-ORGANIZATION\""));
  CHECK(contains(html, "&amp; attaque"));
  CHECK(contains(html, "(<span class=\"ent ent-STATE\" data-entity=\"ukraine\" "
                       "title=\"ukraine · gazetteer:states.tsv:40\">Київ</span>)"));
  // Document ids and rules are escaped wherever they appear (text and attributes).
  CHECK(contains(html, "dépêche &lt;1&gt; &amp; &quot;2&quot;"));
  CHECK_FALSE(contains(html, "dépêche <1>"));
  CHECK(contains(html, "title=\"wagner · rule:org&lt;&amp;&gt;\""));
  // A title with markup characters is escaped too.
  HtmlOptions options;
  options.title = "Rapport <Sahel> & \"Ukraine\" 'été'";
  const std::string titled = report(texts, graph_of(texts), options);
  CHECK(contains(titled, "<title>Rapport &lt;Sahel&gt; &amp; &quot;Ukraine&quot; &#39;été&#39;</title>"));
}

TEST_CASE("the report replaces invalid UTF-8 and control characters", "[report]") {
  Texts texts = sample();
  texts[0].second.replace(0, 2, "L\xff");       // "La" -> "L\xff"
  texts[0].second.push_back('\x01');
  const std::string html = report(texts, graph_of(texts));
  CHECK(contains(html, "L\xEF\xBF\xBD <span class=\"ent ent-STATE\" data-entity=\"russia\""));
  CHECK_FALSE(contains(html, "\xff"));
  CHECK_FALSE(contains(html, std::string(1, '\x01')));
}

TEST_CASE("the report highlights mentions by type with entity id and rule", "[report]") {
  const Texts texts = sample();
  const std::string html = report(texts, graph_of(texts));
  CHECK(contains(html, "<span class=\"ent ent-STATE\" data-entity=\"russia\" "
                       "title=\"russia · gazetteer:states.tsv:12\">Russie</span>"));
  CHECK(contains(html, "<span class=\"ent ent-ORGANIZATION\" data-entity=\"wagner\""));
  CHECK(count(html, "<span class=\"ent ent-") == 4 + 5);  // mentions + the legend's 5 types
  // A mention inside another is nested; crossing or out-of-range mentions are skipped, not
  // garbled.
  Texts nested = sample();
  mention(nested[0].first, kText, "La Russie", "the_russians", EntityType::bloc, "rule:x");
  nercore::Mention crossing = nested[0].first.mentions[0];
  crossing.span = {6, 12};  // "sie <s" crosses the end of "La Russie" and of "Russie"
  nested[0].first.mentions.push_back(crossing);
  nercore::Mention outside = nested[0].first.mentions[0];
  outside.span = {1000, 1010};
  nested[0].first.mentions.push_back(outside);
  const std::string html2 = report(nested, graph_of(nested));
  CHECK(count(html2, "<span class=\"ent ent-") == 5 + 5);
  CHECK(contains(html2, "<span class=\"ent ent-BLOC\" data-entity=\"the_russians\" "
                        "title=\"the_russians · rule:x\">La <span class=\"ent ent-STATE\" "
                        "data-entity=\"russia\" title=\"russia · gazetteer:states.tsv:12\">"
                        "Russie</span></span> &lt;script&gt;"));
  CHECK(count(html2, "<span") == count(html2, "</span>"));
}

TEST_CASE("the relations table shows evidence with the trigger marked", "[report]") {
  const Texts texts = sample();
  const std::string html = report(texts, graph_of(texts));
  CHECK(count(html, "<tr class=\"sign-") == 2);
  CHECK(contains(html, "<tr class=\"sign-pos\" data-source=\"russia\" data-target=\"wagner\" "
                       "data-type=\"SUPPORT\">"));
  CHECK(contains(html, "<tr class=\"sign-neg\" data-source=\"russia\" data-target=\"ukraine\" "
                       "data-type=\"ATTACK\">"));
  CHECK(contains(html, "<mark>soutient</mark> &quot;Wagner&quot;"));
  CHECK(contains(html, "<mark>attaque</mark> l&#39;Ukraine (Київ)."));
  CHECK(contains(html, "<span class=\"modality reported\">reported</span>"));
  CHECK(contains(html, "<span class=\"modality asserted\">asserted</span>"));
  // The filter's types and modalities select rows too.
  HtmlOptions options;
  options.filter.types = {RelationType::attack};
  const std::string attacks = report(texts, graph_of(texts), options);
  CHECK(count(attacks, "<tr class=\"sign-") == 1);
  CHECK(contains(attacks, "data-type=\"ATTACK\""));
  options.filter.types.clear();
  options.filter.modalities = {Modality::asserted};
  const std::string asserted = report(texts, graph_of(texts), options);
  CHECK(count(asserted, "<tr class=\"sign-") == 1);
  CHECK(contains(asserted, "data-type=\"SUPPORT\""));
}

TEST_CASE("the report draws the graph as SVG, colored by sign, deterministically", "[report]") {
  const Texts texts = sample();
  const ActorGraph g = graph_of(texts);
  const std::string html = report(texts, g);
  CHECK(count(html, "<svg ") == 1);
  CHECK(count(html, "<g class=\"node t-") == 3);
  CHECK(contains(html, "<g class=\"node t-STATE\" data-entity=\"russia\" data-label=\"Russie\""));
  CHECK(contains(html, "<g class=\"node t-ORGANIZATION\" data-entity=\"wagner\""));
  CHECK(count(html, "<path class=\"edge ") == 2);
  CHECK(contains(html, "<path class=\"edge sign-pos\" data-source=\"russia\" data-target=\"wagner\""));
  CHECK(contains(html, "<path class=\"edge sign-neg\" data-source=\"russia\" data-target=\"ukraine\""));
  CHECK(contains(html, "marker-end=\"url(#arrow-neg)\""));
  // Every coordinate is a finite number inside the drawing.
  const std::regex circle(R"x(<circle cx="([-0-9.e]+)" cy="([-0-9.e]+)" r="([0-9.]+)"/>)x");
  std::size_t circles = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), circle); it != std::sregex_iterator();
       ++it) {
    ++circles;
    const double x = std::stod((*it)[1]);
    const double y = std::stod((*it)[2]);
    CHECK(x >= 0.0);
    CHECK(x <= 1200.0);
    CHECK(y >= 0.0);
    CHECK(y <= 760.0);
  }
  CHECK(circles == 3);
  // Same input, same seed: the same page, byte for byte; another seed moves the nodes.
  CHECK(report(texts, g) == html);
  HtmlOptions other;
  other.seed = 7;
  CHECK(report(texts, g, other) != html);

  // Co-occurrence edges are grey and dashed (class sign-co) and have no arrow.
  HtmlOptions cooc;
  cooc.filter.cooccurrence = true;
  const std::string with_cooc = report(texts, g, cooc);
  CHECK(count(with_cooc, "<path class=\"edge sign-co\"") == 3);
  CHECK(count(with_cooc, "marker-end=") == 2);
  CHECK(contains(with_cooc, "co-occurrence</span>"));

  // max_nodes keeps the best connected actors.
  HtmlOptions small;
  small.max_nodes = 1;
  const std::string one = report(texts, g, small);
  CHECK(count(one, "<g class=\"node t-") == 1);
  CHECK(contains(one, "data-entity=\"russia\" data-label"));
  CHECK(count(one, "<path class=\"edge ") == 0);
}

TEST_CASE("the report of nothing is a valid page", "[report]") {
  const std::string html = report({}, ActorGraph{});
  CHECK(contains(html, "No relation to draw."));
  CHECK(contains(html, "0 articles"));
  CHECK(html.substr(html.size() - 8) == "</html>\n");
  HtmlOptions no_articles;
  no_articles.articles = false;
  const Texts texts = sample();
  const std::string table_only = report(texts, graph_of(texts), no_articles);
  CHECK_FALSE(contains(table_only, "<section id=\"articles\">"));
  CHECK_FALSE(contains(table_only, "href=\"#doc-"));
}

TEST_CASE("the report of real annotations highlights what the pipeline found", "[report]") {
  const auto pipeline = nercore::Pipeline::from_directory(NERCORE_GAZETTEERS);
  REQUIRE(pipeline);
  const std::string text =
      "Le président Emmanuel Macron a reçu Olaf Scholz à Paris. La France soutient l'Ukraine.";
  Texts texts;
  texts.emplace_back(pipeline->annotate(text, "a.txt", "2024-06-19"), text);
  const Document& doc = texts[0].first;
  REQUIRE_FALSE(doc.mentions.empty());
  const std::string html = report(texts, graph_of(texts));
  for (const nercore::Mention& m : doc.mentions) {
    CHECK(contains(html, "data-entity=\"" + m.entity + "\" title=\"" + m.entity + " · "));
    CHECK(contains(html, ">" + m.text + "</span>"));
  }
  CHECK(count(html, "<tr class=\"sign-") == doc.relations.size());
}
