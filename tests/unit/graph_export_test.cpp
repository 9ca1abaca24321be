// SPDX-License-Identifier: MIT
// File: graph_export_test.cpp
// Tests of the DOT, JSON node-link and CSV exports of the actor graph: structure, escaping of XML
// and CSV special characters and Unicode, filters (the same rule as GraphML), determinism, and
// the private escaping helpers they share with the HTML report.
#include "nercore/graph_export.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "detail/escape.hpp"
#include "detail/graph_view.hpp"
#include "nercore/graph.hpp"

namespace {

using nercore::ActorGraph;
using nercore::Document;
using nercore::EntityType;
using nercore::GraphFilter;
using nercore::Modality;
using nercore::RelationType;

nercore::Entity entity(std::string id, EntityType type, std::string name,
                       std::vector<std::pair<std::string, std::string>> attributes = {}) {
  nercore::Entity e;
  e.id = std::move(id);
  e.type = type;
  e.name = std::move(name);
  e.mentions = {0};
  e.attributes = std::move(attributes);
  return e;
}

nercore::Relation relation(std::string source, RelationType type, std::string target,
                           Modality modality, std::string sentence, double goldstein) {
  nercore::Relation r;
  r.source = std::move(source);
  r.target = std::move(target);
  r.type = type;
  r.modality = modality;
  r.cameo = "0" + std::to_string(static_cast<int>(type) + 40);
  r.goldstein = goldstein;
  nercore::Evidence ev;
  ev.text = std::move(sentence);
  ev.modality = modality;
  r.evidence.push_back(std::move(ev));
  return r;
}

// Labels and evidence with every character that needs escaping somewhere, and non-ASCII text.
const std::string kTrickyLabel = "Groupe \"Wagner\", <Afrique> & l'autre";
const std::string kTrickySentence =
    "Kyiv (Київ) accuse « Wagner », dit-il : \"a < b & c > d\" ; l'enquête, 50 % ¦ fin.";

/// Russia supports Wagner (twice), attacks Ukraine (reported), meets Ukraine (future, symmetric),
/// plus co-occurrences.
std::vector<Document> corpus() {
  Document a;
  a.id = "a";
  a.date = "2024-06-01";
  a.entities = {entity("russia", EntityType::state, "Russie", {{"wikidata", "Q159"}}),
                entity("wagner", EntityType::organization, kTrickyLabel, {{"country", "russia"}}),
                entity("ukraine", EntityType::state, "Ukraine", {{"wikidata", "Q212"}})};
  a.relations = {relation("russia", RelationType::support, "wagner", Modality::asserted,
                          kTrickySentence, 3.4),
                 relation("russia", RelationType::attack, "ukraine", Modality::reported,
                          "La Russie aurait frappé l'Ukraine.", -10.0)};
  a.cooccurrences = {{"russia", "ukraine", 2}, {"russia", "wagner", 1}};

  Document b;
  b.id = "b";
  b.date = "2024-06-03";
  b.entities = {entity("russia", EntityType::state, "Russie"),
                entity("wagner", EntityType::organization, kTrickyLabel),
                entity("ukraine", EntityType::state, "Ukraine"),
                entity("paris", EntityType::location, "Paris")};
  b.relations = {relation("russia", RelationType::support, "wagner", Modality::asserted,
                          "La Russie soutient Wagner.", 3.4),
                 relation("ukraine", RelationType::meet, "russia", Modality::future,
                          "L'Ukraine rencontrera la Russie.", 1.0)};
  b.cooccurrences = {{"russia", "ukraine", 1}};
  return {a, b};
}

ActorGraph graph_of(const std::vector<Document>& docs) {
  ActorGraph g;
  for (const Document& d : docs) g.add(d);
  return g;
}

std::string dot(const ActorGraph& g, const GraphFilter& f = {}) {
  std::ostringstream out;
  nercore::write_dot(out, g, f);
  return out.str();
}

nlohmann::json node_link(const ActorGraph& g, const GraphFilter& f = {}) {
  std::ostringstream out;
  nercore::write_node_link_json(out, g, f);
  return nlohmann::json::parse(out.str());
}

std::string csv_nodes(const ActorGraph& g) {
  std::ostringstream out;
  nercore::write_csv_nodes(out, g);
  return out.str();
}

std::string csv_edges(const ActorGraph& g, const GraphFilter& f = {}) {
  std::ostringstream out;
  nercore::write_csv_edges(out, g, f);
  return out.str();
}

/// A minimal RFC 4180 reader: rows of fields (quoted fields may hold commas, quotes, newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
    ++n;
  return n;
}

