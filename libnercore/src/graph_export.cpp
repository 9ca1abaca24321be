// SPDX-License-Identifier: MIT
// File: graph_export.cpp
// DOT, JSON node-link and CSV exports of the actor graph, and the sorted, filtered view of the
// graph they share with the HTML report.
#include "nercore/graph_export.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

#include "detail/escape.hpp"
#include "detail/graph_view.hpp"

namespace nercore {
namespace detail {

SortedGraph sorted_view(const ActorGraph& graph, const GraphFilter& filter) {
  const ActorGraphBase& g = graph.graph();
  SortedGraph view;
  view.nodes.reserve(boost::num_vertices(g));
  for (auto [it, end] = boost::vertices(g); it != end; ++it) view.nodes.push_back(*it);
  std::sort(view.nodes.begin(), view.nodes.end(),
            [&](ActorGraph::Vertex a, ActorGraph::Vertex b) { return g[a].id < g[b].id; });
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    if (keeps(filter, g[*it])) view.edges.push_back(*it);
  }
  std::sort(view.edges.begin(), view.edges.end(),
            [&](const ActorGraph::Edge& a, const ActorGraph::Edge& b) {
              return std::tie(g[boost::source(a, g)].id, g[a].type, g[boost::target(a, g)].id) <
                     std::tie(g[boost::source(b, g)].id, g[b].type, g[boost::target(b, g)].id);
            });
  return view;
}

std::string format_double(double v) {
  if (!std::isfinite(v)) return "0";
  if (v == 0.0) return "0";
  char buf[64];
  const auto written = std::to_chars(buf, buf + sizeof buf, v);
  if (written.ec != std::errc()) return "0";
  return std::string(buf, written.ptr);
}

}  // namespace detail

namespace {

/// MEET, COOPERATE and CO_OCCURS edges have no direction; unknown types are directed.
bool symmetric(const ActorEdge& e) noexcept {
  const std::optional<RelationType> t = parse_relation_type(e.type);
  return t && is_symmetric(*t);
}

/// A DOT attribute list entry: name="value".
std::string dot_attr(std::string_view name, std::string_view value) {
  std::string out(name);
  out += '=';
  out += detail::dot_quote(value);
  return out;
}

std::string dot_attr(std::string_view name, std::uint32_t value) {
  return dot_attr(name, std::to_string(value));
}

/// Edge pen width: 1 for one document, growing with the logarithm of the count, at most 5.
double pen_width(std::uint32_t documents) {
  return std::min(5.0, 1.0 + std::log2(std::max<double>(1.0, documents)));
}

}  // namespace

bool keeps(const GraphFilter& filter, const ActorEdge& e) noexcept {
  if (e.documents < filter.min_documents) return false;
  if (e.type == to_string(RelationType::co_occurs)) return filter.cooccurrence;
  if (!filter.types.empty() &&
      std::none_of(filter.types.begin(), filter.types.end(),
                   [&](RelationType t) { return to_string(t) == e.type; })) {
    return false;
  }
  if (!filter.modalities.empty() &&
      std::none_of(filter.modalities.begin(), filter.modalities.end(),
                   [&](Modality m) { return detail::modality_count(e, m) > 0; })) {
    return false;
  }
  return true;
}

void write_dot(std::ostream& out, const ActorGraph& graph, const GraphFilter& filter) {
  const ActorGraphBase& g = graph.graph();
  const detail::SortedGraph view = detail::sorted_view(graph, filter);
  out << "// nercore actor graph: " << view.nodes.size() << " nodes, " << view.edges.size()
      << " edges. Render with: dot -Tsvg FILE -o FILE.svg\n"
      << "digraph actors {\n"
      << "  graph [charset=\"UTF-8\", overlap=\"false\", splines=\"true\", "
         "fontname=\"Helvetica\"];\n"
      << "  node [shape=\"ellipse\", style=\"filled\", fontname=\"Helvetica\", fontsize=\"11\"];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=\"9\"];\n";
  for (const ActorGraph::Vertex v : view.nodes) {
    const ActorNode& n = g[v];
    const detail::TypeColors colors = detail::type_colors(n.type);
    out << "  " << detail::dot_quote(n.id) << " [" << dot_attr("label", n.label.empty() ? n.id : n.label)
        << ", " << dot_attr("type", n.type) << ", " << dot_attr("wikidata", n.wikidata) << ", "
        << dot_attr("country", n.country) << ", " << dot_attr("mentions", n.mentions) << ", "
        << dot_attr("documents", n.documents) << ", " << dot_attr("color", colors.strong) << ", "
        << dot_attr("fillcolor", colors.light) << ", "
        << dot_attr("tooltip", n.id + " \xC2\xB7 " + n.type) << "];\n";
  }
  for (const ActorGraph::Edge& e : view.edges) {
    const ActorEdge& d = g[e];
    const std::string_view color = detail::sign_color(d.sign);
    out << "  " << detail::dot_quote(g[boost::source(e, g)].id) << " -> "
        << detail::dot_quote(g[boost::target(e, g)].id) << " ["
        << dot_attr("label", d.type + " (" + std::to_string(d.documents) + ")") << ", "
        << dot_attr("type", d.type) << ", " << dot_attr("color", color) << ", "
        << dot_attr("fontcolor", color) << ", "
        << dot_attr("penwidth", detail::format_double(pen_width(d.documents))) << ", "
        << dot_attr("dir", symmetric(d) ? "none" : "forward") << ", "
        << dot_attr("sign", std::to_string(d.sign)) << ", " << dot_attr("cameo", d.cameo) << ", "
        << dot_attr("goldstein", detail::format_double(d.goldstein)) << ", "
        << dot_attr("documents", d.documents) << ", " << dot_attr("mentions", d.mentions) << ", "
        << dot_attr("asserted", d.asserted) << ", " << dot_attr("reported", d.reported) << ", "
        << dot_attr("future", d.future) << ", " << dot_attr("negated", d.negated) << ", "
        << dot_attr("first_date", d.first_date) << ", " << dot_attr("last_date", d.last_date)
        << ", " << dot_attr("tooltip", detail::join_evidence(d.evidence)) << "];\n";
  }
  out << "}\n";
}

