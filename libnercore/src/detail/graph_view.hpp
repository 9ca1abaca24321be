// SPDX-License-Identifier: MIT
// File: detail/graph_view.hpp
// Private: the deterministic order shared by the exporters and the report (nodes sorted by id,
// the edges a GraphFilter keeps sorted by source id, type, target id) and number formatting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nercore/graph.hpp"

namespace nercore::detail {

/// Joins evidence sentences in GraphML, DOT tooltips and CSV: " ¦ " (U+00A6 between spaces).
inline constexpr std::string_view kEvidenceSeparator = " \xC2\xA6 ";

/// The edge's count of relations of modality `m` (graph.cpp).
std::uint32_t& modality_count(ActorEdge& e, Modality m) noexcept;
std::uint32_t modality_count(const ActorEdge& e, Modality m) noexcept;

/// The evidence sentences joined by kEvidenceSeparator (graph.cpp).
std::string join_evidence(const std::vector<std::string>& evidence);

/// Nodes sorted by id; the edges `filter` keeps, sorted by (source id, type, target id).
struct SortedGraph {
  std::vector<ActorGraph::Vertex> nodes;
  std::vector<ActorGraph::Edge> edges;
};

/// O((V + E) log(V + E)). The descriptors stay valid as long as `graph` is not modified.
SortedGraph sorted_view(const ActorGraph& graph, const GraphFilter& filter);

/// The shortest decimal form that reads back as `v` ("3.4", "-10", "1e-07"); "0" if not finite.
std::string format_double(double v);

/// Colors shared by the DOT export and the HTML report: an entity type's strong color (node
/// outlines, legend) and its light fill (DOT nodes, highlighted mentions).
struct TypeColors {
  std::string_view strong;
  std::string_view light;
};
inline TypeColors type_colors(std::string_view type) noexcept {
  if (type == "PERSON") return {"#4e79a7", "#d3e1f0"};
  if (type == "STATE") return {"#e8762b", "#fbdcc5"};
  if (type == "ORGANIZATION") return {"#9b5fa5", "#eadaee"};
  if (type == "LOCATION") return {"#8c6d4f", "#eae0d5"};
  if (type == "BLOC") return {"#2a9d8f", "#cdeee9"};
  return {"#777777", "#e6e6e6"};
}

/// Edge color by sign: green cooperative (> 0), red conflictual (< 0), grey co-occurrence (0).
inline std::string_view sign_color(int sign) noexcept {
  return sign > 0 ? "#2e7d32" : sign < 0 ? "#c62828" : "#9e9e9e";
}

}  // namespace nercore::detail
