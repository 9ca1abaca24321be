// SPDX-License-Identifier: MIT
// File: graph.cpp
// The corpus actor graph: aggregation of documents into an adjacency_list, order-independent
// merging, and GraphML output and input through boost::write_graphml / boost::read_graphml with
// one set of typed dynamic properties shared by both directions.
#include "nercore/graph.hpp"

#include <algorithm>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <charconv>
#include <climits>
#include <cmath>
#include <exception>
#include <istream>
#include <iterator>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "detail/escape.hpp"
#include "detail/graph_view.hpp"
#include "nercore/graph_export.hpp"

namespace nercore {
namespace detail {

std::uint32_t& modality_count(ActorEdge& e, Modality m) noexcept {
  switch (m) {
    case Modality::reported:
      return e.reported;
    case Modality::future:
      return e.future;
    case Modality::negated:
      return e.negated;
    case Modality::asserted:
      break;
  }
  return e.asserted;
}

std::uint32_t modality_count(const ActorEdge& e, Modality m) noexcept {
  return modality_count(const_cast<ActorEdge&>(e), m);
}

std::string join_evidence(const std::vector<std::string>& evidence) {
  std::string out;
  for (const std::string& s : evidence) {
    if (!out.empty()) out += kEvidenceSeparator;
    out += s;
  }
  return out;
}

}  // namespace detail

namespace {

using Vertex = ActorGraph::Vertex;
using EdgeIndex = std::map<std::tuple<Vertex, std::string, Vertex>, std::size_t>;

/// Joins evidence sentences in the "evidence" GraphML value: U+00A6 BROKEN BAR between spaces.
constexpr std::string_view kBrokenBar = "\xC2\xA6";

// ---------------------------------------------------------------------------------------------
// String and number normalization: what survives a GraphML round trip unchanged.

/// Collapses runs of ASCII whitespace and control characters to one space and trims, as the
/// GraphML reader (property_tree, trim_whitespace) does. Bytes >= 0x80 (UTF-8) are kept, except
/// invalid UTF-8 (mention texts are the input's bytes, which --replace-invalid lets through),
/// which becomes U+FFFD: XML must be valid UTF-8.
std::string normalize_text(std::string_view s) {
  const std::string valid = detail::sanitize_utf8(s);
  std::string out;
  out.reserve(valid.size());
  bool pending_space = false;
  for (char c : valid) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

/// An evidence sentence as stored: normalized, with the separator's `¦` replaced by `|`.
std::string evidence_text(std::string_view s) {
  const std::string text = normalize_text(s);
  std::string out;
  out.reserve(text.size());
  std::string_view rest = text;
  for (std::size_t pos = rest.find(kBrokenBar); pos != std::string_view::npos;
       pos = rest.find(kBrokenBar)) {
    out.append(rest.substr(0, pos)).push_back('|');
    rest.remove_prefix(pos + kBrokenBar.size());
  }
  out.append(rest);
  return out;
}

/// Rounds to 6 significant digits, the default precision of the ostream that
/// boost::write_graphml prints with; non-finite values become 0 and -0 becomes 0.
double quantize_goldstein(double g) {
  if (!std::isfinite(g) || g == 0.0) return 0.0;
  char buf[64];
  const auto written = std::to_chars(buf, buf + sizeof buf, g, std::chars_format::general, 6);
  if (written.ec != std::errc()) return g;
  double out = g;
  std::from_chars(buf, written.ptr, out);
  return out == 0.0 ? 0.0 : out;
}

int to_int(std::uint32_t v) noexcept {
  return v > static_cast<std::uint32_t>(INT_MAX) ? INT_MAX : static_cast<int>(v);
}

std::uint32_t saturated_size(std::size_t n) noexcept {
  return n > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(n);
}

// ---------------------------------------------------------------------------------------------
// Order-independent combination rules (commutative and associative, so merges of any split of a
// corpus give the same graph).

/// Keeps the lexicographically smallest non-empty value.
void keep_smallest_nonempty(std::string& cur, const std::string& cand) {
  if (cand.empty()) return;
  if (cur.empty() || cand < cur) cur = cand;
}

/// Adds `more` to `cur` and keeps the kMaxEvidence smallest distinct non-empty strings, sorted.
void merge_evidence(std::vector<std::string>& cur, const std::vector<std::string>& more) {
  cur.insert(cur.end(), more.begin(), more.end());
  std::sort(cur.begin(), cur.end());
  cur.erase(std::unique(cur.begin(), cur.end()), cur.end());
  cur.erase(std::remove(cur.begin(), cur.end(), std::string()), cur.end());
  if (cur.size() > ActorGraph::kMaxEvidence) cur.resize(ActorGraph::kMaxEvidence);
}

/// The (cameo, goldstein) pair: ("", 0) means unset and loses to everything; otherwise the
/// smallest of (cameo empty, cameo, goldstein) wins.
void merge_code(std::string& cameo, double& goldstein, const std::string& cand_cameo,
                double cand_goldstein) {
  const bool cand_unset = cand_cameo.empty() && cand_goldstein == 0.0;
  if (cand_unset) return;
  const bool cur_unset = cameo.empty() && goldstein == 0.0;
  const auto cur_key = std::make_tuple(cameo.empty(), std::cref(cameo), goldstein);
  const auto cand_key = std::make_tuple(cand_cameo.empty(), std::cref(cand_cameo), cand_goldstein);
  if (cur_unset || cand_key < cur_key) {
    cameo = cand_cameo;
    goldstein = cand_goldstein;
  }
}

const std::string& cooccurs_name() {
  static const std::string name(to_string(RelationType::co_occurs));
  return name;
}

void combine(ActorNode& into, const ActorNode& from) {
  keep_smallest_nonempty(into.label, from.label);
  keep_smallest_nonempty(into.type, from.type);
  keep_smallest_nonempty(into.wikidata, from.wikidata);
  keep_smallest_nonempty(into.country, from.country);
  into.mentions += from.mentions;
  into.documents += from.documents;
}

void combine(ActorEdge& into, const ActorEdge& from) {
  into.documents += from.documents;
  into.mentions += from.mentions;
  into.asserted += from.asserted;
  into.reported += from.reported;
  into.future += from.future;
  into.negated += from.negated;
  keep_smallest_nonempty(into.first_date, from.first_date);
  into.last_date = std::max(into.last_date, from.last_date);  // "" is the smallest string
  merge_evidence(into.evidence, from.evidence);
  merge_code(into.cameo, into.goldstein, from.cameo, from.goldstein);
  into.sign = into.type == cooccurs_name() ? 0 : (into.goldstein < 0 ? -1 : 1);
}


bool same_node(const ActorNode& a, const ActorNode& b) {
  return std::tie(a.id, a.label, a.type, a.wikidata, a.country, a.mentions, a.documents) ==
         std::tie(b.id, b.label, b.type, b.wikidata, b.country, b.mentions, b.documents);
}

bool same_edge(const ActorEdge& a, const ActorEdge& b) {
  return std::tie(a.type, a.cameo, a.goldstein, a.sign, a.documents, a.mentions, a.asserted,
                  a.reported, a.future, a.negated, a.first_date, a.last_date, a.evidence) ==
         std::tie(b.type, b.cameo, b.goldstein, b.sign, b.documents, b.mentions, b.asserted,
                  b.reported, b.future, b.negated, b.first_date, b.last_date, b.evidence);
}

// ---------------------------------------------------------------------------------------------
// Edge lookup by (source, type, target).

const ActorEdge& edge_at(const ActorGraphBase& g, Vertex source, std::size_t pos) {
  return g[*std::next(boost::out_edges(source, g).first, static_cast<std::ptrdiff_t>(pos))];
}

/// The edge (source, type, target), added with only its type set if absent.
ActorEdge& edge_for(ActorGraphBase& g, EdgeIndex& edges, Vertex source, const std::string& type,
                    Vertex target) {
  auto [it, inserted] = edges.try_emplace(std::make_tuple(source, type, target), 0);
  if (!inserted) {
    return g[*std::next(boost::out_edges(source, g).first,
                        static_cast<std::ptrdiff_t>(it->second))];
  }
  it->second = boost::out_degree(source, g);
  ActorEdge e;
  e.type = type;
  e.sign = type == cooccurs_name() ? 0 : 1;
  return g[boost::add_edge(source, target, std::move(e), g).first];
}

// ---------------------------------------------------------------------------------------------
// GraphML: a flat graph with GraphML-typed fields (int, double, string), written and read with
// the same dynamic_properties. Boost types uint32 keys "int" on output but reads "int" values as
// int only, and evidence is a list, hence this graph rather than ActorGraphBase itself.

struct GmlNode {
  std::string entity, label, type, wikidata, country;
  int mentions = 0, documents = 0;
};

struct GmlEdge {
  std::string type, cameo, first_date, last_date, evidence;
  double goldstein = 0.0;
  int sign = 0, documents = 0, mentions = 0, asserted = 0, reported = 0, future = 0, negated = 0;
};

// bidirectionalS: edges() then walks the edge list in insertion order (directedS walks the
// out-edge lists, which g++ 12 -O3 flags with a false -Wmaybe-uninitialized inside Boost).
using GmlGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, GmlNode, GmlEdge>;

boost::dynamic_properties graphml_properties(GmlGraph& g) {
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("entity", boost::get(&GmlNode::entity, g));
  dp.property("label", boost::get(&GmlNode::label, g));
  dp.property("type", boost::get(&GmlNode::type, g));
  dp.property("wikidata", boost::get(&GmlNode::wikidata, g));
  dp.property("country", boost::get(&GmlNode::country, g));
  dp.property("mentions", boost::get(&GmlNode::mentions, g));
  dp.property("documents", boost::get(&GmlNode::documents, g));

  dp.property("type", boost::get(&GmlEdge::type, g));
  dp.property("cameo", boost::get(&GmlEdge::cameo, g));
  dp.property("first_date", boost::get(&GmlEdge::first_date, g));
  dp.property("last_date", boost::get(&GmlEdge::last_date, g));
  dp.property("evidence", boost::get(&GmlEdge::evidence, g));
  dp.property("goldstein", boost::get(&GmlEdge::goldstein, g));
  dp.property("sign", boost::get(&GmlEdge::sign, g));
  dp.property("documents", boost::get(&GmlEdge::documents, g));
  dp.property("mentions", boost::get(&GmlEdge::mentions, g));
  dp.property("asserted", boost::get(&GmlEdge::asserted, g));
  dp.property("reported", boost::get(&GmlEdge::reported, g));
  dp.property("future", boost::get(&GmlEdge::future, g));
  dp.property("negated", boost::get(&GmlEdge::negated, g));
  return dp;
}

std::vector<std::string> split_evidence(std::string_view s) {
  std::vector<std::string> out;
  while (true) {
    const std::size_t pos = s.find(detail::kEvidenceSeparator);
    std::string piece = evidence_text(s.substr(0, pos));
    if (!piece.empty()) out.push_back(std::move(piece));
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + detail::kEvidenceSeparator.size());
  }
  return out;
}

/// A per-document edge: the document's contribution, and its most factual modality.
struct DocEdge {
  ActorEdge data;
  std::optional<Modality> modality;
};

}  // namespace

// -----------------------------------------------------------------------------------------------

ActorGraph::Vertex ActorGraph::vertex_for(const std::string& id) {
  auto it = index_.find(id);
  if (it != index_.end()) return it->second;
  ActorNode node;
  node.id = id;
  const Vertex v = boost::add_vertex(std::move(node), g_);
  index_.emplace(id, v);
  return v;
}

const ActorGraph::Vertex* ActorGraph::find(const std::string& id) const {
  auto it = index_.find(id);
  if (it == index_.end()) it = index_.find(normalize_text(id));
  return it == index_.end() ? nullptr : &it->second;
}

void ActorGraph::add(const Document& doc) {
  const std::string date = normalize_text(doc.date);

  // Nodes: one per entity id; a document counts once per node.
  std::unordered_set<Vertex> seen;
  for (const Entity& entity : doc.entities) {
    const std::string id = normalize_text(entity.id);
    if (id.empty()) continue;
    ActorNode node;
    node.label = normalize_text(entity.name);
    node.type = std::string(to_string(entity.type));
    for (const auto& [key, value] : entity.attributes) {
      if (key == "wikidata") keep_smallest_nonempty(node.wikidata, normalize_text(value));
      if (key == "country") keep_smallest_nonempty(node.country, normalize_text(value));
    }
    node.mentions = saturated_size(entity.mentions.size());
    const Vertex v = vertex_for(id);
    node.documents = seen.insert(v).second ? 1 : 0;
    combine(g_[v], node);
  }

  // Edges: gather the document's contribution per (source id, type, target id) first, so that a
  // document counts once per edge even if it states it twice (B MEET A and A MEET B).
  std::map<std::tuple<std::string, std::string, std::string>, DocEdge> doc_edges;
  for (const Relation& r : doc.relations) {
    std::string source = normalize_text(r.source);
    std::string target = normalize_text(r.target);
    if (source.empty() || target.empty()) continue;
    if (is_symmetric(r.type) && target < source) std::swap(source, target);
    DocEdge& de = doc_edges[{std::move(source), std::string(to_string(r.type)), std::move(target)}];
    de.data.mentions += std::max<std::uint32_t>(1, saturated_size(r.evidence.size()));
    de.modality = de.modality ? std::min(*de.modality, r.modality) : r.modality;
    std::vector<std::string> texts;
    texts.reserve(r.evidence.size());
    for (const Evidence& ev : r.evidence) texts.push_back(evidence_text(ev.text));
    merge_evidence(de.data.evidence, texts);
    merge_code(de.data.cameo, de.data.goldstein, normalize_text(r.cameo),
               quantize_goldstein(r.goldstein));
  }
  for (const CoOccurrence& c : doc.cooccurrences) {
    std::string a = normalize_text(c.a);
    std::string b = normalize_text(c.b);
    if (a.empty() || b.empty()) continue;
    if (b < a) std::swap(a, b);
    DocEdge& de = doc_edges[{std::move(a), cooccurs_name(), std::move(b)}];
    de.data.mentions += c.count;
  }

  for (auto& [key, de] : doc_edges) {
    const auto& [source, type, target] = key;
    de.data.type = type;
    de.data.documents = 1;
    if (de.modality) detail::modality_count(de.data, *de.modality) = 1;
    de.data.first_date = date;
    de.data.last_date = date;
    const Vertex s = vertex_for(source);
    const Vertex t = vertex_for(target);
    combine(edge_for(g_, edges_, s, type, t), de.data);
  }
}

void ActorGraph::merge(const ActorGraph& other) {
  if (&other == this) {
    const ActorGraph copy = other;
    merge(copy);
    return;
  }
  const ActorGraphBase& og = other.g_;
  for (auto [it, end] = boost::vertices(og); it != end; ++it) {
    const ActorNode& node = og[*it];
    combine(g_[vertex_for(node.id)], node);
  }
  for (auto [it, end] = boost::edges(og); it != end; ++it) {
    const ActorEdge& e = og[*it];
    const Vertex s = vertex_for(og[boost::source(*it, og)].id);
    const Vertex t = vertex_for(og[boost::target(*it, og)].id);
    combine(edge_for(g_, edges_, s, e.type, t), e);
  }
}

void ActorGraph::write_graphml(std::ostream& out, const GraphFilter& filter) const {
  // boost::write_graphml writes vertices in index order and edges in edges() order, so the copy
  // gets its vertices sorted by id and its edges added in (source id, type, target id) order.
  std::vector<Vertex> order(boost::num_vertices(g_));
  for (auto [it, end] = boost::vertices(g_); it != end; ++it) order[*it] = *it;
  std::sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return g_[a].id < g_[b].id; });
  std::vector<std::size_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;

  GmlGraph gml(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const ActorNode& n = g_[order[i]];
    GmlNode& m = gml[i];
    m.entity = n.id;
    m.label = n.label;
    m.type = n.type;
    m.wikidata = n.wikidata;
    m.country = n.country;
    m.mentions = to_int(n.mentions);
    m.documents = to_int(n.documents);
  }

  struct Kept {
    std::size_t source, target;
    const ActorEdge* edge;
  };
  std::vector<Kept> kept;
  for (auto [it, end] = boost::edges(g_); it != end; ++it) {
    const ActorEdge& e = g_[*it];
    if (!keeps(filter, e)) continue;
    kept.push_back({position[boost::source(*it, g_)], position[boost::target(*it, g_)], &e});
  }
  std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) {
    return std::tie(a.source, a.edge->type, a.target) < std::tie(b.source, b.edge->type, b.target);
  });
  for (const Kept& k : kept) {
    const ActorEdge& e = *k.edge;
    GmlEdge m;
    m.type = e.type;
    m.cameo = e.cameo;
    m.first_date = e.first_date;
    m.last_date = e.last_date;
    m.evidence = detail::join_evidence(e.evidence);
    m.goldstein = e.goldstein;
    m.sign = e.sign;
    m.documents = to_int(e.documents);
    m.mentions = to_int(e.mentions);
    m.asserted = to_int(e.asserted);
    m.reported = to_int(e.reported);
    m.future = to_int(e.future);
    m.negated = to_int(e.negated);
    boost::add_edge(k.source, k.target, std::move(m), gml);
  }

  const boost::dynamic_properties dp = graphml_properties(gml);
  boost::write_graphml(out, gml, boost::get(boost::vertex_index, gml), dp, true);
}

