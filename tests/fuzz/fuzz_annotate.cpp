// SPDX-License-Identifier: MIT
// File: tests/fuzz/fuzz_annotate.cpp
// libFuzzer target: Pipeline::annotate on arbitrary bytes (the bundled gazetteers), then the JSON
// export and the actor graph of the document with a GraphML round trip. Checks the invariants that
// annotate promises (fuzz_common.hpp) and that the graph survives its own GraphML.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nercore::Pipeline pipeline =
      nercore::Pipeline::from_directory(nercore_fuzz::gazetteer_dir()).value();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const nercore::Document doc = pipeline.annotate(text, "fuzz.txt", "2024-06-19");
  nercore_fuzz::check_document(doc, text);
  const std::string json = nercore::to_json(doc);
  NERCORE_FUZZ_CHECK(!json.empty() && json.front() == '{' && json.back() == '}');
  NERCORE_FUZZ_CHECK(json.find('\n') == std::string::npos);  // one JSON Lines line
  NERCORE_FUZZ_CHECK(!nercore::find_invalid_utf8(json));

  nercore::ActorGraph graph;
  graph.add(doc);
  nercore::GraphFilter everything;  // CO_OCCURS edges too, so that the round trip is complete
  everything.cooccurrence = true;
  std::ostringstream out;
  graph.write_graphml(out, everything);
  std::istringstream in(out.str());
  const nercore::Result<nercore::ActorGraph> back = nercore::ActorGraph::read_graphml(in, "fuzz");
  NERCORE_FUZZ_CHECK(back.has_value());
  NERCORE_FUZZ_CHECK(*back == graph);
  return 0;
}
