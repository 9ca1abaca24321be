// SPDX-License-Identifier: MIT
// File: report.cpp
// The self-contained HTML report: header and legend, the actor graph as inline SVG laid out with
// boost::random_graph_layout (seeded) then boost::fruchterman_reingold_force_directed_layout, the
// relations table with highlighted triggers, and the articles with highlighted mentions.
#include "nercore/report.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/random/linear_congruential.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detail/escape.hpp"
#include "detail/graph_view.hpp"
#include "nercore/graph_export.hpp"
#include "nercore/version.hpp"

namespace nercore {
namespace {

using detail::html_escape;

constexpr double kWidth = 1200.0;   // SVG viewBox
constexpr double kHeight = 760.0;
constexpr double kMarginX = 90.0;   // room for labels
constexpr double kMarginY = 40.0;
const std::string kDot = " \xC2\xB7 ";  // " · "
constexpr std::string_view kEntityTypes[] = {"PERSON", "STATE", "ORGANIZATION", "LOCATION",
                                             "BLOC"};

// ---------------------------------------------------------------------------------------------
// Page skeleton

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; --fg: #1f2328; --muted: #636c76; --line: #d8dee4; --bg: #ffffff;
  --pos: #2e7d32; --neg: #c62828; --co: #9e9e9e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1320px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 18px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.stats, .hint, .meta { color: var(--muted); margin: 0 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 8px 0; font-size: 13px; }
.legend .line { display: inline-block; width: 26px; height: 3px; vertical-align: middle; margin-right: 5px; }
.ent { border-radius: 3px; padding: 0 2px; border-bottom: 2px solid; cursor: help; }
.ent.same { outline: 2px solid var(--fg); }
)css"
                                   R"css(#graph svg { width: 100%; height: auto; display: block; border: 1px solid var(--line);
  border-radius: 6px; background: #fbfcfd; }
#graph .edge { fill: none; stroke-opacity: .75; }
#graph .edge:hover { stroke-opacity: 1; }
#graph .edge.sign-pos { stroke: var(--pos); }
#graph .edge.sign-neg { stroke: var(--neg); }
#graph .edge.sign-co { stroke: var(--co); stroke-dasharray: 4 3; }
#graph .node { cursor: pointer; }
#graph .node circle { stroke-width: 2; }
#graph .node text { font-size: 12px; text-anchor: middle; paint-order: stroke; stroke: #fbfcfd;
  stroke-width: 3px; stroke-linejoin: round; fill: var(--fg); }
#graph .node.selected circle { stroke: var(--fg); stroke-width: 3.5; }
#graph .dim { opacity: .15; }
#filter-status { font-weight: 600; min-height: 1.5em; margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; position: sticky; top: 0; }
td.type { font-weight: 600; white-space: nowrap; }
tr.sign-pos td.type { color: var(--pos); }
tr.sign-neg td.type { color: var(--neg); }
td.ev div + div { margin-top: 4px; }
td.ev mark { background: #fff1a8; padding: 0 2px; border-radius: 2px; }
.modality { display: inline-block; padding: 0 6px; border-radius: 9px; background: #eef1f4; font-size: 12px; }
.modality.negated { background: #fde2e2; } .modality.future { background: #e2ecfd; }
.modality.reported { background: #f3e8fd; }
article { border-top: 1px solid var(--line); }
article .text { white-space: pre-wrap; max-width: 900px; }
footer { max-width: 1320px; margin: 32px auto; padding: 0 24px; color: var(--muted); font-size: 13px; }
)css";

// The error listener goes in <head>, before anything can throw; the page script marks success
// with <body data-ok="1"> as its last statement.
constexpr std::string_view kHeadScript =
    "window.addEventListener(\"error\", function (e) {\n"
    "  document.documentElement.setAttribute(\"data-error\", String(e.message || \"error\"));\n"
    "});\n";

constexpr std::string_view kScript = R"js(
(function () {
  "use strict";
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  var rows = all("#relations tbody tr");
  var nodes = all("#graph .node");
  var edges = all("#graph .edge");
  var status = document.getElementById("filter-status");
  var selected = null;
  // Click an actor: only its relations in the table, only its edges and neighbours in the graph.
  function select(id, label) {
    selected = selected === id ? null : id;
    var shown = 0;
    rows.forEach(function (r) {
      var hit = selected === null || r.getAttribute("data-source") === selected ||
                r.getAttribute("data-target") === selected;
      r.hidden = !hit;
      if (hit) shown += 1;
    });
    var near = {};
    edges.forEach(function (e) {
      var s = e.getAttribute("data-source"), t = e.getAttribute("data-target");
      var hit = selected === null || s === selected || t === selected;
      e.classList.toggle("dim", !hit);
      if (hit && selected !== null) { near[s] = true; near[t] = true; }
    });
    nodes.forEach(function (n) {
      var nid = n.getAttribute("data-entity");
      n.classList.toggle("selected", nid === selected);
      n.classList.toggle("dim", selected !== null && nid !== selected && !near[nid]);
    });
    if (status) {
      status.textContent = selected === null ? "" :
          "Relations of " + label + ": " + shown + " (click it again to show all)";
    }
  }
  nodes.forEach(function (n) {
    function go() { select(n.getAttribute("data-entity"), n.getAttribute("data-label")); }
    n.addEventListener("click", go);
    n.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
    });
  });
  // Hover a mention: outline the other mentions of the same entity.
  var mentions = all(".ent");
  mentions.forEach(function (m) {
    m.addEventListener("mouseenter", function () {
      var id = m.getAttribute("data-entity");
      mentions.forEach(function (o) { o.classList.toggle("same", o.getAttribute("data-entity") === id); });
    });
    m.addEventListener("mouseleave", function () {
      mentions.forEach(function (o) { o.classList.remove("same"); });
    });
  });
  document.body.setAttribute("data-ok", "1");
})();
)js";

