// SPDX-License-Identifier: MIT
// File: tests/fuzz/fuzz_graphml.cpp
// libFuzzer target: ActorGraph::read_graphml on arbitrary bytes, then merge. Reading must succeed
// or give an ErrorCode::graphml error (never throw or crash); a graph that reads must survive its
// own GraphML unchanged, and merging it with the graph of a sample document must be commutative.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

nercore::Result<nercore::ActorGraph> read(const std::string& text) {
  std::istringstream in(text);
  return nercore::ActorGraph::read_graphml(in, "fuzz.graphml");
}

/// The whole graph as GraphML: CO_OCCURS edges and edges of no document included.
std::string write(const nercore::ActorGraph& g) {
  nercore::GraphFilter everything;
  everything.cooccurrence = true;
  everything.min_documents = 0;
  std::ostringstream out;
  g.write_graphml(out, everything);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nercore::ActorGraph base = [] {
    const auto pipeline = nercore::Pipeline::from_directory(nercore_fuzz::gazetteer_dir()).value();
    nercore::ActorGraph g;
    g.add(pipeline.annotate(nercore_fuzz::kSampleText, "sample", "2024-06-19"));
    return g;
  }();
  const std::string input(reinterpret_cast<const char*>(data), size);

  nercore::Result<nercore::ActorGraph> graph = read(input);
  if (!graph) {
    nercore_fuzz::check_error(graph.error(), "fuzz.graphml");
    NERCORE_FUZZ_CHECK(graph.error().code == nercore::ErrorCode::graphml);
    return 0;
  }
  const nercore::ActorGraph& g = *graph;

  // Round trip: what was read writes GraphML that reads back equal.
  const std::string written = write(g);
  nercore::Result<nercore::ActorGraph> again = read(written);
  NERCORE_FUZZ_CHECK(again.has_value());
  NERCORE_FUZZ_CHECK(*again == g);
  NERCORE_FUZZ_CHECK(write(*again) == written);

  // Merge: commutative, and a merged graph survives its GraphML too.
  nercore::ActorGraph ab = base;
  ab.merge(g);
  nercore::ActorGraph ba = g;
  ba.merge(base);
  NERCORE_FUZZ_CHECK(ab == ba);
  NERCORE_FUZZ_CHECK(ab.num_nodes() >= g.num_nodes() && ab.num_nodes() >= base.num_nodes());
  nercore::Result<nercore::ActorGraph> merged = read(write(ab));
  NERCORE_FUZZ_CHECK(merged.has_value());
  NERCORE_FUZZ_CHECK(*merged == ab);

  // Merging a graph into itself doubles its counts.
  nercore::ActorGraph twice = g;
  twice.merge(twice);
  NERCORE_FUZZ_CHECK(twice.num_nodes() == g.num_nodes() && twice.num_edges() == g.num_edges());
  return 0;
}
