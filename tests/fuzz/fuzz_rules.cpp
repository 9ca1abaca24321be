// SPDX-License-Identifier: MIT
// File: tests/fuzz/fuzz_rules.cpp
// libFuzzer target: the rule-file loaders. The input is a rules file (RE2 patterns), then
// optionally the line "---" and a relations file, "---" and a modality file, "---" and a grammar
// file. Loading must succeed or fail with an Error naming file and line (a rejected pattern is
// bad_pattern, never a crash or an unbounded backtrack); what loads runs over the input and a
// sample text inside a pipeline with the bundled gazetteers.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nercore::Gazetteer gazetteer = [] {
    nercore::GazetteerBuilder b;
    b.add_directory(nercore_fuzz::gazetteer_dir()).value();
    return std::move(b).build().value();
  }();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parts = nercore_fuzz::split_parts(input, 4);

  nercore::Result<nercore::RegexRecognizer> rules =
      nercore::RegexRecognizer::from_text(parts[0], "rules.tsv");
  if (!rules) {
    nercore_fuzz::check_error(rules.error(), "rules.tsv");
    NERCORE_FUZZ_CHECK(rules.error().line > 0);
    return 0;
  }
  for (const std::string_view text : {input, nercore_fuzz::kSampleText}) {
    for (const nercore::RuleMatch& m : rules->match(text)) {
      NERCORE_FUZZ_CHECK(m.rule < rules->rules().size());
      NERCORE_FUZZ_CHECK(m.span.begin < m.span.end && m.span.end <= text.size());
    }
  }

  nercore::PipelineOptions options;
  options.gazetteer = gazetteer;
  options.rules = *rules;
  const bool with_lexicon = !parts[1].empty() || !parts[2].empty() || !parts[3].empty();
  if (with_lexicon) {
    nercore::Result<nercore::TriggerLexicon> lexicon =
        nercore::TriggerLexicon::from_text(parts[1], parts[2], parts[3], "fuzz");
    if (!lexicon) {
      nercore_fuzz::check_error(lexicon.error(), "fuzz/");
      NERCORE_FUZZ_CHECK(lexicon.error().line > 0);
      return 0;
    }
    options.lexicon = *lexicon;
  }
  nercore::Result<nercore::Pipeline> pipeline = nercore::Pipeline::create(std::move(options));
  NERCORE_FUZZ_CHECK(pipeline.has_value());
  for (const std::string_view text : {input, nercore_fuzz::kSampleText}) {
    const nercore::Document doc = pipeline->annotate(text, "fuzz", "2024-06-19");
    nercore_fuzz::check_document(doc, text);
  }
  return 0;
}
