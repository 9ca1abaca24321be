// SPDX-License-Identifier: MIT
// File: graph.hpp
// The corpus actor graph: a Boost.Graph adjacency_list with bundled properties (a node per entity,
// an edge per source/type/target), aggregated over documents, merged across threads or runs, and
// written to or read from GraphML through boost::write_graphml / boost::read_graphml.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "nercore/document.hpp"
#include "nercore/result.hpp"

namespace nercore {

/// Node of the actor graph.
struct ActorNode {
  std::string id;
  std::string label;
  std::string type;                 ///< "PERSON", "STATE", ...
  std::string wikidata;             ///< from the gazetteer, or ""
  std::string country;              ///< from the gazetteer, or ""
  std::uint32_t mentions = 0;       ///< mentions over all documents
  std::uint32_t documents = 0;      ///< documents that mention it
};

/// Edge of the actor graph: one per (source, type, target); symmetric types have source < target.
struct ActorEdge {
  std::string type;                 ///< "SUPPORT", ..., "CO_OCCURS"
  std::string cameo;
  double goldstein = 0.0;
  int sign = 1;                     ///< +1 cooperative, -1 conflictual, 0 co-occurrence
  std::uint32_t documents = 0;      ///< documents that state it
  std::uint32_t mentions = 0;       ///< statements (evidence sentences) over all documents
  std::uint32_t asserted = 0, reported = 0, future = 0, negated = 0;  ///< per document
  std::string first_date, last_date;   ///< first and last document date
  std::vector<std::string> evidence;   ///< up to ActorGraph::kMaxEvidence sample sentences
};

using ActorGraphBase = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                             ActorNode, ActorEdge>;

/// What goes into an export. Defaults in parentheses.
///   types: relation types of the typed edges to keep, empty = all (empty);
///   modalities: keep a typed edge if it has at least one document with one of these,
///     empty = all (empty);
///   min_documents: drop edges (typed or CO_OCCURS) stated in fewer documents (1);
///   cooccurrence: keep CO_OCCURS edges; `types` and `modalities` do not apply to them (false).
/// Nodes are always all written, with or without edges.
struct GraphFilter {
  std::vector<RelationType> types;
  std::vector<Modality> modalities;
  std::uint32_t min_documents = 1;
  bool cooccurrence = false;
};

/// The actor graph of a corpus.
///
/// `graph()` is a plain Boost.Graph adjacency_list, so BGL algorithms run on it directly.
/// Building is O(mentions + relations) per document. Not thread-safe for writes: build one graph
/// per thread and merge() them; merging is commutative up to vertex order, and exports sort nodes
/// and edges by id so equal graphs write equal files. Copies are deep and independent.
///
/// Aggregation rules, all independent of the order of documents and merges: counts add up;
/// first_date/last_date are the smallest/largest non-empty dates; label, type, wikidata and
/// country are the lexicographically smallest non-empty values seen; cameo/goldstein come from the
/// smallest (non-empty cameo first, cameo, goldstein) pair; evidence keeps the kMaxEvidence
/// lexicographically smallest distinct sentences, sorted.
/// So that a graph survives a GraphML round trip unchanged, stored strings have their ASCII
/// whitespace and control-character runs collapsed to one space and trimmed (GraphML readers do
/// the same), `¦` in evidence becomes `|` (the evidence separator in GraphML is " ¦ "), and
/// goldstein is rounded to 6 significant digits (what the GraphML writer prints).
///
/// Example:
///   nercore::ActorGraph g;
///   g.add(pipeline.annotate(text, "a.txt", "2024-06-19"));
///   std::ofstream out("actors.graphml");
///   g.write_graphml(out);
class ActorGraph {
 public:
  static constexpr std::size_t kMaxEvidence = 3;
  using Vertex = ActorGraphBase::vertex_descriptor;
  using Edge = ActorGraphBase::edge_descriptor;

  /// Adds a document's entities, relations and co-occurrences.
  void add(const Document& doc);
  /// Adds another graph (counts add up, dates widen, evidence is kept up to kMaxEvidence).
  void merge(const ActorGraph& other);

  const ActorGraphBase& graph() const noexcept { return g_; }
  std::size_t num_nodes() const noexcept { return boost::num_vertices(g_); }
  std::size_t num_edges() const noexcept { return boost::num_edges(g_); }
  /// The vertex of an entity id, if present.
  const Vertex* find(const std::string& id) const;

  /// GraphML with typed keys, nodes sorted by id and edges by (source id, type, target id).
  /// Node keys: entity, label, type, wikidata, country (string); mentions, documents (int).
  /// Edge keys: type, cameo, first_date, last_date, evidence (string, joined with " ¦ ");
  /// goldstein (double); sign, documents, mentions, asserted, reported, future, negated (int).
  void write_graphml(std::ostream& out, const GraphFilter& filter = {}) const;
  /// Reads GraphML written by write_graphml (any filter) back; unknown keys are ignored. Never
  /// throws: unreadable XML or GraphML, elements nested more than 256 deep, a node without an
  /// entity id, an edge without a type or a negative count give an ErrorCode::graphml error whose
  /// source is `source`. Reads the whole stream into memory first.
  static Result<ActorGraph> read_graphml(std::istream& in, std::string_view source = "graphml");

  /// True if both graphs have the same nodes and edges with the same properties (vertex order and
  /// edge order do not matter).
  friend bool operator==(const ActorGraph& a, const ActorGraph& b);

 private:
  Vertex vertex_for(const std::string& id);
  ActorGraphBase g_;
  std::unordered_map<std::string, Vertex> index_;
  // (source, type, target) -> position of the edge in out_edges(source). Not an Edge: the
  // descriptor of an adjacency_list edge points at the edge's property, so it would dangle in a
  // copy (adjacency_list has no move constructor, so a move copies too). Out-edge positions never
  // change because edges are never removed.
  std::map<std::tuple<Vertex, std::string, Vertex>, std::size_t> edges_;
};

}  // namespace nercore
