// SPDX-License-Identifier: MIT
// File: graph_test.cpp
// Tests of the corpus actor graph: aggregation of documents, symmetric edges, order-independent
// merging, GraphML output (typed keys, filters, escaping) and input (round trip, errors).
#include "nercore/graph.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using nercore::ActorEdge;
using nercore::ActorGraph;
using nercore::ActorNode;
using nercore::Document;
using nercore::EntityType;
using nercore::GraphFilter;
using nercore::Modality;
using nercore::RelationType;

nercore::Entity entity(std::string id, EntityType type, std::string name, std::size_t mentions,
                       std::vector<std::pair<std::string, std::string>> attributes = {}) {
  nercore::Entity e;
  e.id = std::move(id);
  e.type = type;
  e.name = std::move(name);
  for (std::size_t i = 0; i < mentions; ++i) e.mentions.push_back(i);
  e.attributes = std::move(attributes);
  return e;
}

nercore::Relation relation(std::string source, RelationType type, std::string target,
                           Modality modality, std::vector<std::string> sentences,
                           std::string cameo = "", double goldstein = 0.0) {
  nercore::Relation r;
  r.source = std::move(source);
  r.target = std::move(target);
  r.type = type;
  r.modality = modality;
  r.cameo = std::move(cameo);
  r.goldstein = goldstein;
  for (std::string& s : sentences) {
    nercore::Evidence ev;
    ev.text = std::move(s);
    ev.modality = modality;
    r.evidence.push_back(std::move(ev));
  }
  return r;
}

/// Poutine meets Kim (twice stated), supports him, accuses Zelensky; co-occurrences.
Document doc1() {
  Document d;
  d.id = "doc1";
  d.date = "2024-06-19";
  d.entities = {entity("Q7747", EntityType::person, "Vladimir Poutine", 2,
                       {{"wikidata", "Q7747"}, {"country", "RU"}}),
                entity("Q56226", EntityType::person, "Kim Jong-un", 1),
                entity("Q3874799", EntityType::person, "Volodymyr Zelensky", 1)};
  d.relations = {
      relation("Q7747", RelationType::meet, "Q56226", Modality::asserted,
               {"Poutine a rencontré Kim.", "Les deux dirigeants se sont vus à Pyongyang."}, "040",
               1.0),
      relation("Q7747", RelationType::support, "Q56226", Modality::asserted,
               {"Poutine soutient Kim."}, "051", 3.4),
      relation("Q7747", RelationType::accuse, "Q3874799", Modality::reported,
               {"Poutine accuse Zelensky, selon l'AFP."}, "112", -2.0)};
  d.cooccurrences = {{"Q3874799", "Q7747", 1}, {"Q56226", "Q7747", 3}};
  return d;
}

/// Kim meets Poutine (the other direction), a future SUPPORT without evidence, a new entity.
Document doc2() {
  Document d;
  d.id = "doc2";
  d.date = "2024-06-10";
  d.entities = {entity("Q56226", EntityType::person, "Kim Jong-un", 2),
                entity("Q7747", EntityType::person, "Vladimir Poutine", 1),
                entity("Q159", EntityType::state, "Russie", 1)};
  d.relations = {
      relation("Q56226", RelationType::meet, "Q7747", Modality::reported,
               {"Kim aurait rencontré Poutine."}, "040", 1.0),
      relation("Q7747", RelationType::support, "Q56226", Modality::future, {}, "051", 3.4)};
  d.cooccurrences = {{"Q56226", "Q7747", 1}};
  return d;
}