// ---------------------------------------------------------------------------------------------
// Helpers

std::string fmt_coord(double v) {
  // One decimal is enough for the page and keeps the file small and stable.
  const double r = std::round(v * 10.0) / 10.0;
  return detail::format_double(r == 0.0 ? 0.0 : r);
}

bool symmetric_type(std::string_view type) {
  const std::optional<RelationType> t = parse_relation_type(type);
  return t && is_symmetric(*t);
}

std::string_view sign_class(int sign) { return sign > 0 ? "sign-pos" : sign < 0 ? "sign-neg" : "sign-co"; }

/// "1 relation", "2 relations"; `many` for irregular plurals ("entities").
std::string plural(std::size_t n, std::string_view one, std::string_view many = {}) {
  std::string s = std::to_string(n);
  s += ' ';
  if (n == 1 || many.empty()) {
    s += one;
    if (n != 1) s += 's';
  } else {
    s += many;
  }
  return s;
}

/// The CSS rules that color mentions and nodes by entity type.
std::string type_css() {
  std::string css;
  for (std::string_view type : kEntityTypes) {
    const detail::TypeColors c = detail::type_colors(type);
    css += ".ent-" + std::string(type) + " { background: " + std::string(c.light) +
           "; border-color: " + std::string(c.strong) + "; }\n";
    css += "#graph .node.t-" + std::string(type) + " circle { fill: " + std::string(c.light) +
           "; stroke: " + std::string(c.strong) + "; }\n";
  }
  const detail::TypeColors other = detail::type_colors("");
  css += ".ent-other { background: " + std::string(other.light) +
         "; border-color: " + std::string(other.strong) + "; }\n";
  css += "#graph .node.t-other circle { fill: " + std::string(other.light) +
         "; stroke: " + std::string(other.strong) + "; }\n";
  return css;
}

/// A CSS class suffix for an entity type: the type itself if known, else "other".
std::string type_class(std::string_view type) {
  for (std::string_view t : kEntityTypes) {
    if (t == type) return std::string(t);
  }
  return "other";
}

/// The label of an entity id: the document's name for it, else the graph's label, else the id.
std::string entity_label(const Document& doc, const ActorGraph& graph, const std::string& id) {
  if (const Entity* e = doc.find_entity(id); e != nullptr && !e->name.empty()) return e->name;
  if (const ActorGraph::Vertex* v = graph.find(id); v != nullptr) {
    const std::string& label = graph.graph()[*v].label;
    if (!label.empty()) return label;
  }
  return id;
}

