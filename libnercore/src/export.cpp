// SPDX-License-Identifier: MIT
// File: export.cpp
// JSON Lines in the schema of the evaluation scorer. to_json() writes the text directly into one
// string (no intermediate objects), in exactly the bytes that the nlohmann::json path
// (to_json_reference) produces: keys in sorted order, nlohmann's escaping and its Grisu2 number
// format. Strings that are not valid UTF-8 go through nlohmann for its replacement rules.
#include "nercore/export.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "detail/json_reference.hpp"
#include "detail/utf8.hpp"

namespace nercore {
namespace detail {

std::string to_json_reference(const Document& doc, const JsonOptions& options) {
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
  if (!doc.explanations.empty()) {
    json ex = json::array();
    for (const Explanation& x : doc.explanations)
      ex.push_back({{"start", x.span.begin}, {"end", x.span.end}, {"text", x.text}, {"entity", x.entity},
                    {"rule", x.rule}, {"kept", x.kept}, {"reason", x.reason}});
    j["explain"] = std::move(ex);
  }
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

void append_json_string_reference(std::string& out, std::string_view s) {
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace detail

namespace {

// What a byte needs in a JSON string: 0 copy, 1 escape, 2 start of a multi-byte sequence.
struct EscapeTable {
  unsigned char kind[256];
  constexpr EscapeTable() : kind() {
    for (int c = 0; c < 256; ++c) kind[c] = c < 0x20 || c == '"' || c == '\\' ? 1 : c >= 0x80 ? 2 : 0;
  }
};
constexpr EscapeTable kEscape;

/// A direct JSON writer into one string.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void raw(std::string_view s) { out_.append(s); }
  void raw(char c) { out_.push_back(c); }
  /// `"key":`, the key being a plain ASCII literal.
  void key(std::string_view k) {
    out_.push_back('"');
    out_.append(k);
    out_.append("\":", 2);
  }
  void number(std::uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void number(double x) {
    if (!std::isfinite(x)) {
      out_.append("null");
      return;
    }
    char buf[64];
    char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, x);
    out_.append(buf, static_cast<std::size_t>(end - buf));
  }
  void boolean(bool b) { out_.append(b ? "true" : "false"); }

  /// A JSON string, escaped as nlohmann escapes it (ensure_ascii off).
  void string(std::string_view s) {
    const std::size_t mark = out_.size();
    out_.push_back('"');
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t run = 0, i = 0;
    while (i < n) {
      // Eight bytes at a time while none needs a look: no control byte, quote, backslash or
      // byte of a multi-byte character (most of an id, a rule or a sentence of news).
      while (i + 8 <= n && plain8(p + i)) i += 8;
      if (i >= n) break;
      const unsigned char k = kEscape.kind[p[i]];
      if (k == 0) {
        ++i;
        continue;
      }
      if (k == 2) {
        char32_t cp;
        const std::size_t len = detail::decode_utf8(s, i, cp);
        if (len == 0) {
          // Not UTF-8: nlohmann's replacement rules, for the whole string.
          out_.resize(mark);
          detail::append_json_string_reference(out_, s);
          return;
        }
        i += len;
        continue;
      }
      out_.append(s.data() + run, i - run);
      escape(p[i]);
      run = ++i;
    }
    out_.append(s.data() + run, n - run);
    out_.push_back('"');
  }

 private:
  // Whether none of the 8 bytes at p is below 0x20, '"', '\\' or 0x80 and above (the bytes
  // kEscape.kind marks). Exact: each test flags a byte only if some byte matches.
  static bool plain8(const unsigned char* p) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    const std::uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
    return ((x & kHigh) | below_space | has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\'))) == 0;
  }
  void escape(unsigned char c) {
    switch (c) {
      case '\b': out_.append("\\b", 2); break;
      case '\t': out_.append("\\t", 2); break;
      case '\n': out_.append("\\n", 2); break;
      case '\f': out_.append("\\f", 2); break;
      case '\r': out_.append("\\r", 2); break;
      case '"': out_.append("\\\"", 2); break;
      case '\\': out_.append("\\\\", 2); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out_.append(u, 6);
      }
    }
  }

  std::string& out_;
};

}  // namespace

std::string to_json(const Document& doc, const JsonOptions& options) {
  std::string out;
  // A rough guess of the size, so that the string grows once or twice at most.
  std::size_t guess = 256 + doc.mentions.size() * 120 + doc.entities.size() * 160 +
                      doc.cooccurrences.size() * 48;
  for (const Relation& r : doc.relations) guess += 256 + r.evidence.size() * 96;
  out.reserve(guess);
  Writer w(out);
  // Keys in sorted order, as in nlohmann's std::map objects.
  w.raw("{\"bytes\":");
  w.number(static_cast<std::uint64_t>(doc.bytes));
  if (options.cooccurrences) {
    w.raw(",\"cooccurrences\":[");
    bool first = true;
    for (const CoOccurrence& c : doc.cooccurrences) {
      w.raw(first ? "{\"a\":" : ",{\"a\":");
      first = false;
      w.string(c.a);
      w.raw(",\"b\":");
      w.string(c.b);
      w.raw(",\"count\":");
      w.number(static_cast<std::uint64_t>(c.count));
      w.raw('}');
    }
    w.raw(']');
  }
  if (!doc.date.empty()) {
    w.raw(",\"date\":");
    w.string(doc.date);
  }
  if (doc.diagnostics.invalid_utf8_bytes) {
    w.raw(",\"diagnostics\":{\"first_invalid\":");
    w.number(static_cast<std::uint64_t>(*doc.diagnostics.first_invalid));
    w.raw(",\"invalid_utf8_bytes\":");
    w.number(static_cast<std::uint64_t>(doc.diagnostics.invalid_utf8_bytes));
    w.raw('}');
  }
  w.raw(",\"doc\":");
  w.string(doc.id);
  w.raw(",\"entities\":[");
  std::vector<std::pair<std::string_view, std::string_view>> attrs;
  for (std::size_t ei = 0; ei < doc.entities.size(); ++ei) {
    const Entity& e = doc.entities[ei];
    w.raw(ei ? ",{" : "{");
    if (!e.attributes.empty()) {
      // A std::map: sorted keys, and the last value of a repeated key wins.
      attrs.clear();
      for (const auto& [k, v] : e.attributes) attrs.emplace_back(k, v);
      std::stable_sort(attrs.begin(), attrs.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      w.raw("\"attributes\":{");
      bool first = true;
      for (std::size_t i = 0; i < attrs.size(); ++i) {
        if (i + 1 < attrs.size() && attrs[i + 1].first == attrs[i].first) continue;
        if (!first) w.raw(',');
        first = false;
        w.string(attrs[i].first);
        w.raw(':');
        w.string(attrs[i].second);
      }
      w.raw("},");
    }
    w.key("id");
    w.string(e.id);
    w.raw(",\"known\":");
    w.boolean(e.known);
    w.raw(",\"mentions\":[");
    for (std::size_t mi = 0; mi < e.mentions.size(); ++mi) {
      const Mention& m = doc.mentions[e.mentions[mi]];
      w.raw(mi ? ",{\"end\":" : "{\"end\":");
      w.number(static_cast<std::uint64_t>(m.span.end));
      w.raw(",\"kind\":\"");
      w.raw(to_string(m.kind));
      w.raw("\",\"rule\":");
      w.string(m.rule);
      if (!m.stands_for.empty()) {
        w.raw(",\"stands_for\":");
        w.string(m.stands_for);
      }
      w.raw(",\"start\":");
      w.number(static_cast<std::uint64_t>(m.span.begin));
      w.raw(",\"text\":");
      w.string(m.text);
      w.raw('}');
    }
    w.raw("],\"name\":");
    w.string(e.name);
    w.raw(",\"type\":\"");
    w.raw(to_string(e.type));
    w.raw("\"}");
  }
  w.raw(']');
  if (!doc.explanations.empty()) {
    w.raw(",\"explain\":[");
    for (std::size_t k = 0; k < doc.explanations.size(); ++k) {
      const Explanation& x = doc.explanations[k];
      w.raw(k ? ",{\"end\":" : "{\"end\":");
      w.number(static_cast<std::uint64_t>(x.span.end));
      w.raw(",\"entity\":");
      w.string(x.entity);
      w.raw(",\"kept\":");
      w.boolean(x.kept);
      w.raw(",\"reason\":");
      w.string(x.reason);
      w.raw(",\"rule\":");
      w.string(x.rule);
      w.raw(",\"start\":");
      w.number(static_cast<std::uint64_t>(x.span.begin));
      w.raw(",\"text\":");
      w.string(x.text);
      w.raw('}');
    }
    w.raw(']');
  }
  w.raw(",\"relations\":[");
  for (std::size_t ri = 0; ri < doc.relations.size(); ++ri) {
    const Relation& r = doc.relations[ri];
    w.raw(ri ? ",{\"cameo\":" : "{\"cameo\":");
    w.string(r.cameo);
    w.raw(",\"confidence\":");
    w.number(r.confidence);
    if (options.evidence) {
      w.raw(",\"evidence\":[");
      for (std::size_t k = 0; k < r.evidence.size(); ++k) {
        const Evidence& e = r.evidence[k];
        w.raw(k ? ",{\"modality\":\"" : "{\"modality\":\"");
        w.raw(to_string(e.modality));
        w.raw("\",\"sentence\":[");
        w.number(static_cast<std::uint64_t>(e.sentence.begin));
        w.raw(',');
        w.number(static_cast<std::uint64_t>(e.sentence.end));
        w.raw("],\"text\":");
        w.string(e.text);
        w.raw(",\"trigger\":[");
        w.number(static_cast<std::uint64_t>(e.trigger.begin));
        w.raw(',');
        w.number(static_cast<std::uint64_t>(e.trigger.end));
        w.raw("]}");
      }
      w.raw(']');
    }
    w.raw(",\"goldstein\":");
    w.number(r.goldstein);
    w.raw(",\"modality\":\"");
    w.raw(to_string(r.modality));
    w.raw('"');
    if (!r.reported_by.empty()) {
      w.raw(",\"reported_by\":");
      w.string(r.reported_by);
    }
    w.raw(r.sign() > 0 ? ",\"sign\":\"cooperative\",\"source\":" : ",\"sign\":\"conflictual\",\"source\":");
    w.string(r.source);
    w.raw(",\"target\":");
    w.string(r.target);
    w.raw(",\"trigger_id\":");
    w.string(r.trigger_id);
    w.raw(",\"type\":\"");
    w.raw(to_string(r.type));
    w.raw("\"}");
  }
  w.raw("]}");
  return out;
}

}  // namespace nercore
