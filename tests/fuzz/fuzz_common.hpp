// SPDX-License-Identifier: MIT
// File: tests/fuzz/fuzz_common.hpp
// Shared helpers of the libFuzzer targets: a check that aborts (so that libFuzzer, or the replay
// driver under ctest, reports the input), the bundled gazetteer directory, a sample text, and the
// splitting of one fuzz input into several files.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "nercore/nercore.hpp"

#ifndef NERCORE_GAZETTEERS
#error "NERCORE_GAZETTEERS must name the bundled gazetteer directory"
#endif

/// Aborts with a message when an invariant of the library does not hold.
#define NERCORE_FUZZ_CHECK(cond)                                                           \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)

namespace nercore_fuzz {

/// The gazetteer directory: $NERCORE_GAZETTEERS, else the one of the source tree.
inline std::string gazetteer_dir() {
  const char* env = std::getenv("NERCORE_GAZETTEERS");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string(NERCORE_GAZETTEERS);
}

/// A short French text that names actors of the bundled gazetteers and states relations.
inline constexpr std::string_view kSampleText =
    "Selon l'agence KCNA, Kim Jong-un a rencontré Vladimir Poutine à Moscou. Le président russe "
    "soutient la Corée du Nord. L'Union européenne a sanctionné la Russie, et la France livre des "
    "armes à l'Ukraine. M. Jean Dupont, ministre malien de la Défense, n'a pas critiqué l'OTAN.";

/// Splits `data` on the line "---" (the separator the seed corpora use between files), into at
/// most `parts` pieces; missing pieces are empty.
inline std::vector<std::string_view> split_parts(std::string_view data, std::size_t parts) {
  constexpr std::string_view kSep = "\n---\n";
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const std::size_t pos = data.find(kSep);
    if (pos == std::string_view::npos) break;
    out.push_back(data.substr(0, pos + 1));
    data.remove_prefix(pos + kSep.size());
  }
  out.push_back(data);
  out.resize(parts);
  return out;
}

/// Checks what every load error promises: a code, a message with its stable code, a source.
inline void check_error(const nercore::Error& e, std::string_view source) {
  NERCORE_FUZZ_CHECK(e.code != nercore::ErrorCode::ok);
  NERCORE_FUZZ_CHECK(!e.message.empty());
  NERCORE_FUZZ_CHECK(e.line >= 0);
  NERCORE_FUZZ_CHECK(source.empty() || e.source.find(source) != std::string::npos);
  const std::string text = e.to_string();
  NERCORE_FUZZ_CHECK(text.find(nercore::error_code_id(e.code)) != std::string::npos);
}

/// Checks the invariants of an annotated document over `text`: spans inside the input, mention
/// texts equal to their bytes, sorted mentions, valid entity indices, evidence inside its sentence,
/// relations between entities of the document.
inline void check_document(const nercore::Document& d, std::string_view text) {
  NERCORE_FUZZ_CHECK(d.bytes == text.size());
  std::uint32_t prev_end = 0;
  for (const nercore::Span& s : d.sentences) {
    NERCORE_FUZZ_CHECK(s.begin < s.end && s.end <= text.size());
    NERCORE_FUZZ_CHECK(s.begin >= prev_end);
    prev_end = s.end;
  }
  for (std::size_t i = 0; i < d.mentions.size(); ++i) {
    const nercore::Mention& m = d.mentions[i];
    NERCORE_FUZZ_CHECK(m.span.begin < m.span.end && m.span.end <= text.size());
    NERCORE_FUZZ_CHECK(text.substr(m.span.begin, m.span.size()) == m.text);
    NERCORE_FUZZ_CHECK(!m.entity.empty());
    if (i > 0) NERCORE_FUZZ_CHECK(d.mentions[i - 1].span.begin <= m.span.begin);
  }
  // an entity without mentions is a known one that only a demonym adjective names, at an end of
  // a relation
  auto relation_end = [&](const std::string& id) {
    for (const nercore::Relation& r : d.relations)
      if (r.source == id || r.target == id || r.reported_by == id) return true;
    return false;
  };
  std::size_t mention_refs = 0;
  for (const nercore::Entity& e : d.entities) {
    NERCORE_FUZZ_CHECK(!e.id.empty());
    NERCORE_FUZZ_CHECK(!e.mentions.empty() || (e.known && relation_end(e.id)));
    for (std::size_t i : e.mentions) {
      NERCORE_FUZZ_CHECK(i < d.mentions.size());
      NERCORE_FUZZ_CHECK(d.mentions[i].entity == e.id);
    }
    mention_refs += e.mentions.size();
  }
  NERCORE_FUZZ_CHECK(mention_refs == d.mentions.size());
  for (const nercore::Relation& r : d.relations) {
    NERCORE_FUZZ_CHECK(!r.source.empty() && !r.target.empty() && r.source != r.target);
    // every end of a relation is an entity of the document
    NERCORE_FUZZ_CHECK(d.find_entity(r.source) != nullptr && d.find_entity(r.target) != nullptr);
    NERCORE_FUZZ_CHECK(r.reported_by.empty() || d.find_entity(r.reported_by) != nullptr);
    NERCORE_FUZZ_CHECK(!r.evidence.empty());
    for (const nercore::Evidence& ev : r.evidence) {
      NERCORE_FUZZ_CHECK(ev.sentence.begin < ev.sentence.end && ev.sentence.end <= text.size());
      NERCORE_FUZZ_CHECK(ev.sentence.contains(ev.trigger));
      NERCORE_FUZZ_CHECK(text.substr(ev.sentence.begin, ev.sentence.size()) == ev.text);
    }
  }
  for (const nercore::CoOccurrence& c : d.cooccurrences) {
    NERCORE_FUZZ_CHECK(c.a < c.b);
    NERCORE_FUZZ_CHECK(c.count > 0);
  }
  if (const auto bad = nercore::find_invalid_utf8(text)) {
    NERCORE_FUZZ_CHECK(d.diagnostics.first_invalid == bad->offset);
    NERCORE_FUZZ_CHECK(d.diagnostics.invalid_utf8_bytes > 0);
  } else {
    NERCORE_FUZZ_CHECK(d.diagnostics.invalid_utf8_bytes == 0);
  }
}

}  // namespace nercore_fuzz