bool table_keeps(const GraphFilter& filter, const Relation& r) {
  if (!filter.types.empty() &&
      std::find(filter.types.begin(), filter.types.end(), r.type) == filter.types.end()) {
    return false;
  }
  return filter.modalities.empty() || std::find(filter.modalities.begin(), filter.modalities.end(),
                                                r.modality) != filter.modalities.end();
}

// ---------------------------------------------------------------------------------------------
// Graph drawing

struct Point {
  double x = 0.0, y = 0.0;
};

using LayoutGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

/// Fruchterman–Reingold forces with gravity: the layout graph has one extra vertex, the hub,
/// joined to every node by a spring and repelling nothing, so that the components of a
/// disconnected graph gather around the centre instead of being pushed against the borders.
/// kGravity is the strength of those springs relative to the edges' (chosen by looking at the
/// sample articles' report: weaker lets nodes pile up on the borders, stronger packs them).
constexpr double kGravity = 2.0;
struct AttractiveWithGravity {
  std::size_t hub;
  double operator()(LayoutGraph::edge_descriptor e, double k, double d, const LayoutGraph& g) const {
    const bool gravity = boost::source(e, g) == hub || boost::target(e, g) == hub;
    return (gravity ? kGravity : 1.0) * d * d / k;
  }
};
struct RepulsiveExceptHub {
  std::size_t hub;
  double operator()(std::size_t u, std::size_t v, double k, double d, const LayoutGraph&) const {
    return u == hub || v == hub ? 0.0 : k * k / d;
  }
};

/// Positions of `n` nodes joined by `pairs` (indices), in SVG coordinates inside the margins:
/// random_graph_layout with a seeded generator, then Fruchterman–Reingold, then scaled to fit.
std::vector<Point> layout(std::size_t n, const std::set<std::pair<std::size_t, std::size_t>>& pairs,
                          const HtmlOptions& options) {
  std::vector<Point> out(n, Point{kWidth / 2, kHeight / 2});
  if (n < 2) return out;
  const std::size_t hub = n;
  LayoutGraph lg(n + 1);
  for (const auto& [a, b] : pairs) boost::add_edge(a, b, lg);
  for (std::size_t i = 0; i < n; ++i) boost::add_edge(i, hub, lg);

  // The topology is twice the drawing: the forces, not its borders, shape the layout.
  using Topology = boost::rectangle_topology<boost::minstd_rand>;
  boost::minstd_rand gen(options.seed == 0 ? 1U : options.seed);  // minstd_rand rejects seed 0
  const double w = kWidth - 2 * kMarginX;
  const double h = kHeight - 2 * kMarginY;
  const Topology topology(gen, -w, -h, w, h);
  std::vector<Topology::point_type> position(n + 1);
  auto position_map =
      boost::make_iterator_property_map(position.begin(), boost::get(boost::vertex_index, lg));
  boost::random_graph_layout(lg, position_map, topology);
  const int iterations = std::max(1, options.iterations);
  boost::fruchterman_reingold_force_directed_layout(
      lg, position_map, topology,
      boost::attractive_force(AttractiveWithGravity{hub})
          .repulsive_force(RepulsiveExceptHub{hub})
          .force_pairs(boost::all_force_pairs())
          .cooling(boost::linear_cooling<double>(static_cast<std::size_t>(iterations), w / 4)));

  const auto coordinate = [&](std::size_t i, std::size_t axis) {
    const double v = position[i][axis];
    return std::isfinite(v) ? v : 0.0;
  };
  double min_x = coordinate(0, 0), max_x = min_x, min_y = coordinate(0, 1), max_y = min_y;
  for (std::size_t i = 0; i < n; ++i) {
    min_x = std::min(min_x, coordinate(i, 0));
    max_x = std::max(max_x, coordinate(i, 0));
    min_y = std::min(min_y, coordinate(i, 1));
    max_y = std::max(max_y, coordinate(i, 1));
  }
  // Each axis is scaled to fill the drawing: the layout comes out round, the page is wide, and
  // labels are wider than tall.
  const double span_x = max_x - min_x, span_y = max_y - min_y;
  for (std::size_t i = 0; i < n; ++i) {
    out[i].x = span_x > 0 ? kMarginX + (coordinate(i, 0) - min_x) * (w / span_x) : kWidth / 2;
    out[i].y = span_y > 0 ? kMarginY + (coordinate(i, 1) - min_y) * (h / span_y) : kHeight / 2;
  }
  return out;
}

