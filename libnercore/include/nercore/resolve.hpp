// SPDX-License-Identifier: MIT
// File: resolve.hpp
// The resolver: chooses among overlapping candidates, links every mention to one entity (alias to
// canonical, short form after full name, descriptor to office holder at the document's date) and
// gives unknown names a stable id derived from their folded name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nercore/descriptors.hpp"
#include "nercore/document.hpp"
#include "nercore/gazetteer.hpp"
#include "nercore/regex_recognizer.hpp"
#include "nercore/segment.hpp"

namespace nercore {

/// How overlapping candidates of one layer (names, or descriptors) are chosen.
enum class OverlapPolicy {
  leftmost_longest,  ///< the candidate that starts first wins; among those, the longest
  priority,          ///< gazetteer before rules, then leftmost-longest
};

/// Options of the resolver. Defaults in parentheses.
///   policy: overlap policy within a layer (priority).
///   date: YYYY-MM-DD for descriptors ("" = today).
///   explain: record in Document::explanations why each candidate was kept or dropped (false).
///   descriptors: heads of contextual descriptors (none).
struct ResolveOptions {
  OverlapPolicy policy = OverlapPolicy::priority;
  std::string date;
  bool explain = false;
  DescriptorLexicon descriptors;
};

/// The short forms that resolve() needs among `names` with these options: only those introduced by
/// a full name, unless it explains what it drops.
inline Gazetteer::ShortForms short_forms_needed(const ResolveOptions& options) noexcept {
  return options.explain ? Gazetteer::ShortForms::all : Gazetteer::ShortForms::introduced;
}

/// Resolves the candidates of both recognizers into `doc.mentions` (sorted by span) and
/// `doc.entities` (in order of first mention). A name inside a descriptor stays a mention of its
/// own. O(candidates log candidates).
void resolve(std::string_view text, const Segmentation& seg, const Gazetteer& gazetteer,
             const std::vector<GazetteerMatch>& names, const RegexRecognizer& rules,
             const std::vector<RuleMatch>& rule_matches, const ResolveOptions& options,
             Document& doc);

}  // namespace nercore