/// A small corpus with overlapping actors, dates, evidence and codes.
std::vector<Document> corpus() {
  std::vector<Document> docs = {doc1(), doc2()};
  const char* dates[] = {"2024-01-05", "", "2023-12-31", "2024-02-29", "2024-03-01", "2024-01-05"};
  const RelationType types[] = {RelationType::support, RelationType::meet, RelationType::attack,
                                RelationType::cooperate, RelationType::sanction};
  for (int i = 0; i < 6; ++i) {
    Document d;
    d.id = "gen" + std::to_string(i);
    d.date = dates[i];
    const std::string a = "A" + std::to_string(i % 3);
    const std::string b = "B" + std::to_string(i % 2);
    d.entities = {entity(a, EntityType::state, "État " + a, 1 + i % 2, {{"country", "X" + a}}),
                  entity(b, EntityType::organization, i % 2 ? "Org " + b : "Organisation " + b, 1),
                  entity("Q7747", EntityType::person, "Poutine", 1)};
    const RelationType t = types[i % 5];
    const double goldstein = t == RelationType::attack || t == RelationType::sanction ? -8.0 : 2.5;
    d.relations = {relation(a, t, b, static_cast<Modality>(i % 4),
                            {"Phrase " + std::to_string(i % 4) + " sur " + a, "Autre phrase " + b},
                            "0" + std::to_string(40 + i % 3), goldstein),
                   relation(b, RelationType::meet, "Q7747", Modality::asserted,
                            {"Rencontre " + std::to_string(i)}, "040", 1.0)};
    d.cooccurrences = {{a, b, static_cast<std::uint32_t>(1 + i)}};
    docs.push_back(std::move(d));
  }
  return docs;
}

ActorGraph graph_of(const std::vector<Document>& docs, std::size_t begin, std::size_t end) {
  ActorGraph g;
  for (std::size_t i = begin; i < end; ++i) g.add(docs[i]);
  return g;
}

const ActorNode& node(const ActorGraph& g, const std::string& id) {
  const ActorGraph::Vertex* v = g.find(id);
  REQUIRE(v != nullptr);
  return g.graph()[*v];
}

/// The edge (source, type, target), or nullptr.
const ActorEdge* edge(const ActorGraph& g, const std::string& source, RelationType type,
                      const std::string& target) {
  const ActorGraph::Vertex* s = g.find(source);
  const ActorGraph::Vertex* t = g.find(target);
  if (s == nullptr || t == nullptr) return nullptr;
  for (auto [it, end] = boost::out_edges(*s, g.graph()); it != end; ++it) {
    if (boost::target(*it, g.graph()) == *t && g.graph()[*it].type == nercore::to_string(type)) {
      return &g.graph()[*it];
    }
  }
  return nullptr;
}

std::string graphml(const ActorGraph& g, const GraphFilter& filter = {}) {
  std::ostringstream out;
  g.write_graphml(out, filter);
  return out.str();
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + what.size())) {
    ++n;
  }
  return n;
}

GraphFilter everything() {
  GraphFilter f;
  f.cooccurrence = true;
  return f;
}

nercore::Result<ActorGraph> read(const std::string& text, std::string_view source = "test") {
  std::istringstream in(text);
  return ActorGraph::read_graphml(in, source);
}

}  // namespace

TEST_CASE("add aggregates nodes, edges, counts and modalities", "[graph]") {
  ActorGraph g;
  g.add(doc1());
  g.add(doc2());

  CHECK(g.num_nodes() == 4);
  // MEET (one, symmetric), SUPPORT, ACCUSE, CO_OCCURS x2.
  CHECK(g.num_edges() == 5);

  const ActorNode& poutine = node(g, "Q7747");
  CHECK(poutine.label == "Vladimir Poutine");
  CHECK(poutine.type == "PERSON");
  CHECK(poutine.wikidata == "Q7747");
  CHECK(poutine.country == "RU");
  CHECK(poutine.mentions == 3);
  CHECK(poutine.documents == 2);
  CHECK(node(g, "Q56226").mentions == 3);
  CHECK(node(g, "Q159").type == "STATE");
  CHECK(node(g, "Q159").documents == 1);

  const ActorEdge* support = edge(g, "Q7747", RelationType::support, "Q56226");
  REQUIRE(support != nullptr);
  CHECK(support->documents == 2);
  CHECK(support->mentions == 2);  // one sentence, then a relation without evidence counts 1
  CHECK(support->asserted == 1);
  CHECK(support->future == 1);
  CHECK(support->reported == 0);
  CHECK(support->negated == 0);
  CHECK(support->cameo == "051");
  CHECK(support->goldstein == Approx(3.4));
  CHECK(support->sign == 1);
  CHECK(support->first_date == "2024-06-10");
  CHECK(support->last_date == "2024-06-19");
  CHECK(support->evidence == std::vector<std::string>{"Poutine soutient Kim."});
  CHECK(edge(g, "Q56226", RelationType::support, "Q7747") == nullptr);

  const ActorEdge* accuse = edge(g, "Q7747", RelationType::accuse, "Q3874799");
  REQUIRE(accuse != nullptr);
  CHECK(accuse->sign == -1);
  CHECK(accuse->reported == 1);
  CHECK(accuse->first_date == "2024-06-19");
  CHECK(accuse->last_date == "2024-06-19");

  const ActorEdge* cooc = edge(g, "Q56226", RelationType::co_occurs, "Q7747");
  REQUIRE(cooc != nullptr);
  CHECK(cooc->type == "CO_OCCURS");
  CHECK(cooc->sign == 0);
  CHECK(cooc->documents == 2);
  CHECK(cooc->mentions == 4);
  CHECK(cooc->asserted + cooc->reported + cooc->future + cooc->negated == 0);
}