/// A node label of at most `max` characters (code points), cut with an ellipsis.
std::string short_label(const std::string& label, std::size_t max = 26) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < label.size(); ++i) {
    if ((static_cast<unsigned char>(label[i]) & 0xC0) == 0x80) continue;
    if (++chars > max) return label.substr(0, i) + "\xE2\x80\xA6";
  }
  return label;
}

void write_svg(std::string& html, const ActorGraph& graph, const HtmlOptions& options,
               std::size_t& drawn_nodes, std::size_t& drawn_edges) {
  const ActorGraphBase& g = graph.graph();
  const detail::SortedGraph view = detail::sorted_view(graph, options.filter);

  // The nodes to draw: endpoints of kept edges, the best connected first, at most max_nodes.
  std::unordered_map<ActorGraph::Vertex, std::size_t> degree;
  for (const ActorGraph::Edge& e : view.edges) {
    ++degree[boost::source(e, g)];
    ++degree[boost::target(e, g)];
  }
  std::vector<ActorGraph::Vertex> nodes;
  for (const ActorGraph::Vertex v : view.nodes) {
    if (degree.count(v) != 0) nodes.push_back(v);
  }
  std::stable_sort(nodes.begin(), nodes.end(), [&](ActorGraph::Vertex a, ActorGraph::Vertex b) {
    return std::make_tuple(degree[a], g[a].documents) > std::make_tuple(degree[b], g[b].documents);
  });
  if (nodes.size() > options.max_nodes) nodes.resize(options.max_nodes);
  std::sort(nodes.begin(), nodes.end(),
            [&](ActorGraph::Vertex a, ActorGraph::Vertex b) { return g[a].id < g[b].id; });
  std::unordered_map<ActorGraph::Vertex, std::size_t> index;
  for (std::size_t i = 0; i < nodes.size(); ++i) index.emplace(nodes[i], i);

  std::vector<ActorGraph::Edge> edges;
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::size_t> drawn_degree(nodes.size(), 0);
  for (const ActorGraph::Edge& e : view.edges) {
    const auto s = index.find(boost::source(e, g));
    const auto t = index.find(boost::target(e, g));
    if (s == index.end() || t == index.end() || s->second == t->second) continue;
    edges.push_back(e);
    pairs.emplace(std::min(s->second, t->second), std::max(s->second, t->second));
    ++drawn_degree[s->second];
    ++drawn_degree[t->second];
  }
  drawn_nodes = nodes.size();
  drawn_edges = edges.size();

  html += "<svg id=\"graph-svg\" viewBox=\"0 0 " + fmt_coord(kWidth) + ' ' + fmt_coord(kHeight) +
          "\" aria-label=\"Actor graph\">\n<defs>\n";
  for (const auto& [name, sign] : {std::pair{"pos", 1}, std::pair{"neg", -1}, std::pair{"co", 0}}) {
    html += "<marker id=\"arrow-" + std::string(name) +
            "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
            "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 "
            "L10,5 L0,10 z\" fill=\"" +
            std::string(detail::sign_color(sign)) + "\"/></marker>\n";
  }
  html += "</defs>\n";
  if (nodes.empty()) {
    html += "<text x=\"" + fmt_coord(kWidth / 2) + "\" y=\"" + fmt_coord(kHeight / 2) +
            "\" text-anchor=\"middle\" fill=\"#636c76\">No relation to draw.</text>\n</svg>\n";
    return;
  }

  const std::vector<Point> pos = layout(nodes.size(), pairs, options);
  std::vector<double> radius(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    radius[i] = std::min(20.0, 6.0 + 2.5 * std::sqrt(static_cast<double>(drawn_degree[i])));
  }

  // Edges: parallel edges of one pair (SUPPORT and MEET, A→B and B→A) are bent apart.
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const std::size_t s = index.at(boost::source(edges[k], g));
    const std::size_t t = index.at(boost::target(edges[k], g));
    groups[{std::min(s, t), std::max(s, t)}].push_back(k);
  }
  html += "<g class=\"edges\">\n";
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const ActorGraph::Edge& e = edges[k];
    const ActorEdge& d = g[e];
    const std::size_t s = index.at(boost::source(e, g));
    const std::size_t t = index.at(boost::target(e, g));
    const auto& group = groups.at({std::min(s, t), std::max(s, t)});
    const std::size_t rank =
        static_cast<std::size_t>(std::find(group.begin(), group.end(), k) - group.begin());
    const double offset = (static_cast<double>(rank) - (static_cast<double>(group.size()) - 1) / 2) * 26.0;
    const Point& a = pos[std::min(s, t)];
    const Point& b = pos[std::max(s, t)];
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len = std::hypot(dx, dy);
    const Point mid{(pos[s].x + pos[t].x) / 2, (pos[s].y + pos[t].y) / 2};
    // The control point of a quadratic curve: the apex sits half way to it.
    const Point c = len > 1e-9 ? Point{mid.x - dy / len * offset * 2, mid.y + dx / len * offset * 2}
                               : mid;
    const bool directed = !symmetric_type(d.type);
    auto toward = [](const Point& from, const Point& to, double distance) {
      const double ux = to.x - from.x, uy = to.y - from.y;
      const double l = std::hypot(ux, uy);
      return l > 1e-9 ? Point{from.x + ux / l * distance, from.y + uy / l * distance} : from;
    };
    const Point start = toward(pos[s], c, radius[s]);
    const Point end = toward(pos[t], c, radius[t] + (directed ? 1.0 : 0.0));
    const double width = std::min(5.0, 1.2 + 1.1 * std::log2(std::max<double>(1.0, d.documents)));
    const std::string& source_label = g[nodes[s]].label.empty() ? g[nodes[s]].id : g[nodes[s]].label;
    const std::string& target_label = g[nodes[t]].label.empty() ? g[nodes[t]].id : g[nodes[t]].label;
    std::string title = source_label + " \xE2\x80\x94" + d.type + (directed ? "\xE2\x86\x92 " : "\xE2\x80\x94 ") +
                        target_label + kDot + plural(d.documents, "document");
    if (!d.evidence.empty()) title += "\n\xE2\x80\x9C" + d.evidence.front() + "\xE2\x80\x9D";
    html += "<path class=\"edge " + std::string(sign_class(d.sign)) + "\" data-source=\"" +
            html_escape(g[nodes[s]].id) + "\" data-target=\"" + html_escape(g[nodes[t]].id) +
            "\" data-type=\"" + html_escape(d.type) + "\" d=\"M" + fmt_coord(start.x) + ',' +
            fmt_coord(start.y) + " Q" + fmt_coord(c.x) + ',' + fmt_coord(c.y) + ' ' +
            fmt_coord(end.x) + ',' + fmt_coord(end.y) + "\" stroke-width=\"" + fmt_coord(width) +
            '"';
    if (directed) {
      html += " marker-end=\"url(#arrow-" +
              std::string(d.sign > 0 ? "pos" : d.sign < 0 ? "neg" : "co") + ")\"";
    }
    html += "><title>" + html_escape(title) + "</title></path>\n";
  }
  html += "</g>\n<g class=\"nodes\">\n";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const ActorNode& n = g[nodes[i]];
    const std::string label = n.label.empty() ? n.id : n.label;
    std::string title = label + kDot + n.id + kDot + n.type + kDot +
                        plural(n.documents, "document") + kDot +
                        plural(drawn_degree[i], "relation");
    if (!n.wikidata.empty()) title += kDot + n.wikidata;
    html += "<g class=\"node t-" + type_class(n.type) + "\" data-entity=\"" + html_escape(n.id) +
            "\" data-label=\"" + html_escape(label) + "\" tabindex=\"0\"><circle cx=\"" +
            fmt_coord(pos[i].x) + "\" cy=\"" + fmt_coord(pos[i].y) + "\" r=\"" +
            fmt_coord(radius[i]) + "\"/><text x=\"" + fmt_coord(pos[i].x) + "\" y=\"" +
            fmt_coord(pos[i].y + radius[i] + 13) + "\">" + html_escape(short_label(label)) +
            "</text><title>" +
            html_escape(title) + "</title></g>\n";
  }
  html += "</g>\n</svg>\n";
}