void write_node_link_json(std::ostream& out, const ActorGraph& graph, const GraphFilter& filter) {
  using Json = nlohmann::ordered_json;
  const ActorGraphBase& g = graph.graph();
  const detail::SortedGraph view = detail::sorted_view(graph, filter);
  Json j;
  j["directed"] = true;
  j["multigraph"] = true;
  j["graph"] = Json::object();
  Json nodes = Json::array();
  for (const ActorGraph::Vertex v : view.nodes) {
    const ActorNode& n = g[v];
    nodes.push_back(Json{{"id", n.id},
                         {"label", n.label},
                         {"type", n.type},
                         {"wikidata", n.wikidata},
                         {"country", n.country},
                         {"mentions", n.mentions},
                         {"documents", n.documents}});
  }
  j["nodes"] = std::move(nodes);
  Json links = Json::array();
  for (const ActorGraph::Edge& e : view.edges) {
    const ActorEdge& d = g[e];
    links.push_back(Json{{"source", g[boost::source(e, g)].id},
                         {"target", g[boost::target(e, g)].id},
                         {"key", d.type},
                         {"type", d.type},
                         {"symmetric", symmetric(d)},
                         {"cameo", d.cameo},
                         {"goldstein", std::isfinite(d.goldstein) ? d.goldstein : 0.0},
                         {"sign", d.sign},
                         {"documents", d.documents},
                         {"mentions", d.mentions},
                         {"asserted", d.asserted},
                         {"reported", d.reported},
                         {"future", d.future},
                         {"negated", d.negated},
                         {"first_date", d.first_date},
                         {"last_date", d.last_date},
                         {"evidence", d.evidence}});
  }
  j["links"] = std::move(links);
  // Invalid UTF-8 (from the original bytes of a mention) becomes U+FFFD rather than an exception.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_csv_nodes(std::ostream& out, const ActorGraph& graph) {
  const ActorGraphBase& g = graph.graph();
  const detail::SortedGraph view = detail::sorted_view(graph, GraphFilter{});
  out << "Id,Label,type,wikidata,country,mentions,documents\n";
  for (const ActorGraph::Vertex v : view.nodes) {
    const ActorNode& n = g[v];
    out << detail::csv_field(n.id) << ',' << detail::csv_field(n.label) << ','
        << detail::csv_field(n.type) << ',' << detail::csv_field(n.wikidata) << ','
        << detail::csv_field(n.country) << ',' << n.mentions << ',' << n.documents << '\n';
  }
}

void write_csv_edges(std::ostream& out, const ActorGraph& graph, const GraphFilter& filter) {
  const ActorGraphBase& g = graph.graph();
  const detail::SortedGraph view = detail::sorted_view(graph, filter);
  out << "Source,Target,Type,Label,Weight,relation,cameo,goldstein,sign,documents,mentions,"
         "asserted,reported,future,negated,first_date,last_date,evidence\n";
  for (const ActorGraph::Edge& e : view.edges) {
    const ActorEdge& d = g[e];
    const std::string type = detail::csv_field(d.type);
    out << detail::csv_field(g[boost::source(e, g)].id) << ','
        << detail::csv_field(g[boost::target(e, g)].id) << ','
        << (symmetric(d) ? "Undirected" : "Directed") << ',' << type << ',' << d.documents << ','
        << type << ',' << detail::csv_field(d.cameo) << ',' << detail::format_double(d.goldstein)
        << ',' << d.sign << ',' << d.documents << ',' << d.mentions << ',' << d.asserted << ','
        << d.reported << ',' << d.future << ',' << d.negated << ','
        << detail::csv_field(d.first_date) << ',' << detail::csv_field(d.last_date) << ','
        << detail::csv_field(detail::join_evidence(d.evidence)) << '\n';
  }
}

}  // namespace nercore
