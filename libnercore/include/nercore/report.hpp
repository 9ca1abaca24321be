// SPDX-License-Identifier: MIT
// File: report.hpp
// The HTML report: one self-contained page (no external resource, no network) with the actor graph
// drawn as inline SVG (laid out by Boost.Graph's Fruchterman–Reingold algorithm), the relations
// with their evidence and modality, and the articles' text with every entity mention highlighted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "nercore/document.hpp"
#include "nercore/graph.hpp"

namespace nercore {

/// Options of the HTML report. Defaults in parentheses.
///   title: page title and heading ("nercore report");
///   filter: the graph edges drawn; its `types` and `modalities` also select the relations listed
///     in the table (GraphFilter{}: typed relations of any modality, no co-occurrence edges);
///   max_nodes: at most this many actors are drawn, those with the most drawn edges first, then
///     the most documents (120);
///   seed: seed of the random initial layout, so a report is reproducible (42);
///   iterations: Fruchterman–Reingold iterations (300);
///   articles: include the articles' text with highlighted mentions (true).
struct HtmlOptions {
  std::string title = "nercore report";
  GraphFilter filter;
  std::size_t max_nodes = 120;
  std::uint32_t seed = 42;
  int iterations = 300;
  bool articles = true;
};

/// Writes the HTML report of `docs` (each Document with the text it was annotated from; their
/// spans are byte offsets into that text) and of `graph` (usually the graph of the same documents).
///
/// The page is one file: inline CSS, inline SVG, and a small inline script (click an actor to list
/// only its relations; hover a mention to see the other mentions of its entity). A
/// Content-Security-Policy forbids any network access. Mentions are `<span class="ent
/// ent-TYPE" title="entity id · rule">`; relation triggers are `<mark>`ed in their evidence
/// sentence. All text is escaped; invalid UTF-8 shows as U+FFFD. The layout is deterministic
/// (seeded), so equal inputs give byte-identical pages. Cost: O(text + mentions + relations) plus
/// O(iterations · nodes²) for the layout of at most max_nodes nodes. Reads its arguments only: may
/// run concurrently.
///
/// Example:
///   std::vector<std::pair<nercore::Document, std::string>> docs;
///   docs.emplace_back(pipeline.annotate(text, "a.txt", "2024-06-19"), text);
///   nercore::ActorGraph graph;
///   graph.add(docs.back().first);
///   std::ofstream out("report.html");
///   nercore::write_html_report(out, docs, graph);
void write_html_report(std::ostream& out, const std::vector<std::pair<Document, std::string>>& docs,
                       const ActorGraph& graph, const HtmlOptions& options = {});

}  // namespace nercore