// ---------------------------------------------------------------------------------------------
// Relations table and articles

/// The evidence sentence with its trigger in <mark>, if the spans say where it is.
std::string evidence_html(const Evidence& ev) {
  const std::string& text = ev.text;
  const bool inside = ev.sentence.contains(ev.trigger) && ev.trigger.size() > 0 &&
                      ev.sentence.size() == text.size();
  if (!inside) return html_escape(text);
  const std::size_t b = ev.trigger.begin - ev.sentence.begin;
  const std::size_t e = ev.trigger.end - ev.sentence.begin;
  return html_escape(std::string_view(text).substr(0, b)) + "<mark>" +
         html_escape(std::string_view(text).substr(b, e - b)) + "</mark>" +
         html_escape(std::string_view(text).substr(e));
}

void write_relations(std::string& html, const std::vector<std::pair<Document, std::string>>& docs,
                     const ActorGraph& graph, const HtmlOptions& options, std::size_t& rows) {
  html += "<table>\n<thead><tr><th>Article</th><th>Source</th><th>Relation</th><th>Target</th>"
          "<th>Modality</th><th>Evidence</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Document& doc = docs[i].first;
    for (const Relation& r : doc.relations) {
      if (!table_keeps(options.filter, r)) continue;
      ++rows;
      const bool directed = !is_symmetric(r.type);
      const std::string type(to_string(r.type));
      html += "<tr class=\"" + std::string(sign_class(r.sign())) + "\" data-source=\"" +
              html_escape(r.source) + "\" data-target=\"" + html_escape(r.target) +
              "\" data-type=\"" + type + "\"><td>";
      if (options.articles) {
        html += "<a href=\"#doc-" + std::to_string(i + 1) + "\">" + html_escape(doc.id) + "</a>";
      } else {
        html += html_escape(doc.id);
      }
      html += "</td><td title=\"" + html_escape(r.source) + "\">" +
              html_escape(entity_label(doc, graph, r.source)) + "</td><td class=\"type\" title=\"" +
              html_escape("CAMEO " + r.cameo + kDot + "Goldstein " +
                          detail::format_double(r.goldstein) + kDot + r.trigger_id) +
              "\">" + (directed ? "" : "\xE2\x80\x94") + type + (directed ? " \xE2\x86\x92" : " \xE2\x80\x94") +
              "</td><td title=\"" + html_escape(r.target) + "\">" +
              html_escape(entity_label(doc, graph, r.target)) + "</td><td><span class=\"modality " +
              std::string(to_string(r.modality)) + "\">" + std::string(to_string(r.modality)) +
              "</span>";
      if (!r.reported_by.empty()) {
        html += "<br><small>by " + html_escape(entity_label(doc, graph, r.reported_by)) +
                "</small>";
      }
      html += "</td><td class=\"ev\">";
      for (const Evidence& ev : r.evidence) html += "<div>" + evidence_html(ev) + "</div>";
      html += "</td></tr>\n";
    }
  }
  html += "</tbody>\n</table>\n";
}