TEST_CASE("symmetric relations are one edge with source id < target id", "[graph]") {
  ActorGraph g;
  g.add(doc1());
  g.add(doc2());
  // doc1 has Q7747 MEET Q56226, doc2 Q56226 MEET Q7747: one edge, from the smaller id.
  CHECK(edge(g, "Q7747", RelationType::meet, "Q56226") == nullptr);
  const ActorEdge* meet = edge(g, "Q56226", RelationType::meet, "Q7747");
  REQUIRE(meet != nullptr);
  CHECK(meet->documents == 2);
  CHECK(meet->mentions == 3);
  CHECK(meet->asserted == 1);
  CHECK(meet->reported == 1);
  CHECK(meet->first_date == "2024-06-10");
  CHECK(meet->last_date == "2024-06-19");

  SECTION("both directions in one document count the document once") {
    Document d;
    d.date = "2025-01-01";
    d.entities = {entity("A", EntityType::state, "A", 1), entity("B", EntityType::state, "B", 1)};
    d.relations = {relation("B", RelationType::cooperate, "A", Modality::reported, {"s1"}),
                   relation("A", RelationType::cooperate, "B", Modality::asserted, {"s2", "s3"}),
                   relation("A", RelationType::support, "B", Modality::asserted, {"s4"}),
                   relation("B", RelationType::support, "A", Modality::negated, {"s5"})};
    ActorGraph h;
    h.add(d);
    CHECK(h.num_edges() == 3);  // COOPERATE once, SUPPORT in each direction
    const ActorEdge* coop = edge(h, "A", RelationType::cooperate, "B");
    REQUIRE(coop != nullptr);
    CHECK(coop->documents == 1);
    CHECK(coop->mentions == 3);
    CHECK(coop->asserted == 1);  // the most factual modality of the document
    CHECK(coop->reported == 0);
    CHECK(coop->evidence == std::vector<std::string>{"s1", "s2", "s3"});
    REQUIRE(edge(h, "B", RelationType::support, "A") != nullptr);
    CHECK(edge(h, "B", RelationType::support, "A")->negated == 1);
  }
}

TEST_CASE("evidence keeps the smallest distinct sentences, dates ignore empty ones", "[graph]") {
  Document d;
  d.entities = {entity("A", EntityType::state, "A", 1), entity("B", EntityType::state, "B", 1)};
  d.relations = {relation("A", RelationType::attack, "B", Modality::asserted,
                          {"e", "c", "d", "c", "", "b"}, "190", -10.0)};
  ActorGraph g;
  g.add(d);  // no date
  const ActorEdge* e = edge(g, "A", RelationType::attack, "B");
  REQUIRE(e != nullptr);
  CHECK(e->evidence == std::vector<std::string>{"b", "c", "d"});
  CHECK(e->mentions == 6);
  CHECK(e->first_date.empty());
  CHECK(e->last_date.empty());
  CHECK(e->sign == -1);

  d.date = "2024-05-01";
  d.relations[0].evidence[0].text = "a";
  g.add(d);
  CHECK(e->evidence == std::vector<std::string>{"a", "b", "c"});
  CHECK(e->first_date == "2024-05-01");
  CHECK(e->last_date == "2024-05-01");
  CHECK(e->documents == 2);
}