namespace {

/// Deepest element nesting that read_graphml accepts. GraphML needs 4 (graphml, graph, node,
/// data); the XML parser recurses once per level, so a bound keeps hostile input off the stack.
constexpr std::size_t kMaxXmlDepth = 256;

/// The element nesting of an XML text, or kMaxXmlDepth + 1 as soon as it is deeper. Follows the
/// parser's lexical rules: comments, CDATA, processing instructions, declarations and quoted
/// attribute values do not count. O(n).
std::size_t xml_depth(std::string_view s) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  std::size_t i = 0;
  const auto skip_to = [&](std::string_view end, std::size_t from) {
    const std::size_t pos = s.find(end, from);
    return pos == std::string_view::npos ? s.size() : pos + end.size();
  };
  while ((i = s.find('<', i)) != std::string_view::npos) {
    const std::string_view rest = s.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      i = skip_to("-->", i + 4);
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      i = skip_to("]]>", i + 9);
    } else if (rest.substr(0, 2) == "<?") {
      i = skip_to("?>", i + 2);
    } else if (rest.substr(0, 2) == "<!") {
      i = skip_to(">", i + 2);
    } else {
      const bool closing = rest.substr(0, 2) == "</";
      std::size_t j = i + 1;
      char quote = 0;
      for (; j < s.size(); ++j) {
        const char c = s[j];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      if (j >= s.size()) break;  // an unterminated tag: the parser stops there
      if (closing) {
        if (depth > 0) --depth;
      } else if (s[j - 1] != '/') {
        deepest = std::max(deepest, ++depth);
        if (deepest > kMaxXmlDepth) return deepest;
      }
      i = j + 1;
    }
  }
  return deepest;
}

}  // namespace

