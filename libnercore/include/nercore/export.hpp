// SPDX-License-Identifier: MIT
// File: export.hpp
// JSON Lines output of documents, in the schema of the evaluation scorer: one object per document
// with "doc", "entities" (each with its "mentions") and "relations".
#pragma once

#include <iosfwd>
#include <string>

#include "nercore/document.hpp"

namespace nercore {

/// Options of the JSON writer. Defaults in parentheses.
///   evidence: include each relation's evidence (true);
///   cooccurrences: include the "cooccurrences" array (true).
struct JsonOptions {
  bool evidence = true;
  bool cooccurrences = true;
};

/// One JSON object on one line (no trailing newline). UTF-8 byte offsets, end exclusive. A document
/// resolved with ResolveOptions::explain also gets "explain": each candidate mention with its
/// "start", "end", "text", "entity", "rule", whether it was "kept", and the "reason".
std::string to_json(const Document& doc, const JsonOptions& options = {});

}  // namespace nercore