TEST_CASE("merge of two halves equals the graph of all documents", "[graph]") {
  const std::vector<Document> docs = corpus();
  const ActorGraph all = graph_of(docs, 0, docs.size());
  for (std::size_t cut = 0; cut <= docs.size(); ++cut) {
    ActorGraph merged = graph_of(docs, 0, cut);
    merged.merge(graph_of(docs, cut, docs.size()));
    INFO("cut at " << cut);
    CHECK(merged == all);
    CHECK(graphml(merged, everything()) == graphml(all, everything()));
  }
  // The reverse document order gives the same graph too.
  ActorGraph reversed;
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) reversed.add(*it);
  CHECK(reversed == all);

  // operator== does notice differences.
  CHECK_FALSE(graph_of(docs, 0, docs.size() - 1) == all);
  ActorGraph twice = all;
  twice.merge(all);
  CHECK_FALSE(twice == all);
  CHECK(twice.num_nodes() == all.num_nodes());
  CHECK(twice.num_edges() == all.num_edges());
  CHECK(node(twice, "Q7747").documents == 2 * node(all, "Q7747").documents);
}

TEST_CASE("merge is commutative", "[graph]") {
  const std::vector<Document> docs = corpus();
  const ActorGraph a = graph_of(docs, 0, 3);
  const ActorGraph b = graph_of(docs, 3, docs.size());
  ActorGraph ab = a;
  ab.merge(b);
  ActorGraph ba = b;
  ba.merge(a);
  CHECK(ab == ba);
  CHECK(graphml(ab, everything()) == graphml(ba, everything()));
  // Copies are independent: merging into ab changed neither a nor its copy's source.
  CHECK(a == graph_of(docs, 0, 3));
  CHECK_FALSE(ab == a);
}

TEST_CASE("operator== compares every property", "[graph]") {
  const auto one = [](auto&& change) {
    Document d = doc1();
    change(d);
    ActorGraph g;
    g.add(d);
    return g;
  };
  const ActorGraph base = one([](Document&) {});
  CHECK(base == one([](Document&) {}));
  CHECK_FALSE(base == one([](Document& d) { d.relations[1].evidence[0].text = "Autre."; }));
  CHECK_FALSE(base == one([](Document& d) { d.relations[1].goldstein = 3.5; }));
  CHECK_FALSE(base == one([](Document& d) { d.relations[1].cameo = "052"; }));
  CHECK_FALSE(base == one([](Document& d) { d.relations[1].modality = Modality::future; }));
  CHECK_FALSE(base == one([](Document& d) { d.date = "2024-06-20"; }));
  CHECK_FALSE(base == one([](Document& d) { d.entities[1].name = "Kim"; }));
  CHECK_FALSE(base == one([](Document& d) { d.entities[0].attributes.clear(); }));
  CHECK_FALSE(base == one([](Document& d) { d.entities[0].mentions.pop_back(); }));
  CHECK_FALSE(base == one([](Document& d) { d.cooccurrences[0].count = 7; }));
  // Same counts, another target: the edge sets differ.
  CHECK_FALSE(base == one([](Document& d) { d.relations[2].target = "Q56226"; }));
}

TEST_CASE("copies and moves keep their edges", "[graph]") {
  ActorGraph g;
  g.add(doc1());
  ActorGraph copy = g;
  copy.add(doc2());
  CHECK(edge(g, "Q7747", RelationType::support, "Q56226")->documents == 1);
  CHECK(edge(copy, "Q7747", RelationType::support, "Q56226")->documents == 2);
  ActorGraph moved = std::move(copy);
  moved.add(doc2());
  CHECK(edge(moved, "Q7747", RelationType::support, "Q56226")->documents == 3);
  g.merge(g);
  CHECK(edge(g, "Q7747", RelationType::support, "Q56226")->documents == 2);
}

TEST_CASE("GraphML round trip gives an equal graph", "[graph]") {
  const std::vector<Document> docs = corpus();
  const ActorGraph g = graph_of(docs, 0, docs.size());
  const std::string text = graphml(g, everything());
  CHECK(count_of(text, "<node ") == g.num_nodes());
  CHECK(count_of(text, "<edge ") == g.num_edges());

  nercore::Result<ActorGraph> back = read(text);
  REQUIRE(back.has_value());
  CHECK(back->num_nodes() == g.num_nodes());
  CHECK(back->num_edges() == g.num_edges());
  CHECK(*back == g);
  CHECK(graphml(*back, everything()) == text);

  // A filtered file reads back as a graph with fewer edges but all nodes.
  nercore::Result<ActorGraph> typed = read(graphml(g));
  REQUIRE(typed.has_value());
  CHECK(typed->num_nodes() == g.num_nodes());
  CHECK(typed->num_edges() < g.num_edges());
  CHECK_FALSE(*typed == g);
}