std::vector<GraphFilter> filters() {
  std::vector<GraphFilter> out(6);
  out[1].cooccurrence = true;
  out[2].types = {RelationType::support};
  out[3].modalities = {Modality::reported, Modality::future};
  out[4].min_documents = 2;
  out[5].cooccurrence = true;
  out[5].min_documents = 2;
  return out;
}

}  // namespace

TEST_CASE("escape helpers handle XML, DOT and CSV special characters", "[export]") {
  using nercore::detail::csv_field;
  using nercore::detail::dot_quote;
  using nercore::detail::html_escape;
  CHECK(html_escape("a < b & c > d \"q\" 'a'") ==
        "a &lt; b &amp; c &gt; d &quot;q&quot; &#39;a&#39;");
  CHECK(html_escape("Київ · « é »") == "Київ · « é »");
  CHECK(html_escape("tab\there\nline") == "tab\there\nline");
  CHECK(html_escape(std::string("nul\x01\x7f", 5)) == "nul\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(html_escape("bad \xff byte \xe2\x82") == "bad \xEF\xBF\xBD byte \xEF\xBF\xBD\xEF\xBF\xBD");

  CHECK(dot_quote("plain") == "\"plain\"");
  CHECK(dot_quote("say \"hi\" \\o/") == "\"say \\\"hi\\\" \\\\o/\"");
  CHECK(dot_quote("two\nlines") == "\"two\\nlines\"");
  CHECK(dot_quote("Київ") == "\"Київ\"");

  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_field(" padded ") == "\" padded \"");
  CHECK(csv_field("Київ ¦ é") == "Київ ¦ é");
  // Round trip through an RFC 4180 reader.
  const std::string tricky = "a,\"b\"\nc, d ";
  const auto rows = parse_csv(csv_field(tricky) + "," + csv_field("x") + "\n");
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].size() == 2);
  CHECK(rows[0][0] == tricky);
  CHECK(rows[0][1] == "x");

  CHECK(nercore::detail::format_double(3.4) == "3.4");
  CHECK(nercore::detail::format_double(-10.0) == "-10");
  CHECK(nercore::detail::format_double(-0.0) == "0");
}

TEST_CASE("keeps() is the rule of write_graphml", "[export]") {
  const ActorGraph g = graph_of(corpus());
  for (const GraphFilter& f : filters()) {
    std::ostringstream out;
    g.write_graphml(out, f);
    std::size_t kept = 0;
    for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
      if (nercore::keeps(f, g.graph()[*it])) ++kept;
    }
    CHECK(count(out.str(), "<edge ") == kept);
    CHECK(nercore::detail::sorted_view(g, f).edges.size() == kept);
  }
}

