// SPDX-License-Identifier: MIT
// File: graph_export.hpp
// Exports of the actor graph besides GraphML (graph.hpp): DOT for Graphviz, JSON node-link data in
// the shape of networkx's node_link_data, and CSV node and edge lists in the shape Gephi's and
// Neo4j's importers read. Every export honors a GraphFilter and writes nodes sorted by id and edges
// sorted by (source id, type, target id), so equal graphs give byte-identical files. The writers
// only read the graph: they may run concurrently on one graph. Cost: O((V + E) log(V + E)).
#pragma once

#include <iosfwd>

#include "nercore/graph.hpp"

namespace nercore {

/// True if `filter` keeps `edge`: the rule of every export, write_graphml included.
bool keeps(const GraphFilter& filter, const ActorEdge& edge) noexcept;

/// Graphviz DOT: a `digraph` with one node per actor (label, type, wikidata, country, mentions,
/// documents; filled by entity type) and one edge per kept edge, labelled "TYPE (documents)",
/// colored by sign (green cooperative, red conflictual, grey co-occurrence), undirected types
/// (MEET, COOPERATE, CO_OCCURS) drawn with dir=none. Every attribute value is a quoted string;
/// `"` and `\` are escaped, UTF-8 is written as is (charset="UTF-8").
///
/// Example: `dot -Tsvg actors.dot -o actors.svg` (or `sfdp` for large graphs).
void write_dot(std::ostream& out, const ActorGraph& graph, const GraphFilter& filter = {});

/// JSON node-link data, as networkx.node_link_data writes it for a MultiDiGraph:
///   {"directed": true, "multigraph": true, "graph": {},
///    "nodes": [{"id", "label", "type", "wikidata", "country", "mentions", "documents"}, ...],
///    "links": [{"source", "target", "key", "type", "symmetric", "cameo", "goldstein", "sign",
///               "documents", "mentions", "asserted", "reported", "future", "negated",
///               "first_date", "last_date", "evidence": [...]}, ...]}
/// Node "id" is the entity id, link "key" the relation type. Read it back in Python with
/// `networkx.node_link_graph(json.load(f))`. Indented by two spaces, UTF-8, ends with a newline.
void write_node_link_json(std::ostream& out, const ActorGraph& graph,
                          const GraphFilter& filter = {});

/// CSV node list (RFC 4180, LF line ends, UTF-8, a header line). Columns:
///   Id,Label,type,wikidata,country,mentions,documents
/// Id and Label are the names Gephi's spreadsheet import recognizes. All nodes are written.
void write_csv_nodes(std::ostream& out, const ActorGraph& graph);

/// CSV edge list of the kept edges. Columns:
///   Source,Target,Type,Label,Weight,relation,cameo,goldstein,sign,documents,mentions,
///   asserted,reported,future,negated,first_date,last_date,evidence
/// Source and Target are node Ids; Type is "Directed" or "Undirected" and Weight the number of
/// documents, as Gephi reads them; Label and relation are the relation type (SUPPORT, ...);
/// evidence joins the sample sentences with " ¦ " as in GraphML.
void write_csv_edges(std::ostream& out, const ActorGraph& graph, const GraphFilter& filter = {});

}  // namespace nercore