TEST_CASE("GraphML keys are typed", "[graph]") {
  ActorGraph g;
  g.add(doc1());
  const std::string text = graphml(g);
  CHECK(text.find(R"(for="node" attr.name="mentions" attr.type="int")") != std::string::npos);
  CHECK(text.find(R"(for="edge" attr.name="mentions" attr.type="int")") != std::string::npos);
  CHECK(text.find(R"(for="edge" attr.name="goldstein" attr.type="double")") != std::string::npos);
  CHECK(text.find(R"(for="edge" attr.name="sign" attr.type="int")") != std::string::npos);
  CHECK(text.find(R"(for="node" attr.name="label" attr.type="string")") != std::string::npos);
  CHECK(text.find(R"(edgedefault="directed")") != std::string::npos);
  // Nodes sorted by id: Q3874799 < Q56226 < Q7747.
  const std::size_t zelensky = text.find(">Q3874799<");
  const std::size_t kim = text.find(">Q56226<");
  const std::size_t poutine = text.find(">Q7747<");
  REQUIRE(zelensky != std::string::npos);
  CHECK(zelensky < kim);
  CHECK(kim < poutine);
}

TEST_CASE("GraphML filters select edges", "[graph]") {
  const std::vector<Document> docs = corpus();
  const ActorGraph g = graph_of(docs, 0, docs.size());
  std::size_t typed = 0, cooc = 0, support = 0, two_docs = 0, reported_or_future = 0;
  for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
    const ActorEdge& e = g.graph()[*it];
    const bool is_cooc = e.type == "CO_OCCURS";
    (is_cooc ? cooc : typed) += 1;
    if (e.type == "SUPPORT") ++support;
    if (!is_cooc && e.documents >= 2) ++two_docs;
    if (!is_cooc && e.reported + e.future > 0) ++reported_or_future;
  }
  REQUIRE(typed > 0);
  REQUIRE(cooc > 0);
  REQUIRE(support > 0);
  REQUIRE(two_docs > 0);
  REQUIRE(two_docs < typed);
  REQUIRE(reported_or_future < typed);

  const std::size_t nodes = g.num_nodes();
  GraphFilter f;
  CHECK(count_of(graphml(g, f), "<edge ") == typed);  // CO_OCCURS off by default
  CHECK(count_of(graphml(g, f), "<node ") == nodes);  // nodes are always all written

  f.cooccurrence = true;
  CHECK(count_of(graphml(g, f), "<edge ") == typed + cooc);

  f.types = {RelationType::support};
  CHECK(count_of(graphml(g, f), "<edge ") == support + cooc);
  f.cooccurrence = false;
  CHECK(count_of(graphml(g, f), "<edge ") == support);
  CHECK(count_of(graphml(g, f), "<node ") == nodes);

  f = GraphFilter{};
  f.min_documents = 2;
  CHECK(count_of(graphml(g, f), "<edge ") == two_docs);
  f.min_documents = 1000;
  CHECK(count_of(graphml(g, f), "<edge ") == 0);

  f = GraphFilter{};
  f.modalities = {Modality::reported, Modality::future};
  CHECK(count_of(graphml(g, f), "<edge ") == reported_or_future);
}

TEST_CASE("malformed GraphML gives an error, not an exception", "[graph]") {
  const std::string good = graphml(graph_of({doc1()}, 0, 1));
  const std::string key_line = R"(attr.name="mentions" attr.type="int")";
  std::string bad_int = good;
  const std::size_t data = bad_int.find("<data key=", bad_int.find("<node "));
  REQUIRE(data != std::string::npos);

  std::string negative = good;
  std::string no_entity = good;
  {
    // The node "mentions" key id, then its first value.
    const std::size_t key = good.find(R"(for="node" )" + key_line);
    REQUIRE(key != std::string::npos);
    const std::size_t id_begin = good.rfind("id=\"", key) + 4;
    const std::string id = good.substr(id_begin, good.find('"', id_begin) - id_begin);
    const std::string open = "<data key=\"" + id + "\">";
    const std::size_t value = good.find(open) + open.size();
    const std::size_t value_end = good.find('<', value);
    bad_int.replace(value, value_end - value, "beaucoup");
    negative.replace(value, value_end - value, "-3");
  }
  {
    const std::size_t value = no_entity.find(">Q3874799<") + 1;
    no_entity.replace(value, 8, "");
  }

  const std::vector<std::string> inputs = {
      "",
      "not xml at all",
      "<graphml><graph><node id=\"n0\">",  // truncated
      good.substr(0, good.size() / 2),     // truncated file
      R"(<graphml><graph edgedefault="directed"><edge source="n0" target="n1"/></graph></graphml>)",
      bad_int,
      negative,
      no_entity,
  };
  for (const std::string& input : inputs) {
    INFO(input.substr(0, 200));
    nercore::Result<ActorGraph> r = read(input, "corpus.graphml");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == nercore::ErrorCode::graphml);
    CHECK(r.error().source == "corpus.graphml");
    CHECK(r.error().message.find("corpus.graphml") != std::string::npos);
    CHECK_THROWS_AS(r.value(), nercore::Exception);
  }
  CHECK(read(good).has_value());
}