TEST_CASE("DOT has a node per actor and an edge per kept edge, colored by sign", "[export]") {
  const ActorGraph g = graph_of(corpus());
  const std::string text = dot(g);
  CHECK(text.rfind("// nercore actor graph: 4 nodes, 3 edges", 0) == 0);
  CHECK(text.find("\ndigraph actors {\n") != std::string::npos);
  CHECK(text.size() >= 2);
  CHECK(text.substr(text.size() - 2) == "}\n");
  CHECK(count(text, " -> ") == 3);
  CHECK(count(text, "label=") == 4 + 3);
  // Nodes sorted by id, each with its attributes.
  const std::size_t paris = text.find("\n  \"paris\" [");
  const std::size_t russia = text.find("\n  \"russia\" [");
  const std::size_t ukraine = text.find("\n  \"ukraine\" [");
  const std::size_t wagner = text.find("\n  \"wagner\" [");
  REQUIRE(paris != std::string::npos);
  CHECK(paris < russia);
  CHECK(russia < ukraine);
  CHECK(ukraine < wagner);
  CHECK(text.find(R"x("russia" [label="Russie", type="STATE", wikidata="Q159")x") !=
        std::string::npos);
  // Edges: type and count in the label, color by sign, no arrow for symmetric types.
  CHECK(text.find(R"x("russia" -> "wagner" [label="SUPPORT (2)", type="SUPPORT", color="#2e7d32")x") !=
        std::string::npos);
  CHECK(text.find(R"x("russia" -> "ukraine" [label="ATTACK (1)", type="ATTACK", color="#c62828")x") !=
        std::string::npos);
  CHECK(text.find(R"x("russia" -> "ukraine" [label="MEET (1)", type="MEET", color="#2e7d32")x") !=
        std::string::npos);
  CHECK(count(text, R"x(dir="none")x") == 1);
  CHECK(count(text, R"x(dir="forward")x") == 2);
  // Quotes are escaped, the rest of the label (Unicode, <, &) is as is.
  CHECK(text.find(R"x(label="Groupe \"Wagner\", <Afrique> & l'autre")x") != std::string::npos);
  CHECK(text.find("(Київ)") != std::string::npos);

  // Co-occurrence edges are grey, when asked for.
  GraphFilter with_cooc;
  with_cooc.cooccurrence = true;
  const std::string all = dot(g, with_cooc);
  CHECK(count(all, " -> ") == 5);
  CHECK(all.find(R"x(label="CO_OCCURS (2)", type="CO_OCCURS", color="#9e9e9e")x") !=
        std::string::npos);
}

TEST_CASE("JSON node-link data has networkx's node_link_data shape", "[export]") {
  const ActorGraph g = graph_of(corpus());
  const nlohmann::json j = node_link(g);
  CHECK(j.at("directed") == true);
  CHECK(j.at("multigraph") == true);
  CHECK(j.at("graph") == nlohmann::json::object());
  REQUIRE(j.at("nodes").size() == 4);
  REQUIRE(j.at("links").size() == 3);
  std::vector<std::string> ids;
  for (const auto& n : j.at("nodes")) ids.push_back(n.at("id"));
  CHECK(ids == std::vector<std::string>{"paris", "russia", "ukraine", "wagner"});

  const nlohmann::json& wagner = j.at("nodes")[3];
  CHECK(wagner.at("label") == kTrickyLabel);  // exact round trip, whatever the characters
  CHECK(wagner.at("type") == "ORGANIZATION");
  CHECK(wagner.at("country") == "russia");
  CHECK(wagner.at("mentions").is_number_integer());
  CHECK(wagner.at("documents") == 2);

  bool found = false;
  for (const auto& l : j.at("links")) {
    CHECK(l.at("key") == l.at("type"));
    CHECK(l.at("goldstein").is_number());
    CHECK(l.at("evidence").is_array());
    if (l.at("source") == "russia" && l.at("target") == "wagner") {
      found = true;
      CHECK(l.at("type") == "SUPPORT");
      CHECK(l.at("symmetric") == false);
      CHECK(l.at("documents") == 2);
      CHECK(l.at("asserted") == 2);
      CHECK(l.at("sign") == 1);
      CHECK(l.at("goldstein") == 3.4);
      CHECK(l.at("first_date") == "2024-06-01");
      CHECK(l.at("last_date") == "2024-06-03");
      const auto evidence = l.at("evidence").get<std::vector<std::string>>();
      // Stored evidence replaces the GraphML separator's ¦ by |.
      std::string stored = kTrickySentence;
      stored.replace(stored.find("¦"), std::string("¦").size(), "|");
      CHECK(std::find(evidence.begin(), evidence.end(), stored) != evidence.end());
    }
    if (l.at("type") == "MEET") CHECK(l.at("symmetric") == true);
  }
  CHECK(found);
}

TEST_CASE("JSON node-link data is valid UTF-8 even from invalid input bytes", "[export]") {
  Document d;
  d.id = "bad";
  d.entities = {entity("x", EntityType::person, "Jean Dup\xff" "ont")};
  ActorGraph g;
  g.add(d);
  const nlohmann::json j = node_link(g);
  CHECK(j.at("nodes")[0].at("label") == "Jean Dup\xEF\xBF\xBDont");
  const std::string nodes = csv_nodes(g);
  CHECK(nodes.find("Jean Dup\xEF\xBF\xBDont") != std::string::npos);
  CHECK(dot(g).find("Jean Dup\xEF\xBF\xBDont") != std::string::npos);
}

TEST_CASE("CSV node and edge lists have Gephi's headers and RFC 4180 quoting", "[export]") {
  const ActorGraph g = graph_of(corpus());
  const auto nodes = parse_csv(csv_nodes(g));
  REQUIRE(nodes.size() == 1 + 4);
  CHECK(nodes[0] == std::vector<std::string>{"Id", "Label", "type", "wikidata", "country",
                                             "mentions", "documents"});
  CHECK(nodes[4] == std::vector<std::string>{"wagner", kTrickyLabel, "ORGANIZATION", "", "russia",
                                             "2", "2"});
  for (const auto& row : nodes) CHECK(row.size() == 7);

  const std::string edges_text = csv_edges(g);
  const auto edges = parse_csv(edges_text);
  REQUIRE(edges.size() == 1 + 3);
  const std::vector<std::string> header{
      "Source",    "Target",   "Type",     "Label",      "Weight",    "relation",
      "cameo",     "goldstein", "sign",    "documents",  "mentions",  "asserted",
      "reported",  "future",   "negated",  "first_date", "last_date", "evidence"};
  CHECK(edges[0] == header);
  for (const auto& row : edges) CHECK(row.size() == header.size());
  // Sorted by (source, type, target): russia ATTACK ukraine, russia MEET ukraine, russia SUPPORT
  // wagner.
  CHECK(edges[1][0] == "russia");
  CHECK(edges[1][3] == "ATTACK");
  CHECK(edges[1][2] == "Directed");
  CHECK(edges[1][7] == "-10");
  CHECK(edges[1][8] == "-1");
  CHECK(edges[1][12] == "1");  // reported
  CHECK(edges[2][3] == "MEET");
  CHECK(edges[2][2] == "Undirected");
  CHECK(edges[3][3] == "SUPPORT");
  CHECK(edges[3][4] == "2");  // Weight = documents
  CHECK(edges[3][5] == "SUPPORT");
  // The evidence cell holds the sentence with its commas and quotes, quoted once.
  CHECK(edges[3][17].find("dit-il : \"a < b & c > d\" ; l'enquête, 50 % | fin.") !=
        std::string::npos);
  CHECK(edges_text.find("\"\"a < b & c > d\"\"") != std::string::npos);
}

TEST_CASE("every export honors the filter", "[export]") {
  const ActorGraph g = graph_of(corpus());
  for (const GraphFilter& f : filters()) {
    std::size_t kept = 0;
    std::set<std::string> types;
    for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
      if (!nercore::keeps(f, g.graph()[*it])) continue;
      ++kept;
      types.insert(g.graph()[*it].type);
    }
    CHECK(count(dot(g, f), " -> ") == kept);
    const nlohmann::json j = node_link(g, f);
    CHECK(j.at("links").size() == kept);
    CHECK(j.at("nodes").size() == 4);  // nodes are always all written
    CHECK(parse_csv(csv_edges(g, f)).size() == 1 + kept);
    for (const auto& l : j.at("links")) CHECK(types.count(l.at("type")) == 1);
  }
  // The filters themselves.
  GraphFilter support;
  support.types = {RelationType::support};
  const nlohmann::json s = node_link(g, support);  // a named value: the loop reads into it
  REQUIRE_FALSE(s.at("links").empty());
  for (const auto& l : s.at("links")) CHECK(l.at("type") == "SUPPORT");
  GraphFilter reported;
  reported.modalities = {Modality::reported};
  const nlohmann::json r = node_link(g, reported);
  REQUIRE(r.at("links").size() == 1);
  CHECK(r.at("links")[0].at("type") == "ATTACK");
  GraphFilter two;
  two.min_documents = 2;
  two.cooccurrence = true;
  const nlohmann::json t = node_link(g, two);
  REQUIRE(t.at("links").size() == 2);  // SUPPORT (2 documents), russia CO_OCCURS ukraine (2)
  CHECK(t.at("links")[0].at("type") == "CO_OCCURS");
  CHECK(t.at("links")[0].at("sign") == 0);
  CHECK(t.at("links")[1].at("type") == "SUPPORT");
}

TEST_CASE("exports are identical whatever the order of documents and merges", "[export]") {
  const std::vector<Document> docs = corpus();
  const ActorGraph forward = graph_of(docs);
  ActorGraph backward;
  backward.add(docs[1]);
  ActorGraph first;
  first.add(docs[0]);
  backward.merge(first);
  GraphFilter all;
  all.cooccurrence = true;
  CHECK(dot(forward, all) == dot(backward, all));
  CHECK(node_link(forward, all) == node_link(backward, all));
  CHECK(csv_nodes(forward) == csv_nodes(backward));
  CHECK(csv_edges(forward, all) == csv_edges(backward, all));
}

TEST_CASE("exports of an empty graph are well-formed", "[export]") {
  const ActorGraph g;
  CHECK(dot(g).find("digraph actors {\n") != std::string::npos);
  const nlohmann::json j = node_link(g);
  CHECK(j.at("nodes").empty());
  CHECK(j.at("links").empty());
  CHECK(parse_csv(csv_nodes(g)).size() == 1);
  CHECK(parse_csv(csv_edges(g)).size() == 1);
}