/// The text with each mention in a <span>. A mention inside another (`Conseil européen` in
/// `président du Conseil européen`) is a <span> inside its <span>; a mention that crosses
/// another's boundary, or lies outside the text, is skipped.
std::string highlighted_text(const Document& doc, const std::string& text) {
  std::vector<const Mention*> mentions;
  mentions.reserve(doc.mentions.size());
  for (const Mention& m : doc.mentions) mentions.push_back(&m);
  // By start, the longest first, so that an enclosing mention opens before those inside it.
  std::stable_sort(mentions.begin(), mentions.end(), [](const Mention* a, const Mention* b) {
    return std::make_tuple(a->span.begin, b->span.end) < std::make_tuple(b->span.begin, a->span.end);
  });
  std::string out;
  out.reserve(text.size() + mentions.size() * 96);
  const std::string_view view(text);
  std::size_t at = 0;                 // text before `at` is written
  std::vector<std::size_t> open;      // ends of the open spans, innermost last
  const auto close_until = [&](std::size_t position) {
    while (!open.empty() && open.back() <= position) {
      detail::append_html_escaped(out, view.substr(at, open.back() - at));
      out += "</span>";
      at = open.back();
      open.pop_back();
    }
  };
  for (const Mention* m : mentions) {
    if (m->span.end <= m->span.begin || m->span.end > text.size()) continue;
    close_until(m->span.begin);
    if (m->span.begin < at || (!open.empty() && m->span.end > open.back())) continue;
    detail::append_html_escaped(out, view.substr(at, m->span.begin - at));
    at = m->span.begin;
    std::string title = m->entity + kDot + m->rule;
    if (!m->stands_for.empty() && m->stands_for != m->entity) {
      title += kDot + "stands for " + m->stands_for;
    }
    out += "<span class=\"ent ent-" + type_class(to_string(m->type)) + "\" data-entity=\"" +
           html_escape(m->entity) + "\" title=\"" + html_escape(title) + "\">";
    open.push_back(m->span.end);
  }
  close_until(text.size());
  detail::append_html_escaped(out, view.substr(at));
  return out;
}

