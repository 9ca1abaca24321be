// SPDX-License-Identifier: MIT
// File: resolve.cpp
// Overlap policy per layer (names, descriptors), short forms, descriptors by date, unknown names.
#include "nercore/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <iterator>
#include <unordered_map>

#include "detail/hash_slots.hpp"
#include "detail/stages.hpp"
#include "detail/token_trie.hpp"
#include "nercore/text.hpp"

namespace nercore {
namespace {

// Number of code points of valid UTF-8: the bytes that do not continue a sequence.
std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

// A mention's rule: where its alias was defined ("gazetteer:file:line" or "role:file:line").
std::string alias_rule(const AliasInfo& a) {
  std::string_view kind = a.office.empty() ? "gazetteer:" : "role:";
  char line[16];
  std::size_t line_size = 0;
  if (a.line > 0) {
    line[0] = ':';
    line_size = static_cast<std::size_t>(std::to_chars(line + 1, line + sizeof line, a.line).ptr - line);
  }
  std::string rule;
  rule.reserve(kind.size() + a.source.size() + line_size);
  rule.append(kind).append(a.source).append(line, line_size);
  return rule;  // not `return rule.append(...)`: that copies (an allocation more per mention)
}

struct Accepted {
  Mention mention;
  std::uint32_t gaz_entity = 0xFFFFFFFFu;  // gazetteer entity index, if known
};

// What keeps a candidate of a layer from being taken before its own tests.
enum class Blocked {
  no,
  overlap,  // it overlaps the span of a candidate taken before it
  longer,   // a longer candidate starting at the same token was taken
};

// Leftmost-longest over the gazetteer candidates of one kind (`matches` are by first token,
// longest first): calls take(k, blocked) for each in order; when take returns true, candidate k
// covers its span and blocks the later ones that overlap it or start where it starts.
template <typename Take>
void leftmost_longest(const std::vector<GazetteerMatch>& matches, const std::vector<AliasInfo>& aliases,
                      MentionKind kind, Take&& take) {
  std::uint32_t covered_end = 0;  // byte offset
  for (std::size_t i = 0; i < matches.size();) {
    const std::uint32_t first = matches[i].first;
    std::size_t j = i;
    while (j < matches.size() && matches[j].first == first) ++j;
    const bool free = matches[i].span.begin >= covered_end;
    bool taken = false;
    for (std::size_t k = i; k < j; ++k) {
      if (aliases[matches[k].alias].kind != kind) continue;
      if (take(k, !free ? Blocked::overlap : taken ? Blocked::longer : Blocked::no)) {
        covered_end = matches[k].span.end;
        taken = true;
      }
    }
    i = j;
  }
}

// `list` is sorted by span and its spans do not overlap: a binary search. O(log n).
bool overlaps_any(const std::vector<Accepted>& list, Span s) {
  auto it = std::lower_bound(list.begin(), list.end(), s.begin,
                             [](const Accepted& a, std::uint32_t b) { return a.mention.span.end <= b; });
  return it != list.end() && it->mention.span.overlaps(s);
}

// Two or three capitalized words between a comma and a comma (or a stop word: « a », « est »,
// « qui ») right after a PERSON head of descriptors.tsv and its complement, with no other comma
// between: « le ministre de la Défense, Ioury Kovalenko, », « son porte-parole, Dmitri Peskov, a
// dit ». Hyphenated parts (« Iounous-Bek ») and particles (« Mohammed ben Salmane ») are allowed.
// Spans for which `taken(span)` is true (a name is there already) are left out before the title is
// looked for.
template <typename Taken>
std::vector<Span> titled_appositions(const Segmentation& seg, const Gazetteer& gz, const DescriptorLexicon& lex,
                                     Taken&& taken) {
  std::vector<Span> out;
  const auto& toks = seg.tokens;
  const auto n = static_cast<std::uint32_t>(toks.size());
  auto is_comma = [&](std::uint32_t k) { return !toks[k].is_word() && !toks[k].is_joiner() && seg.norm(k) == ","; };
  auto next_word = [&](std::uint32_t t) {
    while (t < n && toks[t].is_joiner()) ++t;
    return t;
  };
  // the words of a head at token k
  auto head_at = [&](const DescriptorHead& head, std::uint32_t k) {
    for (std::size_t w = 0; w < head.words.size(); ++w, ++k) {
      k = next_word(k);
      if (k >= n || !toks[k].is_word() || seg.norm(k) != head.words[w]) return false;
    }
    return true;
  };
  for (std::uint32_t c = 0; c + 2 < n; ++c) {
    if (!is_comma(c)) continue;
    const auto sentence = toks[c].sentence;
    std::uint32_t e = c + 1, words = 0;
    while (e < n && toks[e].sentence == sentence && words <= 3) {
      std::uint32_t k = e;
      if (words > 0 && toks[k].is_word() && !toks[k].is_capitalized() && gz.is_particle(seg.norm(k)) &&
          k + 1 < n && toks[k + 1].is_word() && toks[k + 1].is_capitalized())
        ++k;
      if (!toks[k].is_word() || !toks[k].is_capitalized() || toks[k].is_all_caps() || toks[k].sentence != sentence)
        break;
      e = k + 1;
      while (e + 1 < n && toks[e].is_joiner() && seg.norm(e) == "-" && toks[e + 1].is_word() && toks[e + 1].is_capitalized())
        e += 2;
      ++words;
    }
    if (words < 2 || words > 3 || e >= n || toks[e].sentence != sentence) continue;
    const bool closed = is_comma(e) || (toks[e].is_word() && !toks[e].is_capitalized() &&
                                        lex.is_stop(seg.norm(e), detail::token_hash(seg, e)));
    if (!closed) continue;
    const Span span{toks[c + 1].span.begin, toks[e - 1].span.end};
    if (taken(span)) continue;
    bool titled = false;
    std::uint32_t back = 0;
    for (std::int64_t k = static_cast<std::int64_t>(c) - 1; k >= 0 && back < 8 && !titled; --k) {
      const auto kk = static_cast<std::uint32_t>(k);
      if (toks[kk].sentence != sentence) break;
      if (!toks[kk].is_word()) {
        if (toks[kk].is_joiner()) continue;
        break;  // another comma, a parenthesis: no title of this name
      }
      ++back;
      for (const std::uint32_t h : lex.starting_with(seg.norm(kk), detail::token_hash(seg, kk))) {
        const DescriptorHead& head = lex.heads()[h];
        if (head.type == EntityType::person && head_at(head, kk)) { titled = true; break; }
      }
    }
    if (!titled) continue;
    out.push_back(span);
    c = e - 1;
  }
  return out;
}

// Descriptions of descriptors.tsv, resolved by apposition, complement, adjective, anaphora or
// office (see that file). Appends to `descriptors`; O(tokens × heads per first word).
void contextual_descriptors(std::string_view text, const Segmentation& seg, const Gazetteer& gz,
                            const std::vector<GazetteerMatch>& demonyms,
                            const ResolveOptions& options, const std::string& date,
                            const std::vector<Accepted>& names, std::vector<Accepted>& descriptors,
                            Document& doc) {
  const DescriptorLexicon& lex = options.descriptors;
  const auto& ents = gz.entities();
  const auto& toks = seg.tokens;
  const auto n = static_cast<std::uint32_t>(toks.size());
  // Name mentions by first token.
  struct Name { std::uint32_t first, last; const Accepted* a; };
  // The names do not overlap: in order of their first bytes, their tokens are found by a cursor.
  std::vector<Name> by_token;
  by_token.reserve(names.size());
  for (const auto& a : names) by_token.push_back({0, 0, &a});
  std::sort(by_token.begin(), by_token.end(), [](const Name& x, const Name& y) {
    return x.a->mention.span.begin < y.a->mention.span.begin;
  });
  for (std::uint32_t first = 0; auto& nm : by_token) {
    const Span span = nm.a->mention.span;
    while (first < n && toks[first].span.begin < span.begin) ++first;
    std::uint32_t last = first;
    while (last < n && toks[last].span.begin < span.end) ++last;
    nm.first = first;
    nm.last = last;
  }
  auto name_at = [&](std::uint32_t t) -> const Name* {
    auto it = std::lower_bound(by_token.begin(), by_token.end(), t, [](const Name& x, std::uint32_t v) { return x.first < v; });
    return it != by_token.end() && it->first == t ? &*it : nullptr;
  };
  // By (last, first), so that a name ending at a token is a binary search, not a scan of them all.
  std::vector<const Name*> by_last;
  by_last.reserve(by_token.size());
  for (const auto& nm : by_token) by_last.push_back(&nm);
  std::sort(by_last.begin(), by_last.end(), [](const Name* x, const Name* y) {
    return x->last != y->last ? x->last < y->last : x->first < y->first;
  });
  auto name_ending_at = [&](std::uint32_t t) -> const Name* {  // a name whose last token is t - 1
    auto it = std::lower_bound(by_last.begin(), by_last.end(), t,
                               [](const Name* x, std::uint32_t v) { return x->last < v; });
    return it != by_last.end() && (*it)->last == t ? *it : nullptr;
  };
  // Reverse iteration over the names that start at or before token t (later ones end after t).
  auto names_up_to = [&](std::uint32_t t) {
    return std::make_reverse_iterator(std::upper_bound(
        by_token.begin(), by_token.end(), t, [](std::uint32_t v, const Name& x) { return v < x.first; }));
  };
  std::vector<std::uint32_t> demonym(n + 1, 0xFFFFFFFFu);
  for (const auto& d : demonyms)
    for (std::uint32_t t = d.first; t < d.last; ++t) demonym[t] = d.alias;
  auto word = [&](std::uint32_t t) { return seg.norm(t); };
  auto next_word = [&](std::uint32_t t) {  // skip joiners
    while (t < n && toks[t].is_joiner()) ++t;
    return t;
  };
  auto prev_word = [&](std::uint32_t t) -> std::int64_t {
    std::int64_t k = static_cast<std::int64_t>(t) - 1;
    while (k >= 0 && toks[static_cast<std::size_t>(k)].is_joiner()) --k;
    return k;
  };
  auto is_de = [&](std::string_view w) { return w == "de" || w == "du" || w == "des" || w == "d"; };
  auto country_of = [&](const std::string& id) -> std::string {
    if (auto e = gz.find(id)) {
      if (ents[*e].type == EntityType::state) return id;
      return std::string(ents[*e].attribute("country"));
    }
    return {};
  };
  auto state_index = [&](const std::string& id) -> std::optional<std::uint32_t> {
    if (id.empty()) return std::nullopt;
    return gz.find(id);
  };

  std::vector<Accepted> found;
  std::uint32_t covered = 0;
  for (std::uint32_t h = 0; h < n; ++h) {
    if (h < covered || !toks[h].is_word()) continue;
    const auto& cands = lex.starting_with(word(h), detail::token_hash(seg, h));
    if (cands.empty()) continue;
    // a head that starts a name is that name's first word: « le Parti communiste chinois »
    if (name_at(h)) continue;
    for (std::uint32_t ci : cands) {
      const DescriptorHead& head = lex.heads()[ci];
      // the head's words
      std::uint32_t he = h, k = h;
      bool ok = true;
      for (std::size_t w = 0; w < head.words.size(); ++w) {
        k = next_word(k);
        if (k >= n || !toks[k].is_word() || toks[k].sentence != toks[h].sentence || word(k) != head.words[w]) { ok = false; break; }
        he = ++k;
      }
      if (!ok) continue;
      // what comes before: a determiner, or "NAME ,"
      std::int64_t p = prev_word(h);
      const Name* before_comma = nullptr;
      bool det = false;
      if (p >= 0 && toks[p].sentence == toks[h].sentence) {
        std::string_view pw = word(static_cast<std::uint32_t>(p));
        det = toks[p].is_word() && (pw == "le" || pw == "la" || pw == "l" || pw == "son" || pw == "sa" ||
                                     pw == "leur" || pw == "ce" || pw == "cet" || pw == "cette" || pw == "du" || pw == "au");
        std::int64_t comma = det ? prev_word(static_cast<std::uint32_t>(p)) : p;
        if (comma >= 0 && word(static_cast<std::uint32_t>(comma)) == ",")
          before_comma = name_ending_at(static_cast<std::uint32_t>(comma));
      }
      if (!det && !before_comma) continue;
      // the description runs over lower-case words, "de" + a name, up to a stop word
      std::uint32_t e = he, extra = 0;
      const Name* de_name = nullptr;     // "de X" right after the head
      const Name* inner_name = nullptr;  // a name directly after the head ("administration Trump")
      std::optional<std::uint32_t> adjective;
      if (const Name* nm = name_at(next_word(he)); nm && head.complement && nm->a->mention.type == EntityType::person)
        inner_name = nm;
      while (!inner_name && extra < 6) {
        std::uint32_t t = next_word(e);
        if (t >= n || !toks[t].is_word() || toks[t].sentence != toks[h].sentence || toks[t].is_capitalized()) break;
        std::string_view w = word(t);
        if (is_de(w)) {
          std::uint32_t u = next_word(t + 1);
          if (u < n && (word(u) == "la" || word(u) == "l")) u = next_word(u + 1);
          if (const Name* nm = name_at(u)) {  // "de la Corée du Nord": the name ends it
            de_name = nm;
            e = nm->last;
            break;
          }
          // "d'État", "de la défense": a common noun, capitalized or not, continues it
          if (u < n && toks[u].is_word() && !lex.is_stop(word(u), detail::token_hash(seg, u))) {
            e = u + 1;
            extra += 2;
            continue;
          }
          break;
        }
        if (lex.is_stop(w, detail::token_hash(seg, t))) break;
        if (demonym[t] != 0xFFFFFFFFu) adjective = demonym[t];
        e = t + 1;
        ++extra;
      }
      if (inner_name) e = inner_name->last;
      // resolve
      std::optional<std::uint32_t> entity;
      std::string how;
      if (!entity && !head.offices.empty() && de_name) {
        auto of = gz.find(de_name->a->mention.entity);
        for (const auto& office : head.offices)
          if (of && !entity) if (auto holder = gz.office_holder(*of, office, date)) { entity = holder; how = "office:" + office; }
      }
      if (!entity && head.complement && (inner_name || de_name)) {
        const Name* nm = inner_name ? inner_name : de_name;
        if (nm->a->mention.type == EntityType::person)
          if (auto st = state_index(country_of(nm->a->mention.entity))) { entity = st; how = "complement"; }
      }
      // a full title, not a bare one-word title ("le président Vladimir Poutine")
      if (!entity && head.apposition && (e > he || head.words.size() > 1)) {
        std::uint32_t t = next_word(e);
        if (t < n && word(t) == ",") t = next_word(t + 1);
        if (const Name* nm = name_at(t); nm && nm->a->mention.type == head.type)
          if (auto idx = gz.find(nm->a->mention.entity)) { entity = idx; how = "apposition"; }
        if (!entity && before_comma && before_comma->a->mention.type == head.type)
          if (auto idx = gz.find(before_comma->a->mention.entity)) { entity = idx; how = "apposition"; }
      }
      // « le ministre chinois des Affaires étrangères a reçu son homologue russe »: the holder, in the
      // adjective's state, of an office that the person named last (this sentence or the one
      // before) holds in another
      if (!entity && head.counterpart && adjective && head.type == EntityType::person) {
        const Accepted* last_person = nullptr;
        for (const auto* layer : {&names, static_cast<const std::vector<Accepted>*>(&descriptors)})
          for (const auto& a : *layer)
            if (a.mention.type == EntityType::person && a.mention.span.end <= toks[h].span.begin &&
                (!last_person || a.mention.span.begin > last_person->mention.span.begin))
              last_person = &a;
        if (last_person && last_person->gaz_entity != 0xFFFFFFFFu) {
          const std::uint32_t at = detail::token_at(seg, last_person->mention.span.begin);
          if (at < n && toks[h].sentence - toks[at].sentence <= 1)
            for (const auto& [of, office] : gz.offices_held(last_person->gaz_entity, date)) {
              if (of == *adjective) continue;
              if (auto holder = gz.office_holder(*adjective, office, date)) {
                entity = holder;
                how = "counterpart";
                break;
              }
            }
        }
      }
      if (!entity && head.adjective && adjective) {
        if (head.type == EntityType::state) { entity = adjective; how = "adjective"; }
        else {
          // the last one named, but one whose name holds the head noun before it (« le corps
          // expéditionnaire russe » after « l'Africa Corps, contrôlé par le ministère russe … »)
          const std::string_view st = ents[*adjective].id;
          for (auto it = names_up_to(h); it != by_token.rend(); ++it)
            if (it->last <= h && it->a->mention.type == head.type && country_of(it->a->mention.entity) == st)
              if (auto idx = gz.find(it->a->mention.entity)) {
                bool named_by_head = false;
                for (std::uint32_t t = it->first; t < it->last && !named_by_head; ++t)
                  named_by_head = word(t) == head.words.front();
                if (!entity || named_by_head) {
                  entity = idx;
                  how = "adjective";
                }
                if (named_by_head) break;
              }
        }
      }
      // "son pays", "leur pays": the country of the person named last
      const bool possessive = det && p >= 0 && (word(static_cast<std::uint32_t>(p)) == "son" ||
                                                word(static_cast<std::uint32_t>(p)) == "sa" ||
                                                word(static_cast<std::uint32_t>(p)) == "leur");
      if (!entity && head.anaphora && !adjective && possessive && head.type == EntityType::state) {
        for (auto it = names_up_to(h); it != by_token.rend(); ++it) {
          if (it->last > h || it->a->mention.type != EntityType::person) continue;
          if (toks[h].sentence - toks[it->first].sentence > 1) break;
          if (auto st = state_index(country_of(it->a->mention.entity))) { entity = st; how = "possessive"; }
          break;
        }
      }
      if (!entity && head.anaphora && !adjective) {
        // the last entity of the type named in this sentence or the one before; with a filter
        // (anaphora:kind=armed_group), the last one that has the attribute
        const bool filtered = !head.anaphora_key.empty();
        for (auto it = names_up_to(h); it != by_token.rend(); ++it) {
          if (it->last > h || it->a->mention.type != head.type) continue;
          if (toks[h].sentence - toks[it->first].sentence > 1) break;
          const auto idx = gz.find(it->a->mention.entity);
          if (filtered && (!idx || ents[*idx].attribute(head.anaphora_key) != head.anaphora_value)) continue;
          if (idx) { entity = idx; how = "anaphora"; }
          break;
        }
      }
      if (!entity) continue;
      Span span{toks[h].span.begin, toks[e - 1].span.end};
      if (overlaps_any(descriptors, span)) break;  // sorted, non-overlapping: O(log n)
      Mention m;
      m.span = span;
      m.text = std::string(text.substr(span.begin, span.size()));
      m.entity = ents[*entity].id;
      m.type = ents[*entity].type;
      m.kind = MentionKind::descriptor;
      m.rule = "descriptor:" + head.source + ":" + how;
      if (options.explain) doc.explanations.push_back({span, m.text, m.entity, m.rule, true, "descriptor by " + how});
      found.push_back({std::move(m), *entity});
      covered = e;
      break;
    }
  }
  descriptors.insert(descriptors.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
}

}  // namespace

void resolve(std::string_view text, const Segmentation& seg, const Gazetteer& gz,
             const std::vector<GazetteerMatch>& matches, const RegexRecognizer& rules,
             const std::vector<RuleMatch>& rule_matches, const ResolveOptions& options,
             Document& doc) {
  detail::resolve(text, seg, gz, matches, gz.match_demonyms(seg), rules, rule_matches, options, doc);
}

void detail::resolve(std::string_view text, const Segmentation& seg, const Gazetteer& gz,
                     const std::vector<GazetteerMatch>& matches, const std::vector<GazetteerMatch>& demonyms,
                     const RegexRecognizer& rules, const std::vector<RuleMatch>& rule_matches,
                     const ResolveOptions& options, Document& doc) {
  const std::string date = !doc.date.empty() ? doc.date : !options.date.empty() ? options.date : today();
  if (doc.date.empty()) doc.date = date;
  const auto& aliases = gz.aliases();
  const auto& ents = gz.entities();

  auto explain = [&](Span span, const AliasInfo& a, std::uint32_t entity, bool kept, std::string reason) {
    doc.explanations.push_back({span, std::string(text.substr(span.begin, span.size())), std::string(ents[entity].id),
                                alias_rule(a), kept,
                                std::move(reason)});
  };
  auto make = [&](Span span, const AliasInfo& a, std::uint32_t entity) {
    Mention m;
    m.span = span;
    m.text = std::string(text.substr(span.begin, span.size()));
    m.entity = ents[entity].id;
    m.type = ents[entity].type;
    m.kind = a.kind;
    m.rule = alias_rule(a);
    if (a.metonym) m.stands_for = ents[entity].id;
    if (auto seat = ents[entity].attribute("seat_of"); !seat.empty()) m.stands_for = std::string(seat);
    return m;
  };

  // ---- Name layer: gazetteer candidates, leftmost-longest, short forms only once introduced.
  std::vector<Accepted> names;
  names.reserve(matches.size() + rule_matches.size());  // a Mention is large: no regrowth
  detail::IndexSet seen;  // entities with a full name taken
  seen.reserve(64);       // those a news article names, without regrowth
  leftmost_longest(matches, aliases, MentionKind::name, [&](std::size_t k, Blocked blocked) {
    const AliasInfo& a = aliases[matches[k].alias];
    const char* reason = nullptr;
    if (blocked == Blocked::overlap) reason = "overlaps the longer or earlier name before it";
    else if (blocked == Blocked::longer) reason = "a longer name starts at the same place";
    else if (a.short_form && !seen.contains(a.entity)) reason = "short form before any full name of its entity";
    if (options.explain)
      explain(matches[k].span, a, a.entity, reason == nullptr, reason ? reason : "leftmost longest name");
    if (reason) return false;
    names.push_back({make(matches[k].span, a, a.entity), a.entity});
    seen.insert(a.entity);
    return true;
  });

  // ---- Rule candidates where the gazetteer found nothing: unknown names.
  // Short forms of unknown people: folded last word -> entity id (the first id given for a word),
  // looked up by the hash the Segmenter stored for each token.
  struct ShortForm {
    std::string word, id;
  };
  std::vector<ShortForm> short_forms;
  detail::HashSlots short_form_index;
  auto short_form = [&](std::string_view word, std::uint32_t hash) -> const std::string* {
    const std::uint32_t i = short_form_index.find(hash, [&](std::uint32_t k) { return short_forms[k].word == word; });
    return i == detail::HashSlots::kNone ? nullptr : &short_forms[i].id;
  };
  auto add_short_form = [&](std::string word, const std::string& id) {
    // as for gazetteer names: a word of one or two letters is no short form (an initial, "John C."
    // Reilly, would otherwise make every "C’est" a mention of him)
    if (code_points(word) < 3) return;
    const std::uint32_t hash = detail::hash_word(word);
    // nor a word of the stop row of descriptors.tsv ("Les", "Des"), whatever took it into a name
    if (options.descriptors.is_stop(word, hash)) return;
    if (short_form(word, hash)) return;
    short_form_index.insert(hash, static_cast<std::uint32_t>(short_forms.size()));
    short_forms.push_back({std::move(word), id});
  };
  std::unordered_map<std::string, EntityType> unknown_types;
  {
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
    found.reserve(sorted.size());
    for (const auto& rm : sorted) {
      const RuleInfo& info = infos[rm.rule];
      if (info.kind != MentionKind::name) continue;
      if (overlaps_any(names, rm.span) || overlaps_any(found, rm.span)) {
        if (options.explain)
          doc.explanations.push_back({rm.span, std::string(text.substr(rm.span.begin, rm.span.size())), "",
                                      "rule:" + info.id, false,
                                      overlaps_any(names, rm.span) ? "overlaps a gazetteer name (gazetteer names win)"
                                                                   : "overlaps an earlier or higher-priority rule match"});
        continue;
      }
      Mention m;
      m.span = rm.span;
      m.text = std::string(text.substr(rm.span.begin, rm.span.size()));
      m.type = info.type;
      m.kind = MentionKind::name;
      m.rule = "rule:" + info.id;
      // A later bare surname of an unknown person refers to the full name seen first.
      std::string id = slug(m.text);
      auto words = fold(m.text);
      if (const std::string* sf = short_form(words, detail::hash_word(words)); sf && info.type == EntityType::person)
        id = *sf;
      if (gz.find(id)) id += "_" + std::string(fold(to_string(info.type)));
      if (auto t = unknown_types.find(id); t != unknown_types.end() && t->second != info.type)
        id += "_" + std::string(fold(to_string(info.type)));
      unknown_types.try_emplace(id, info.type);  // no node allocated when the id is there
      m.entity = std::move(id);
      if (info.type == EntityType::person) {
        std::string_view name = m.text;
        auto sp = name.find_last_of(' ');
        if (sp != std::string_view::npos) add_short_form(fold(name.substr(sp + 1)), m.entity);
      }
      if (options.explain)
        doc.explanations.push_back({m.span, m.text, m.entity, m.rule, true, "rule match, no gazetteer name here"});
      found.push_back({std::move(m)});
    }
    // A known given name followed by capitalized words: "Olena Kovalenko", "Jean-Yves Le Drian".
    {
      std::vector<Accepted> extra;
      const auto& toks = seg.tokens;
      for (std::uint32_t t = 0; t < toks.size(); ++t) {
        if (!toks[t].is_word() || !toks[t].is_capitalized() || toks[t].is_all_caps()) continue;
        // the given name, possibly hyphenated ("Jean-Yves")
        std::string_view given = seg.norm(t);
        std::string compound;
        std::uint32_t g_end = t + 1;
        if (g_end + 1 < toks.size() && toks[g_end].is_joiner() && seg.norm(g_end) == "-" &&
            toks[g_end + 1].is_capitalized()) {
          compound = fmt::format("{}-{}", given, seg.norm(g_end + 1));
          if (gz.is_first_name(compound)) {
            given = compound;
            g_end += 2;
          }
        }
        const bool known = g_end == t + 1 ? gz.is_first_name(given, detail::token_hash(seg, t))
                                          : gz.is_first_name(given);
        if (!known) continue;
        // one to three capitalized words after it, a particle allowed right after the given name
        // (« Philippe de Villiers », « Mohammed ben Salmane »); after a surname, « de », « du »
        // and the like name a party, a team or a town: « Fabien Roussel du PCF »
        std::uint32_t e = g_end, words = 0;
        while (e < toks.size() && toks[e].sentence == toks[t].sentence && words < 3) {
          std::uint32_t k = e;
          if (words == 0 && toks[k].is_word() && !toks[k].is_capitalized() && gz.is_particle(seg.norm(k)) &&
              k + 1 < toks.size() && toks[k + 1].is_word() && toks[k + 1].is_capitalized())
            ++k;
          else if (toks[k].is_joiner() && k + 1 < toks.size() && toks[k + 1].is_word() && toks[k + 1].is_capitalized() && words > 0)
            ++k;
          else if (words > 0 && detail::after_initial(seg, e - 1) == k + 1 && toks[k + 1].is_capitalized())
            ++k;  // past a middle initial, as the gazetteer's walk: "John C. Reilly", "George W. Bush"
          if (!toks[k].is_word() || !toks[k].is_capitalized() || toks[k].sentence != toks[t].sentence) break;
          // an elided word (« C’est », « L’acteur ») is no part of a name; « D’Alema » is
          if (k + 2 < toks.size() && toks[k + 1].is_joiner() && seg.norm(k + 1) != "-" && toks[k + 2].is_word() &&
              !toks[k + 2].is_capitalized())
            break;
          // a function word in capitals ends the name (« Pascal Les accusations », a headline without
          // punctuation) unless a capitalized word follows: « Marine Le Pen », « Bruno Le Maire »
          if (options.descriptors.is_stop(seg.norm(k), detail::token_hash(seg, k)) &&
              !(k + 1 < toks.size() && toks[k + 1].is_word() && toks[k + 1].is_capitalized() &&
                toks[k + 1].sentence == toks[t].sentence))
            break;
          e = k + 1;
          ++words;
        }
        if (words == 0) continue;
        Span span{toks[t].span.begin, toks[e - 1].span.end};
        if (overlaps_any(names, span) || overlaps_any(found, span)) { t = e - 1; continue; }
        Mention m;
        m.span = span;
        m.text = std::string(text.substr(span.begin, span.size()));
        m.type = EntityType::person;
        m.rule = fmt::format("firstname:{}", given);
        m.entity = slug(m.text);
        if (gz.find(m.entity)) m.entity += "_person";
        std::string_view name = m.text;
        if (auto sp = name.find_last_of(' '); sp != std::string_view::npos) add_short_form(fold(name.substr(sp + 1)), m.entity);
        if (options.explain) doc.explanations.push_back({span, m.text, m.entity, m.rule, true, "known given name before capitalized words"});
        extra.push_back({std::move(m)});
        t = e - 1;
      }
      found.insert(found.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
      std::sort(found.begin(), found.end(), [](const Accepted& a, const Accepted& b) { return a.mention.span.begin < b.mention.span.begin; });
    }
    // A person named in apposition to a title: « le ministre de la Défense, Ioury Kovalenko, a
    // déclaré », « le vice-ministre, Iounous-Bek Evkourov, est arrivé ».
    if (!options.descriptors.heads().empty()) {
      std::vector<Accepted> extra;
      auto taken = [&](Span span) { return overlaps_any(names, span) || overlaps_any(found, span); };
      for (const Span span : titled_appositions(seg, gz, options.descriptors, taken)) {
        Mention m;
        m.span = span;
        m.text = std::string(text.substr(span.begin, span.size()));
        m.type = EntityType::person;
        m.rule = "apposition";
        std::string id = slug(m.text);
        auto words = fold(m.text);
        if (const std::string* sf = short_form(words, detail::hash_word(words))) id = *sf;
        if (gz.find(id)) id += "_person";
        m.entity = std::move(id);
        std::string_view name = m.text;
        if (auto sp = name.find_last_of(' '); sp != std::string_view::npos) add_short_form(fold(name.substr(sp + 1)), m.entity);
        if (options.explain) doc.explanations.push_back({span, m.text, m.entity, m.rule, true, "capitalized words in apposition to a title"});
        extra.push_back({std::move(m)});
      }
      if (!extra.empty()) {
        found.insert(found.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
        std::sort(found.begin(), found.end(), [](const Accepted& a, const Accepted& b) { return a.mention.span.begin < b.mention.span.begin; });
      }
    }
    // Bare surnames of unknown people, after their full name.
    if (!short_forms.empty()) {
      // entity -> its first mention in `found` (in text order), by the ids' hashes
      detail::HashSlots first_of;
      first_of.reserve(found.size());
      for (std::uint32_t i = 0; i < found.size(); ++i) {
        const std::string& id = found[i].mention.entity;
        first_of.find_or_insert(detail::hash_word(id), [&](std::uint32_t j) { return found[j].mention.entity == id; }, i);
      }
      std::vector<Accepted> extra;
      for (std::uint32_t k = 0; k < seg.tokens.size(); ++k) {
        const Token& t = seg.tokens[k];
        if (!t.is_word() || !t.is_capitalized()) continue;
        const std::string* sf = short_form(seg.norm(t), detail::token_hash(seg, k));
        if (!sf) continue;
        if (overlaps_any(names, t.span) || overlaps_any(found, t.span)) continue;
        const std::uint32_t first = first_of.find(detail::hash_word(*sf), [&](std::uint32_t j) { return found[j].mention.entity == *sf; });
        if (first == detail::HashSlots::kNone || found[first].mention.span.end > t.span.begin) continue;
        Mention m;
        m.span = t.span;
        m.text = std::string(text.substr(t.span.begin, t.span.size()));
        m.type = EntityType::person;
        m.entity = *sf;
        m.rule = "short-form";
        extra.push_back({std::move(m)});
      }
      found.insert(found.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    }
    names.insert(names.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }

  // ---- Descriptor layer: leftmost-longest among descriptor aliases; offices by date.
  std::vector<Accepted> descriptors;
  // « le Premier ministre hongrois Viktor Orbán », « le président russe, Vladimir Poutine »: the
  // person named right after a description of a person (spaces, at most one comma between) is
  // whom it describes, whatever the office holders of the date are
  auto person_named_after = [&](std::uint32_t end) -> const Accepted* {
    for (const auto& nm : names) {
      if (nm.mention.type != EntityType::person || nm.mention.span.begin < end || nm.mention.span.begin > end + 8) continue;
      bool comma = false, ok = true;
      for (std::uint32_t b = end; b < nm.mention.span.begin && ok;) {
        const auto c = static_cast<unsigned char>(text[b]);
        if (c == ' ') ++b;
        else if (c == ',' && !comma) { comma = true; ++b; }
        else if (text.substr(b, 2) == "\xC2\xA0") b += 2;
        else ok = false;
      }
      if (ok) return &nm;
    }
    return nullptr;
  };
  leftmost_longest(matches, aliases, MentionKind::descriptor, [&](std::size_t k, Blocked blocked) {
    const AliasInfo& a = aliases[matches[k].alias];
    std::uint32_t entity = a.entity;
    std::string reason;
    const bool of_person = !a.office.empty() || ents[a.entity].type == EntityType::person;
    const Accepted* named = blocked == Blocked::no && of_person ? person_named_after(matches[k].span.end) : nullptr;
    if (named) {
      Mention m = make(matches[k].span, a, named->gaz_entity == 0xFFFFFFFFu ? a.entity : named->gaz_entity);
      m.entity = named->mention.entity;
      m.type = EntityType::person;
      m.stands_for.clear();
      if (options.explain)
        doc.explanations.push_back({m.span, m.text, m.entity, m.rule, true,
                                    fmt::format("describes '{}', named right after it", named->mention.text)});
      descriptors.push_back({std::move(m), named->gaz_entity});
      return true;
    }
    if (blocked == Blocked::overlap) reason = "overlaps an earlier descriptor";
    else if (blocked == Blocked::longer) reason = "a longer descriptor starts at the same place";
    else if (!a.office.empty()) {
      auto holder = gz.office_holder(a.entity, a.office, date);
      if (!holder) reason = fmt::format("no holder of {} of {} on {}", a.office, ents[a.entity].id, date);
      else entity = *holder;
    }
    if (options.explain)
      explain(matches[k].span, a, entity, reason.empty(),
              reason.empty() ? (a.office.empty() ? std::string("descriptor") : fmt::format("{} of {} on {}", a.office, ents[a.entity].id, date)) : reason);
    if (!reason.empty()) return false;
    descriptors.push_back({make(matches[k].span, a, entity), entity});
    return true;
  });

  // ---- Contextual descriptors (descriptors.tsv) where no role descriptor is.
  if (!options.descriptors.heads().empty())
    contextual_descriptors(text, seg, gz, demonyms, options, date, names, descriptors, doc);

  // ---- Assemble mentions (sorted) and entities (in order of first mention).
  doc.mentions.clear();
  doc.entities.clear();
  // Both layers in one order (the mentions are sorted by pointer, not moved, until placed).
  std::vector<Accepted*> all;
  all.reserve(names.size() + descriptors.size());
  for (auto& a : names) all.push_back(&a);
  for (auto& a : descriptors) all.push_back(&a);
  std::stable_sort(all.begin(), all.end(), [](const Accepted* a, const Accepted* b) {
    if (a->mention.span.begin != b->mention.span.begin) return a->mention.span.begin < b->mention.span.begin;
    return a->mention.span.end > b->mention.span.end;
  });
  doc.mentions.reserve(all.size());
  doc.entities.reserve(all.size());
  // entity id -> index in doc.entities, by the ids' hashes
  detail::HashSlots entity_index;
  entity_index.reserve(all.size());
  // each mention's entity, so that each entity's list of mentions is allocated once, at its size
  std::vector<std::uint32_t> entity_of;
  entity_of.reserve(all.size());
  for (Accepted* acc : all) {
    Mention& m = acc->mention;
    const std::uint32_t g = acc->gaz_entity;
    const std::uint32_t hash = detail::hash_word(m.entity);
    std::uint32_t index = entity_index.find(hash, [&](std::uint32_t e) { return doc.entities[e].id == m.entity; });
    if (index == detail::HashSlots::kNone) {
      Entity e;
      e.id = m.entity;
      e.type = m.type;
      if (g != 0xFFFFFFFFu) {
        e.name = ents[g].name;
        e.known = true;
        e.attributes.assign(ents[g].attributes.begin(), ents[g].attributes.end());
      } else {
        e.name = m.text;
      }
      index = static_cast<std::uint32_t>(doc.entities.size());
      doc.entities.push_back(std::move(e));
      entity_index.insert(hash, index);
    }
    entity_of.push_back(index);
    doc.mentions.push_back(std::move(m));
  }
  std::vector<std::uint32_t> count(doc.entities.size(), 0);
  for (const std::uint32_t e : entity_of) ++count[e];
  for (std::size_t e = 0; e < doc.entities.size(); ++e) doc.entities[e].mentions.reserve(count[e]);
  for (std::size_t k = 0; k < entity_of.size(); ++k) doc.entities[entity_of[k]].mentions.push_back(k);
}

}  // namespace nercore
