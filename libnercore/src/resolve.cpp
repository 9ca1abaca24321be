// SPDX-License-Identifier: MIT
// File: resolve.cpp
// Overlap policy per layer (names, descriptors), short forms, descriptors by date, unknown names.
#include "nercore/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include "nercore/text.hpp"

namespace nercore {
namespace {

std::string today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

struct Accepted {
  Mention mention;
  std::uint32_t gaz_entity = 0xFFFFFFFFu;  // gazetteer entity index, if known
};

// `list` is sorted by span and its spans do not overlap: a binary search. O(log n).
bool overlaps_any(const std::vector<Accepted>& list, Span s) {
  auto it = std::lower_bound(list.begin(), list.end(), s.begin,
                             [](const Accepted& a, std::uint32_t b) { return a.mention.span.end <= b; });
  return it != list.end() && it->mention.span.overlaps(s);
}

}  // namespace

void resolve(std::string_view text, const Segmentation& seg, const Gazetteer& gz,
             const std::vector<GazetteerMatch>& matches, const RegexRecognizer& rules,
             const std::vector<RuleMatch>& rule_matches, const ResolveOptions& options,
             Document& doc) {
  const std::string date = !doc.date.empty() ? doc.date : !options.date.empty() ? options.date : today();
  if (doc.date.empty()) doc.date = date;
  const auto& aliases = gz.aliases();
  const auto& ents = gz.entities();

  auto make = [&](Span span, const AliasInfo& a, std::uint32_t entity) {
    Mention m;
    m.span = span;
    m.text = std::string(text.substr(span.begin, span.size()));
    m.entity = ents[entity].id;
    m.type = ents[entity].type;
    m.kind = a.kind;
    m.rule = (a.office.empty() ? "gazetteer:" : "role:") + a.source;
    if (a.metonym) m.stands_for = ents[entity].id;
    if (auto seat = ents[entity].attribute("seat_of"); !seat.empty()) m.stands_for = std::string(seat);
    return m;
  };

  // ---- Name layer: gazetteer candidates, leftmost-longest, short forms only once introduced.
  std::vector<Accepted> names;
  std::unordered_set<std::uint32_t> seen;
  {
    std::uint32_t covered_end = 0;  // byte offset
    std::size_t i = 0;
    while (i < matches.size()) {
      const std::uint32_t first = matches[i].first;
      std::size_t j = i;
      while (j < matches.size() && matches[j].first == first) ++j;
      if (matches[i].span.begin >= covered_end) {
        for (std::size_t k = i; k < j; ++k) {
          const AliasInfo& a = aliases[matches[k].alias];
          if (a.kind != MentionKind::name) continue;
          if (a.short_form && !seen.count(a.entity)) continue;
          names.push_back({make(matches[k].span, a, a.entity), a.entity});
          seen.insert(a.entity);
          covered_end = matches[k].span.end;
          break;
        }
      }
      i = j;
    }
  }

  // ---- Rule candidates where the gazetteer found nothing: unknown names.
  std::unordered_map<std::string, std::string> short_forms;  // folded last word -> entity id
  std::unordered_map<std::string, EntityType> unknown_types;
  if (!rule_matches.empty()) {
    std::vector<RuleMatch> sorted = rule_matches;
    const auto& infos = rules.rules();
    if (options.policy == OverlapPolicy::priority)
      std::stable_sort(sorted.begin(), sorted.end(), [&](const RuleMatch& a, const RuleMatch& b) {
        if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
        if (infos[a.rule].priority != infos[b.rule].priority)
          return infos[a.rule].priority > infos[b.rule].priority;
        return a.span.end > b.span.end;
      });
    std::vector<Accepted> found;
    for (const auto& rm : sorted) {
      const RuleInfo& info = infos[rm.rule];
      if (info.kind != MentionKind::name) continue;
      if (overlaps_any(names, rm.span) || overlaps_any(found, rm.span)) continue;
      Mention m;
      m.span = rm.span;
      m.text = std::string(text.substr(rm.span.begin, rm.span.size()));
      m.type = info.type;
      m.kind = MentionKind::name;
      m.rule = "rule:" + info.id;
      // A later bare surname of an unknown person refers to the full name seen first.
      std::string id = slug(m.text);
      auto words = fold(m.text);
      if (auto it = short_forms.find(std::string(words)); it != short_forms.end() && info.type == EntityType::person)
        id = it->second;
      if (gz.find(id)) id += "_" + std::string(fold(to_string(info.type)));
      if (auto t = unknown_types.find(id); t != unknown_types.end() && t->second != info.type)
        id += "_" + std::string(fold(to_string(info.type)));
      unknown_types.emplace(id, info.type);
      m.entity = id;
      if (info.type == EntityType::person) {
        std::string_view name = m.text;
        auto sp = name.find_last_of(' ');
        if (sp != std::string_view::npos) short_forms.emplace(fold(name.substr(sp + 1)), id);
      }
      found.push_back({std::move(m)});
    }
    // Bare surnames of unknown people, after their full name.
    if (!short_forms.empty()) {
      std::unordered_map<std::string, std::uint32_t> first_end;  // entity -> end of first mention
      for (const auto& f : found) first_end.try_emplace(f.mention.entity, f.mention.span.end);
      std::vector<Accepted> extra;
      for (const auto& t : seg.tokens) {
        if (!t.is_word() || !t.is_capitalized()) continue;
        auto it = short_forms.find(std::string(seg.norm(t)));
        if (it == short_forms.end()) continue;
        if (overlaps_any(names, t.span) || overlaps_any(found, t.span)) continue;
        auto fe = first_end.find(it->second);
        if (fe == first_end.end() || fe->second > t.span.begin) continue;
        Mention m;
        m.span = t.span;
        m.text = std::string(text.substr(t.span.begin, t.span.size()));
        m.type = EntityType::person;
        m.entity = it->second;
        m.rule = "short-form";
        extra.push_back({std::move(m)});
      }
      for (auto& e : extra) found.push_back(std::move(e));
    }
    for (auto& f : found) names.push_back(std::move(f));
  }

  // ---- Descriptor layer: leftmost-longest among descriptor aliases; offices by date.
  std::vector<Accepted> descriptors;
  {
    std::uint32_t covered_end = 0;
    std::size_t i = 0;
    while (i < matches.size()) {
      const std::uint32_t first = matches[i].first;
      std::size_t j = i;
      while (j < matches.size() && matches[j].first == first) ++j;
      if (matches[i].span.begin >= covered_end) {
        for (std::size_t k = i; k < j; ++k) {
          const AliasInfo& a = aliases[matches[k].alias];
          if (a.kind != MentionKind::descriptor) continue;
          std::uint32_t entity = a.entity;
          if (!a.office.empty()) {
            auto holder = gz.office_holder(a.entity, a.office, date);
            if (!holder) continue;
            entity = *holder;
          }
          descriptors.push_back({make(matches[k].span, a, entity), entity});
          covered_end = matches[k].span.end;
          break;
        }
      }
      i = j;
    }
  }

  // ---- Assemble mentions (sorted) and entities (in order of first mention).
  doc.mentions.clear();
  doc.entities.clear();
  std::vector<std::pair<Mention, std::uint32_t>> all;
  all.reserve(names.size() + descriptors.size());
  for (auto& a : names) all.emplace_back(std::move(a.mention), a.gaz_entity);
  for (auto& a : descriptors) all.emplace_back(std::move(a.mention), a.gaz_entity);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.first.span.begin != b.first.span.begin) return a.first.span.begin < b.first.span.begin;
    return a.first.span.end > b.first.span.end;
  });
  std::unordered_map<std::string, std::size_t> entity_index;
  for (auto& [m, g] : all) {
    auto [it, fresh] = entity_index.try_emplace(m.entity, doc.entities.size());
    if (fresh) {
      Entity e;
      e.id = m.entity;
      e.type = m.type;
      if (g != 0xFFFFFFFFu) {
        e.name = ents[g].name;
        e.known = true;
        e.attributes = ents[g].attributes;
      } else {
        e.name = m.text;
      }
      doc.entities.push_back(std::move(e));
    }
    doc.entities[it->second].mentions.push_back(doc.mentions.size());
    doc.mentions.push_back(std::move(m));
  }
}

}  // namespace nercore
