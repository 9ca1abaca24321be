// SPDX-License-Identifier: MIT
// File: export.cpp
// JSON Lines through nlohmann::json, in the schema of the evaluation scorer.
#include "nercore/export.hpp"

#include <nlohmann/json.hpp>

namespace nercore {

std::string to_json(const Document& doc, const JsonOptions& options) {
  using nlohmann::json;
  json j;
  j["doc"] = doc.id;
  if (!doc.date.empty()) j["date"] = doc.date;
  j["bytes"] = doc.bytes;
  json ents = json::array();
  for (const Entity& e : doc.entities) {
    json je;
    je["id"] = e.id;
    je["type"] = std::string(to_string(e.type));
    je["name"] = e.name;
    je["known"] = e.known;
    json ms = json::array();
    for (std::size_t i : e.mentions) {
      const Mention& m = doc.mentions[i];
      json jm = {{"start", m.span.begin}, {"end", m.span.end}, {"text", m.text},
                 {"kind", std::string(to_string(m.kind))}, {"rule", m.rule}};
      if (!m.stands_for.empty()) jm["stands_for"] = m.stands_for;
      ms.push_back(std::move(jm));
    }
    je["mentions"] = std::move(ms);
    if (!e.attributes.empty()) {
      json attrs = json::object();
      for (const auto& [k, v] : e.attributes) attrs[k] = v;
      je["attributes"] = std::move(attrs);
    }
    ents.push_back(std::move(je));
  }
  j["entities"] = std::move(ents);
  json rels = json::array();
  for (const Relation& r : doc.relations) {
    json jr = {{"source", r.source},
               {"target", r.target},
               {"type", std::string(to_string(r.type))},
               {"modality", std::string(to_string(r.modality))},
               {"cameo", r.cameo},
               {"goldstein", r.goldstein},
               {"sign", r.sign() > 0 ? "cooperative" : "conflictual"},
               {"confidence", r.confidence},
               {"trigger_id", r.trigger_id}};
    if (!r.reported_by.empty()) jr["reported_by"] = r.reported_by;
    if (options.evidence) {
      json ev = json::array();
      for (const Evidence& e : r.evidence)
        ev.push_back({{"sentence", {e.sentence.begin, e.sentence.end}},
                      {"trigger", {e.trigger.begin, e.trigger.end}},
                      {"modality", std::string(to_string(e.modality))},
                      {"text", e.text}});
      jr["evidence"] = std::move(ev);
    }
    rels.push_back(std::move(jr));
  }
  j["relations"] = std::move(rels);
  if (options.cooccurrences) {
    json co = json::array();
    for (const auto& c : doc.cooccurrences) co.push_back({{"a", c.a}, {"b", c.b}, {"count", c.count}});
    j["cooccurrences"] = std::move(co);
  }
  if (doc.diagnostics.invalid_utf8_bytes)
    j["diagnostics"] = {{"invalid_utf8_bytes", doc.diagnostics.invalid_utf8_bytes},
                        {"first_invalid", *doc.diagnostics.first_invalid}};
  // Invalid UTF-8 inside strings is replaced rather than thrown on.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace nercore