TEST_CASE("XML special characters and Unicode survive the round trip", "[graph]") {
  Document d;
  d.date = "2024-02-24";
  d.entities = {
      entity("x<&>\"'y", EntityType::organization, "<&>\"' & Cie", 1, {{"country", "a&b"}}),
      entity("Q423", EntityType::state, "Corée du Nord", 2, {{"wikidata", "Q423"}}),
      entity("Q1899", EntityType::location, "Kyïv 🇺🇦 🙂", 1)};
  d.relations = {
      relation("x<&>\"'y", RelationType::criticize, "Q423", Modality::negated,
               {"« Non » : <b>Pyongyang</b> & Séoul — \"guillemets\" 'apostrophes' 🙂",
                "Kyïv\u00a0a dit ¦ non"},
               "111", -2.1)};
  d.cooccurrences = {{"Q1899", "Q423", 1}};
  ActorGraph g;
  g.add(d);

  const std::string text = graphml(g, everything());
  CHECK(text.find("&lt;&amp;&gt;&quot;&apos; &amp; Cie") != std::string::npos);
  CHECK(text.find("Corée du Nord") != std::string::npos);
  CHECK(text.find("Kyïv 🇺🇦 🙂") != std::string::npos);
  CHECK(text.find("<b>") == std::string::npos);

  nercore::Result<ActorGraph> back = read(text);
  REQUIRE(back.has_value());
  CHECK(*back == g);
  CHECK(node(*back, "x<&>\"'y").label == "<&>\"' & Cie");
  CHECK(node(*back, "x<&>\"'y").country == "a&b");
  CHECK(node(*back, "Q1899").label == "Kyïv 🇺🇦 🙂");
  const ActorEdge* e = edge(*back, "x<&>\"'y", RelationType::criticize, "Q423");
  REQUIRE(e != nullptr);
  // `¦` is the evidence separator in GraphML, so it is stored as `|`; NBSP is kept.
  CHECK(e->evidence ==
        std::vector<std::string>{
            "Kyïv\u00a0a dit | non",
            "« Non » : <b>Pyongyang</b> & Séoul — \"guillemets\" 'apostrophes' 🙂"});
  CHECK(e->goldstein == Approx(-2.1));
}

TEST_CASE("whitespace is normalized so that it survives the round trip", "[graph]") {
  Document d;
  d.date = " 2024-03-03\n";
  d.entities = {entity("A", EntityType::person, "  Jean\n\tDupont  ", 1),
                entity("B", EntityType::person, "   ", 1)};
  d.relations = {relation("A", RelationType::support, "B", Modality::asserted,
                          {"Une phrase\r\nsur deux   lignes.  "}, "051", 1.0 / 3.0)};
  ActorGraph g;
  g.add(d);
  CHECK(node(g, "A").label == "Jean Dupont");
  CHECK(node(g, "B").label.empty());
  const ActorEdge* e = edge(g, "A", RelationType::support, "B");
  REQUIRE(e != nullptr);
  CHECK(e->evidence == std::vector<std::string>{"Une phrase sur deux lignes."});
  CHECK(e->first_date == "2024-03-03");

  nercore::Result<ActorGraph> back = read(graphml(g));
  REQUIRE(back.has_value());
  CHECK(*back == g);  // also checks goldstein 1/3, stored with the precision GraphML keeps
}