void write_articles(std::string& html, const std::vector<std::pair<Document, std::string>>& docs) {
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const auto& [doc, text] = docs[i];
    html += "<article id=\"doc-" + std::to_string(i + 1) + "\">\n<h3>" + html_escape(doc.id) +
            "</h3>\n<p class=\"meta\">";
    if (!doc.date.empty()) html += html_escape(doc.date) + kDot;
    html += plural(doc.entities.size(), "entity", "entities");
    html += kDot + plural(doc.relations.size(), "relation") + kDot +
            plural(doc.bytes, "byte") + "</p>\n<div class=\"text\" lang=\"fr\">" +
            highlighted_text(doc, text) + "</div>\n</article>\n";
  }
}

}  // namespace

void write_html_report(std::ostream& out, const std::vector<std::pair<Document, std::string>>& docs,
                       const ActorGraph& graph, const HtmlOptions& options) {
  std::string graph_html;
  std::size_t drawn_nodes = 0, drawn_edges = 0;
  write_svg(graph_html, graph, options, drawn_nodes, drawn_edges);
  std::string table_html;
  std::size_t rows = 0;
  write_relations(table_html, docs, graph, options, rows);

  std::string html;
  html.reserve(graph_html.size() + table_html.size() + 64 * 1024);
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"nercore " NERCORE_VERSION_STRING "\">\n<title>" +
          html_escape(options.title) + "</title>\n<style>" + std::string(kStyle) + type_css() +
          "</style>\n<script>\n" + std::string(kHeadScript) + "</script>\n</head>\n<body>\n<header>\n<h1>" +
          html_escape(options.title) + "</h1>\n<p class=\"stats\">" +
          plural(docs.size(), "article") + kDot +
          plural(graph.num_nodes(), "entity", "entities") +
          kDot + plural(rows, "relation") + " listed" + kDot + "graph: " +
          plural(drawn_nodes, "node") + ", " + plural(drawn_edges, "edge") + "</p>\n<div class=\"legend\">";
  for (std::string_view type : kEntityTypes) {
    html += "<span class=\"ent ent-" + std::string(type) + "\">" + std::string(type) + "</span>";
  }
  html += "<span><span class=\"line\" style=\"background:var(--pos)\"></span>cooperative</span>"
          "<span><span class=\"line\" style=\"background:var(--neg)\"></span>conflictual</span>";
  if (options.filter.cooccurrence) {
    html += "<span><span class=\"line\" style=\"background:var(--co)\"></span>co-occurrence</span>";
  }
  html += "</div>\n</header>\n<main>\n<section id=\"graph\">\n<h2>Actor graph</h2>\n<p class=\"hint\">"
          "Laid out with Boost.Graph's Fruchterman\xE2\x80\x93Reingold algorithm. Click an actor to "
          "list only its relations; hover a node or an edge for details.</p>\n" +
          graph_html + "<p id=\"filter-status\" aria-live=\"polite\"></p>\n</section>\n"
          "<section id=\"relations\">\n<h2>Relations</h2>\n" + table_html + "</section>\n";
  if (options.articles) {
    html += "<section id=\"articles\">\n<h2>Articles</h2>\n<p class=\"hint\">Hover a highlighted "
            "name for its entity id and the rule that found it.</p>\n";
    write_articles(html, docs);
    html += "</section>\n";
  }
  html += "</main>\n<footer>Generated by nercore " NERCORE_VERSION_STRING
          ". This page is self-contained and loads nothing from the network.</footer>\n<script>" +
          std::string(kScript) + "</script>\n</body>\n</html>\n";
  out << html;
}

}  // namespace nercore
