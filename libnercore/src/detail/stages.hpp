// SPDX-License-Identifier: MIT
// File: detail/stages.hpp
// Private: resolve() and build_relations() given the document's demonym matches
// (Gazetteer::match_demonyms), which both stages need. The public functions compute them; the
// Pipeline computes them once per document and calls these.
#pragma once

#include <string_view>
#include <vector>

#include "nercore/relation.hpp"
#include "nercore/resolve.hpp"

namespace nercore::detail {

void resolve(std::string_view text, const Segmentation& seg, const Gazetteer& gazetteer,
             const std::vector<GazetteerMatch>& names, const std::vector<GazetteerMatch>& demonyms,
             const RegexRecognizer& rules, const std::vector<RuleMatch>& rule_matches,
             const ResolveOptions& options, Document& doc);

void build_relations(std::string_view text, const Segmentation& seg, const std::vector<Mention>& mentions,
                     const Gazetteer& gazetteer, const std::vector<GazetteerMatch>& demonyms,
                     const TriggerLexicon& lexicon, const RelationOptions& options, Document& doc);

}  // namespace nercore::detail
