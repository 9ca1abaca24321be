// SPDX-License-Identifier: MIT
// File: tests/fuzz/fuzz_gazetteer.cpp
// libFuzzer target: the gazetteer loader. The input is an entity file, then optionally the line
// "---" and an offices file, then "---" and a roles file. Loading must either succeed or fail with
// an Error naming the file; a gazetteer that builds is linted and annotates the input itself.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parts = nercore_fuzz::split_parts(input, 3);

  nercore::GazetteerBuilder builder;
  nercore::Status st = builder.add_entity_text(parts[0], "entities.tsv");
  if (!st) {
    nercore_fuzz::check_error(st.error(), "entities.tsv");
    NERCORE_FUZZ_CHECK(st.error().line > 0);
    return 0;
  }
  st = builder.add_offices_text(parts[1], "offices.tsv");
  if (!st) {
    nercore_fuzz::check_error(st.error(), "offices.tsv");
    return 0;
  }
  st = builder.add_roles_text(parts[2], "roles.tsv");
  if (!st) {
    nercore_fuzz::check_error(st.error(), "roles.tsv");
    return 0;
  }
  for (const nercore::LintFinding& f : builder.lint()) {
    NERCORE_FUZZ_CHECK(!f.message.empty());
    NERCORE_FUZZ_CHECK(f.line >= 0);
  }
  nercore::Result<nercore::Gazetteer> gz = std::move(builder).build();
  if (!gz) {
    nercore_fuzz::check_error(gz.error(), "");
    return 0;
  }
  for (const nercore::AliasInfo& a : gz->aliases())
    NERCORE_FUZZ_CHECK(a.entity < gz->entities().size());
  for (const nercore::OfficeTerm& t : gz->offices()) {
    NERCORE_FUZZ_CHECK(t.of < gz->entities().size() && t.holder < gz->entities().size());
    (void)gz->office_holder(t.of, t.office, "2024-06-19");
  }

  nercore::PipelineOptions options;
  options.gazetteer = *gz;
  nercore::Result<nercore::Pipeline> pipeline = nercore::Pipeline::create(std::move(options));
  NERCORE_FUZZ_CHECK(pipeline.has_value());
  // The names of the file appear in its own text, so the matcher finds them there.
  for (const std::string_view text : {input, nercore_fuzz::kSampleText}) {
    const nercore::Document doc = pipeline->annotate(text, "fuzz", "2024-06-19");
    nercore_fuzz::check_document(doc, text);
  }
  return 0;
}