Result<ActorGraph> ActorGraph::read_graphml(std::istream& in, std::string_view source) {
  const auto fail = [&](const std::string& what) {
    return Error{ErrorCode::graphml,
                 "cannot read GraphML from " + std::string(source) + ": " + what,
                 std::string(source), 0};
  };
  const auto count = [](int v, std::uint32_t& into) {
    if (v < 0) return false;
    into = static_cast<std::uint32_t>(v);
    return true;
  };
  try {
    std::string xml{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (xml_depth(xml) > kMaxXmlDepth) {
      return fail("elements are nested more than " + std::to_string(kMaxXmlDepth) + " deep");
    }
    std::istringstream text(std::move(xml));
    GmlGraph gml;
    boost::dynamic_properties dp = graphml_properties(gml);
    boost::read_graphml(text, gml, dp);

    ActorGraph result;
    for (auto [it, end] = boost::vertices(gml); it != end; ++it) {
      const GmlNode& m = gml[*it];
      ActorNode n;
      n.id = normalize_text(m.entity);
      if (n.id.empty()) return fail("node " + std::to_string(*it) + " has no \"entity\" value");
      n.label = normalize_text(m.label);
      n.type = normalize_text(m.type);
      n.wikidata = normalize_text(m.wikidata);
      n.country = normalize_text(m.country);
      if (!count(m.mentions, n.mentions) || !count(m.documents, n.documents)) {
        return fail("node \"" + n.id + "\" has a negative count");
      }
      combine(result.g_[result.vertex_for(n.id)], n);
    }
    for (auto [it, end] = boost::edges(gml); it != end; ++it) {
      const GmlEdge& m = gml[*it];
      std::string s = normalize_text(gml[boost::source(*it, gml)].entity);
      std::string t = normalize_text(gml[boost::target(*it, gml)].entity);
      ActorEdge e;
      e.type = normalize_text(m.type);
      if (e.type.empty()) return fail("edge " + s + " -> " + t + " has no \"type\" value");
      const std::optional<RelationType> rt = parse_relation_type(e.type);
      if (rt && is_symmetric(*rt) && t < s) std::swap(s, t);
      e.cameo = normalize_text(m.cameo);
      e.goldstein = quantize_goldstein(m.goldstein);
      e.first_date = normalize_text(m.first_date);
      e.last_date = normalize_text(m.last_date);
      e.evidence = split_evidence(m.evidence);
      if (!count(m.documents, e.documents) || !count(m.mentions, e.mentions) ||
          !count(m.asserted, e.asserted) || !count(m.reported, e.reported) ||
          !count(m.future, e.future) || !count(m.negated, e.negated)) {
        return fail("edge " + s + " " + e.type + " " + t + " has a negative count");
      }
      ActorEdge& into =
          edge_for(result.g_, result.edges_, result.vertex_for(s), e.type, result.vertex_for(t));
      combine(into, e);
    }
    return result;
  } catch (const std::exception& ex) {
    return fail(ex.what());
  } catch (...) {
    return fail("unknown error");
  }
}

bool operator==(const ActorGraph& a, const ActorGraph& b) {
  if (a.num_nodes() != b.num_nodes() || a.num_edges() != b.num_edges()) return false;
  for (auto [it, end] = boost::vertices(a.g_); it != end; ++it) {
    const ActorNode& n = a.g_[*it];
    const auto found = b.index_.find(n.id);
    if (found == b.index_.end() || !same_node(n, b.g_[found->second])) return false;
  }
  for (const auto& [key, pos] : a.edges_) {
    const auto& [s, type, t] = key;
    const auto bs = b.index_.find(a.g_[s].id);
    const auto bt = b.index_.find(a.g_[t].id);
    if (bs == b.index_.end() || bt == b.index_.end()) return false;
    const auto be = b.edges_.find(std::make_tuple(bs->second, type, bt->second));
    if (be == b.edges_.end()) return false;
    if (!same_edge(edge_at(a.g_, s, pos), edge_at(b.g_, bs->second, be->second))) return false;
  }
  return true;
}

}  // namespace nercore
