// SPDX-License-Identifier: MIT
// File: relation.cpp
// Trigger lexicon loading and the relation builder: triggers, arguments by position and
// preposition, passive and nominalizations, coordination, pronouns, modality, dedup, CO_OCCURS.
#include "nercore/relation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "detail/hash_slots.hpp"
#include "detail/stages.hpp"
#include "detail/token_trie.hpp"
#include "detail/tsv.hpp"
#include "nercore/text.hpp"

namespace nercore {

using Words = std::vector<std::string>;

// grammar.tsv classes, in the order of kGrammarClasses: G::x is the bit number of class "x".
namespace G {
enum : std::uint32_t {
  determiner, preposition, subject_pronoun_person, subject_pronoun_any, passive_aux,
  agent, coordination, between, report_source, actor_noun, clause_break, auxiliary,
  title, possessive, relative_object, recipient_verb, clause_start, demonstrative, adjunct, reflexive,
  relative, participle, place_noun, interjected, pair_person, pair_group, member_intro, purpose, numeral, count
};
}  // namespace G
using GrammarClass = std::uint32_t;

namespace {

const char* const kGrammarClasses[] = {
    "determiner", "preposition", "subject_pronoun_person", "subject_pronoun_any", "passive_aux",
    "agent", "coordination", "between", "report_source", "actor_noun", "clause_break", "auxiliary",
    "title", "possessive", "relative_object", "recipient_verb", "clause_start", "demonstrative", "adjunct", "reflexive",
    "relative", "participle", "place_noun", "interjected", "pair_person", "pair_group", "member_intro", "purpose", "numeral"};
static_assert(std::size(kGrammarClasses) == G::count, "one name per grammar class");
static_assert(G::count <= 32, "the classes of a word are one 32-bit mask");

}  // namespace

struct TriggerLexicon::Impl {
  std::vector<TriggerEntry> entries;
  std::vector<ModalityCue> cues;
  std::vector<std::vector<Words>> entry_targets;   // folded prepositions per entry; {} = direct
  std::vector<std::vector<Words>> entry_targets_not_de;  // the same without "de" and "d"
  std::vector<bool> entry_direct;                  // "_" in targets
  // One trie for the trigger forms, the modality cues and the grammar words, so that each token
  // is looked up once: its nodes carry trigger entries, cues, or neither.
  detail::TokenTrie words;
  std::vector<std::vector<std::uint32_t>> node_entries;
  std::vector<std::vector<std::uint32_t>> node_cues;
  std::vector<std::uint8_t> node_hit;  // 1 where node_entries or node_cues is not empty
  std::vector<Words> report_sources;  // multi-word "aux dires de"

  // The same as one bit set per word (bit G::x for class x), by word id of `words`.
  std::vector<std::uint32_t> grammar_bits;

  std::uint32_t classes_of_id(std::uint32_t id) const {
    return id < grammar_bits.size() ? grammar_bits[id] : 0;  // kNone included
  }
};


TriggerLexicon::TriggerLexicon() : impl_(std::make_shared<Impl>()) {
  auto* im = const_cast<Impl*>(impl_.get());
  im->node_entries.resize(1);
  im->node_cues.resize(1);
  im->node_hit.resize(1);
}

const std::vector<TriggerEntry>& TriggerLexicon::entries() const noexcept { return impl_->entries; }
const std::vector<ModalityCue>& TriggerLexicon::cues() const noexcept { return impl_->cues; }

std::vector<std::string> TriggerLexicon::verb_words() const {
  const Impl& im = *impl_;
  std::set<std::string> out;
  auto add = [&](std::string_view phrase) {
    auto words = detail::folded_words(phrase);
    if (words.size() != 1) return;
    const std::uint32_t id = im.words.word_id(words[0]);
    if (!(im.classes_of_id(id) >> G::actor_noun & 1u)) out.insert(std::move(words[0]));
  };
  for (const TriggerEntry& e : im.entries)
    if (!e.noun)
      for (const auto& f : e.forms) add(f);
  for (const ModalityCue& c : im.cues) add(c.cue);
  return {out.begin(), out.end()};
}

Result<TriggerLexicon> TriggerLexicon::from_directory(const std::filesystem::path& dir) {
  std::string texts[3];
  const char* names[3] = {"relations.tsv", "modality.tsv", "grammar.tsv"};
  for (int i = 0; i < 3; ++i) {
    auto t = detail::read_file(dir / names[i]);
    if (!t) return t.error();
    texts[i] = std::move(*t);
  }
  return from_text(texts[0], texts[1], texts[2], dir.string());
}

Result<TriggerLexicon> TriggerLexicon::from_text(std::string_view relations,
                                                 std::string_view modality,
                                                 std::string_view grammar,
                                                 std::string_view dir) {
  auto impl = std::make_shared<Impl>();
  const std::string rel_src = fmt::format("{}/relations.tsv", dir);
  const std::string mod_src = fmt::format("{}/modality.tsv", dir);
  const std::string gram_src = fmt::format("{}/grammar.tsv", dir);
  std::unordered_map<std::string, std::string> ids;
  auto st = detail::for_each_row(relations, rel_src, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() != 7)
      return detail::make_error(ErrorCode::parse, fmt::format("expected 7 columns (id, type, cameo, goldstein, forms, target, flags), found {}", f.size()), rel_src, line);
    TriggerEntry e;
    e.id = std::string(f[0]);
    e.source = fmt::format("{}:{}", rel_src, line);
    if (auto [it, fresh] = ids.emplace(e.id, e.source); !fresh)
      return detail::make_error(ErrorCode::duplicate_id, fmt::format("duplicate trigger id '{}' (first at {})", e.id, it->second), rel_src, line);
    auto type = parse_relation_type(f[1]);
    if (!type || *type == RelationType::co_occurs)
      return detail::make_error(ErrorCode::unknown_type, fmt::format("unknown relation type '{}'", f[1]), rel_src, line);
    e.type = *type;
    e.cameo = std::string(f[2]);
    try {
      std::size_t used = 0;
      e.goldstein = std::stod(std::string(f[3]), &used);
      if (used != f[3].size() || e.goldstein < -10 || e.goldstein > 10) throw std::out_of_range("g");
    } catch (...) {
      return detail::make_error(ErrorCode::parse, fmt::format("goldstein '{}' is not a number in [-10, 10]", f[3]), rel_src, line);
    }
    for (auto form : detail::split_list(f[4], '|')) e.forms.emplace_back(form);
    if (e.forms.empty()) return detail::make_error(ErrorCode::parse, "no forms", rel_src, line);
    for (auto t : detail::split_list(f[5], '|')) e.targets.emplace_back(t);
    for (auto flag : detail::split_list(f[6], ',')) {
      if (flag == "noun") e.noun = true;
      else if (flag == "future") e.future = true;
      else if (flag == "reported") e.reported = true;
      else if (flag == "reverse") e.reverse = true;
      else if (flag == "symmetric") {}
      else if (flag == "adjacent") e.adjacent = true;
      else if (flag == "no_subject") e.no_subject = true;
      else return detail::make_error(ErrorCode::parse, fmt::format("unknown flag '{}' (noun, future, reported, reverse, symmetric, adjacent, no_subject)", flag), rel_src, line);
    }
    impl->entries.push_back(std::move(e));
    return Ok{};
  });
  if (!st) return st.error();
  st = detail::for_each_row(modality, mod_src, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() != 3)
      return detail::make_error(ErrorCode::parse, fmt::format("expected 3 columns (cue, modality, scope), found {}", f.size()), mod_src, line);
    ModalityCue c;
    c.cue = std::string(f[0]);
    c.source = fmt::format("{}:{}", mod_src, line);
    auto m = parse_modality(f[1]);
    if (!m)
      return detail::make_error(ErrorCode::unknown_type, fmt::format("unknown modality '{}' (reported, negated, future, asserted)", f[1]), mod_src, line);
    c.modality = *m;
    if (f[2] == "sentence") c.scope = ModalityCue::Scope::sentence;
    else if (f[2] == "before") c.scope = ModalityCue::Scope::before;
    else if (f[2] == "after") c.scope = ModalityCue::Scope::after;
    else return detail::make_error(ErrorCode::parse, fmt::format("unknown scope '{}' (sentence, before, after)", f[2]), mod_src, line);
    impl->cues.push_back(std::move(c));
    return Ok{};
  });
  if (!st) return st.error();
  // grammar.tsv classes, folded, while reading; kept as grammar_bits below
  std::map<std::string, std::unordered_set<std::string, detail::StringHash, std::equal_to<>>, std::less<>> classes;
  st = detail::for_each_row(grammar, gram_src, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() != 2)
      return detail::make_error(ErrorCode::parse, fmt::format("expected 2 columns (class, words), found {}", f.size()), gram_src, line);
    bool known = false;
    for (const char* c : kGrammarClasses) known |= f[0] == c;
    if (!known) return detail::make_error(ErrorCode::unknown_type, fmt::format("unknown grammar class '{}'", f[0]), gram_src, line);
    auto& set = classes[std::string(f[0])];
    for (auto w : detail::split_list(f[1], '|')) {
      auto words = detail::folded_words(w);
      if (words.size() == 1) set.insert(words[0]);
      else if (f[0] == "report_source" && !words.empty()) impl->report_sources.push_back(words);
      else if (!words.empty()) set.insert(words.back());
    }
    return Ok{};
  });
  if (!st) return st.error();
  for (GrammarClass c = 0; c < std::size(kGrammarClasses); ++c) {
    auto it = classes.find(std::string_view(kGrammarClasses[c]));
    if (it == classes.end()) continue;
    for (const auto& w : it->second) {
      impl->words.insert({w});
      const std::uint32_t id = impl->words.word_id(w);
      if (impl->grammar_bits.size() <= id) impl->grammar_bits.resize(id + 1, 0);
      impl->grammar_bits[id] |= 1u << c;
    }
  }
  for (auto w : classes["report_source"]) impl->report_sources.push_back({w});

  // Tries.
  impl->node_entries.resize(1);
  for (std::uint32_t e = 0; e < impl->entries.size(); ++e) {
    const auto& entry = impl->entries[e];
    std::vector<Words> targets;
    bool direct = false;
    for (const auto& t : entry.targets) {
      if (t == "_") direct = true;
      else if (auto w = detail::folded_words(t); !w.empty()) targets.push_back(std::move(w));
    }
    std::vector<Words> not_de;
    for (const auto& w : targets)
      if (!(w.size() == 1 && (w[0] == "de" || w[0] == "d"))) not_de.push_back(w);
    impl->entry_targets_not_de.push_back(std::move(not_de));
    impl->entry_targets.push_back(std::move(targets));
    impl->entry_direct.push_back(direct);
    for (const auto& form : entry.forms) {
      auto words = detail::folded_words(form);
      if (words.empty()) continue;
      auto node = impl->words.insert(words);
      if (impl->node_entries.size() <= node) impl->node_entries.resize(node + 1);
      auto& list = impl->node_entries[node];
      if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
    }
  }
  impl->node_cues.resize(1);
  for (std::uint32_t c = 0; c < impl->cues.size(); ++c) {
    auto words = detail::folded_words(impl->cues[c].cue);
    if (words.empty()) continue;
    auto node = impl->words.insert(words);
    if (impl->node_cues.size() <= node) impl->node_cues.resize(node + 1);
    impl->node_cues[node].push_back(c);
  }
  impl->node_entries.resize(impl->words.num_nodes());
  impl->node_cues.resize(impl->words.num_nodes());
  impl->node_hit.resize(impl->words.num_nodes());
  for (std::uint32_t node = 0; node < impl->words.num_nodes(); ++node)
    impl->node_hit[node] = !impl->node_entries[node].empty() || !impl->node_cues[node].empty();
  return TriggerLexicon(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// Relation builder

namespace {

// « de » and its forms: de, d', du, des.
bool is_de(std::string_view w) { return w == "de" || w == "d" || w == "du" || w == "des"; }

struct Actor {
  std::uint32_t first = 0, last = 0;  // tokens [first, last)
  std::string_view entity;          // the mention's or the gazetteer's id (both outlive the builder)
  EntityType type = EntityType::state;
  bool adjective = false;             // a demonym adjective after an actor noun
};

struct TriggerHit {
  std::uint32_t first = 0, last = 0;
  std::uint32_t entry = 0;
};

struct CueHit {
  std::uint32_t first = 0, last = 0;
  std::uint32_t cue = 0;
};

// The words that introduce an actor: up to four folded words (views of the Segmentation) in text
// order at the end of `words`, the preposition last, right before the actor; and the grammar.tsv
// classes of that preposition's token.
struct Prep {
  static constexpr std::uint32_t kMax = 4;
  std::array<std::string_view, kMax> words{};  // words[kMax - size, kMax)
  std::uint32_t size = 0;
  std::uint32_t last_classes = 0;
  bool empty() const noexcept { return size == 0; }
  std::string_view back() const noexcept { return words[kMax - 1]; }
  bool last_is(std::uint32_t cls) const noexcept { return (last_classes >> cls & 1u) != 0; }
  // Whether the words end with `want` ("aux côtés de" ends "... aux côtés de").
  bool ends_with(const Words& want) const {
    return want.size() <= size && std::equal(want.rbegin(), want.rend(), words.rbegin());
  }
};

class SentenceBuilder {
 public:
  SentenceBuilder(std::string_view text, const Segmentation& seg, const TriggerLexicon::Impl& lex,
                  const RelationOptions& opt, Document& doc)
      : text_(text), seg_(seg), lex_(lex), opt_(opt), doc_(doc) {}

  void run(const std::vector<std::uint32_t>& ids, const std::vector<Actor>& all_actors,
           const std::vector<TriggerHit>& triggers, const std::vector<CueHit>& cues) {
    std::size_t ai = 0, ti = 0, ci = 0;
    history_.clear();
    // Room, once per document, for what the sentences add: the history stays below 64 + one
    // sentence's actors (64 by default), the subjects at 4; a document has at most as many
    // entities as actors; one sentence's triggers and cues, and the pairs, rarely pass these.
    history_.reserve(128);
    subjects_.reserve(4);
    names_.reserve(all_actors.size());
    numbers_.reserve(all_actors.size());
    cooc_.reserve(2 * all_actors.size());
    cooc_index_.reserve(2 * all_actors.size());
    sentence_triggers_.reserve(16);
    sentence_cues_.reserve(16);
    last_meet_source_ = {};
    subjects_.clear();
    // Prefix counts of word tokens and of clause breaks, so that the distance tests below cost
    // O(1) rather than O(tokens between): a run-on sentence of 64 KB has ~10,000 tokens.
    const auto n = static_cast<std::uint32_t>(seg_.tokens.size());
    word_prefix_.assign(n + 1, 0);
    clause_prefix_.assign(n + 1, 0);
    classes_.assign(n, 0);
    for (std::uint32_t k = 0; k < n; ++k) classes_[k] = lex_.classes_of_id(ids[k]);
    for (std::uint32_t k = 0; k < n; ++k) {
      word_prefix_[k + 1] = word_prefix_[k] + (is_word(k) ? 1 : 0);
      clause_prefix_[k + 1] = clause_prefix_[k] + (is_word(k) && in(G::clause_break, k) ? 1 : 0);
    }
    for (std::uint32_t s = 0; s < seg_.sentences.size(); ++s) {
      const std::uint32_t t0 = seg_.sentence_first_token[s], t1 = seg_.sentence_first_token[s + 1];
      actors_.clear();
      while (ai < all_actors.size() && all_actors[ai].first < t1) {
        if (all_actors[ai].first >= t0) actors_.push_back(all_actors[ai]);
        ++ai;
      }
      if (actors_.size() > opt_.max_actors_per_sentence) {
        actors_.resize(opt_.max_actors_per_sentence);
        ++doc_.diagnostics.pair_cap_hits;
      }
      auto& trig = sentence_triggers_;
      trig.clear();
      while (ti < triggers.size() && triggers[ti].first < t1) {
        if (triggers[ti].first >= t0) trig.push_back(triggers[ti]);
        ++ti;
      }
      sentence_cues_.clear();
      while (ci < cues.size() && cues[ci].first < t1) {
        if (cues[ci].first >= t0) sentence_cues_.push_back(cues[ci]);
        ++ci;
      }
      prep_cache_.assign(actors_.size(), Prep{});
      prep_done_.assign(actors_.size(), 0);
      if (opt_.cooccurrence) cooccur();
      // (a sentence without an actor of its own may still speak of « les deux dirigeants »)
      if (!trig.empty() && (!actors_.empty() || !history_.empty())) relations(s, t0, t1, trig);
      for (const auto& a : actors_) history_.push_back(a);
      // the sentence's subject: its first actor that no preposition introduces, or what a subject
      // pronoun before it stands for ("Il loue M. Poutine": il, not Poutine)
      const Actor* first = nullptr;
      for (const auto& a : actors_)
        if (!a.adjective && !has_prep(a, t0)) { first = &a; break; }
      std::optional<Actor> subject;
      std::uint32_t words = 0;
      for (std::uint32_t k = t0; k < t1 && words < 4 && (!first || k < first->first); ++k) {
        if (!is_word(k)) continue;
        ++words;
        if (in(G::subject_pronoun_person, k) || in(G::subject_pronoun_any, k)) {
          subject = pronoun_subject(k + 1, t0);
          break;
        }
      }
      if (!subject && first) subject = *first;
      if (subject) {
        subjects_.push_back(*subject);
        if (subjects_.size() > 3) subjects_.erase(subjects_.begin());
      }
      if (history_.size() > 64) history_.erase(history_.begin(), history_.end() - 32);
    }
  }

  std::map<std::tuple<std::string_view, RelationType, std::string_view>, Relation>& found() { return found_; }

 private:
  std::string_view word(std::uint32_t t) const { return seg_.norm(t); }
  // True if token t is a word of grammar.tsv class `cls`.
  bool in(GrammarClass cls, std::uint32_t t) const { return (classes_[t] >> cls & 1u) != 0; }
  bool in(GrammarClass cls, std::int64_t t) const { return in(cls, static_cast<std::uint32_t>(t)); }
  // True if [a, b) holds only words and joiners (no comma, quote or other punctuation).
  bool only_words_between(std::uint32_t a, std::uint32_t b) const {
    for (std::uint32_t k = a; k < b; ++k)
      if (!is_word(k) && !seg_.tokens[k].is_joiner()) return false;
    return true;
  }
  // Number of word tokens in [a, b).
  std::uint32_t words_between(std::uint32_t a, std::uint32_t b) const {
    return a < b ? word_prefix_[b] - word_prefix_[a] : 0;
  }
  bool is_word(std::uint32_t t) const { return seg_.tokens[t].is_word(); }

  // Words before token `t` in the sentence (skipping joiners and punctuation? no: stop at it).
  // Returns the preposition (as folded words) that introduces an actor starting at `t`, after
  // skipping determiners; empty if the actor follows no preposition.
  // prep_before() of an actor's first token, computed once per actor and sentence: the argument
  // searches ask for it again and again.
  const Prep& prep_before(std::uint32_t t, std::uint32_t t0) const {
    auto it = std::lower_bound(actors_.begin(), actors_.end(), t,
                               [](const Actor& a, std::uint32_t v) { return a.first < v; });
    if (it != actors_.end() && it->first == t) {
      const auto i = static_cast<std::size_t>(it - actors_.begin());
      if (!prep_done_[i]) {
        prep_cache_[i] = compute_prep_before(t, t0);
        prep_done_[i] = 1;
      }
      return prep_cache_[i];
    }
    prep_scratch_ = compute_prep_before(t, t0);
    return prep_scratch_;
  }

  Prep compute_prep_before(std::uint32_t t, std::uint32_t t0) const {
    std::int64_t k = static_cast<std::int64_t>(t) - 1;
    auto prev_word = [&](std::int64_t& i) -> std::int64_t {
      while (i >= t0 && seg_.tokens[i].is_joiner()) --i;
      // the full stop of an abbreviated title is part of it: « s'est entretenu avec M. Pachinian »
      if (i > t0 && !seg_.tokens[i].is_word() && in(G::title, i - 1) && seg_.tokens[i - 1].is_word() &&
          word(static_cast<std::uint32_t>(i)) == ".")
        --i;
      if (i < t0 || !seg_.tokens[i].is_word()) return -1;
      return i;
    };
    std::int64_t i = prev_word(k);
    int skipped = 0;
    while (i >= 0 && skipped < 3 &&
           (in(G::determiner, static_cast<std::uint32_t>(i)) ||
            in(G::title, static_cast<std::uint32_t>(i)))) {
      --k;
      k = i - 1;
      i = prev_word(k);
      ++skipped;
    }
    if (i < 0) return {};
    std::string_view w = word(static_cast<std::uint32_t>(i));
    if (!in(G::preposition, i) && !in(G::between, i) && !in(G::coordination, i)) return {};
    // "où des soldats nord-coréens ont été impliqués", "Des troupes ...": at the start of a clause
    // "des" and "du" are articles, not prepositions
    if (w == "des" || w == "du") {
      std::int64_t j = i - 1;
      while (j >= t0 && seg_.tokens[j].is_joiner()) --j;
      if (j < t0) return {};
      const std::string_view b = word(static_cast<std::uint32_t>(j));
      if (is_word(static_cast<std::uint32_t>(j)) ? in(G::clause_start, j)
                                                 : (b == "," || b == ";" || b == ":" || b == "(" || b == "-" || b == "\u2013" || b == "\u2014"))
        return {};
    }
    // « sur le nord d'Israël », « contre des positions du Hezbollah »: after a noun of place or
    // of target, the actor stands for it and takes the preposition before it
    if (is_de(w)) {
      std::int64_t j = i - 1;
      if (const std::int64_t noun = prev_word(j); noun >= 0 && in(G::place_noun, static_cast<std::uint32_t>(noun))) {
        // the noun's own article « des » after a preposition: « contre des positions »
        std::int64_t a = noun - 1;
        const std::int64_t art = prev_word(a);
        const auto from = static_cast<std::uint32_t>(art >= 0 && word(static_cast<std::uint32_t>(art)) == "des" ? art : noun);
        if (Prep outer = compute_prep_before(from, t0); !outer.empty() && !outer.last_is(G::coordination)) {
          const std::string_view ow = outer.back();
          if (ow != "de" && ow != "d" && ow != "du" && ow != "des") return outer;
        }
      }
    }
    Prep out;
    out.words[Prep::kMax - 1] = w;
    out.size = 1;
    out.last_classes = classes_[static_cast<std::uint32_t>(i)];
    // two-word prepositions: "auprès de", "aux côtés de", "à l'encontre de"
    for (std::int64_t j = i - 1; out.size < Prep::kMax; ++out.size) {
      std::int64_t p = prev_word(j);
      if (p < 0) break;
      out.words[Prep::kMax - 1 - out.size] = word(static_cast<std::uint32_t>(p));
      j = p - 1;
    }
    return out;
  }

  bool introduced_by(const Actor& a, std::uint32_t t0, const std::vector<Words>& preps, bool direct) const {
    const Prep& p = prep_before(a.first, t0);
    if (p.empty()) return direct;
    if (p.last_is(G::coordination)) return false;
    for (const auto& want : preps)
      if (p.ends_with(want)) return true;
    return false;
  }

  bool has_prep(const Actor& a, std::uint32_t t0) const {
    const Prep& p = prep_before(a.first, t0);
    return !p.empty() && !p.last_is(G::coordination);
  }

  // Nearest actor before token `t` that is not a complement (no preposition before it).
  const Actor* subject_before(std::uint32_t t, std::uint32_t t0) const {
    const Actor* best = nullptr;
    for (const auto& a : actors_) {
      if (a.last > t) break;
      // a clause break between the actor and the trigger ends the search
      if (!has_prep(a, t0)) best = &a;
    }
    // "mais" etc. after the subject (a clause break in (best->last, t)): the subject of the later
    // clause is not it
    if (best && best->last + 1 < t && clause_prefix_[t] > clause_prefix_[best->last + 1])
      return nullptr;
    // "L'armée soudanaise, qui combat les FSR depuis 2023, accuse ...": an actor inside a relative
    // clause between commas is the clause's, not the subject of the verb after it
    if (best)
      if (std::int64_t open = relative_clause_open(*best, t, t0); open >= 0) {
        const Actor* outer = nullptr;
        for (const auto& a : actors_) {
          if (a.last > static_cast<std::uint32_t>(open)) break;
          if (!has_prep(a, t0)) outer = &a;
        }
        if (outer) return outer;
      }
    return best;
  }

  // The comma that opens a relative clause (", qui", ", dont": grammar class `relative`) around `a` and closes with
  // a comma before the verb at `t` (only words, at most four, after that comma); -1 if none.
  std::int64_t relative_clause_open(const Actor& a, std::uint32_t t, std::uint32_t t0) const {
    std::int64_t close = -1;
    std::uint32_t words = 0;
    for (std::uint32_t k = t; k > a.last && words <= 4; --k) {
      if (is_word(k - 1)) { ++words; continue; }
      if (word(k - 1) == ",") { close = k - 1; break; }
      if (!seg_.tokens[k - 1].is_joiner()) return -1;
    }
    if (close < 0) return -1;
    for (std::uint32_t k = a.first; k > t0; --k) {
      if (is_word(k - 1) || word(k - 1) != ",") continue;
      // the comma nearest before the actor: the relative pronoun must follow it
      std::uint32_t next = k;
      while (next < a.first && !is_word(next)) ++next;
      return next < a.first && in(G::relative, next) ? static_cast<std::int64_t>(k - 1) : -1;
    }
    return -1;
  }

  // True if token `k` is inside a relative clause between commas (", qui … ,") that closes before
  // `t`: « Le Hezbollah, qui a promis de riposter, a tiré … » (the promise is the clause's).
  bool in_closed_relative(std::uint32_t k, std::uint32_t t, std::uint32_t t0) const {
    bool closes = false;
    for (std::uint32_t j = k; j < t && !closes; ++j) closes = !is_word(j) && word(j) == ",";
    if (!closes) return false;
    for (std::uint32_t j = k; j > t0; --j) {
      if (is_word(j - 1) || word(j - 1) != ",") continue;
      std::uint32_t next = j;
      while (next < k && !is_word(next)) ++next;
      return next <= k && is_word(next) && in(G::relative, next);
    }
    return false;
  }

  // True if a possessive (grammar class `possessive`: « leurs ») stands in the three words before
  // `t` (« leurs plus vastes exercices conjoints »).
  bool possessive_before(std::uint32_t t, std::uint32_t t0) const {
    std::uint32_t words = 0;
    for (std::uint32_t k = t; k > t0 && words < 3; --k) {
      if (!is_word(k - 1)) {
        if (seg_.tokens[k - 1].is_joiner()) continue;
        return false;
      }
      ++words;
      if (in(G::possessive, k - 1)) return true;
    }
    return false;
  }

  // True if a noun trigger whose « de » introduces its target (« invasion de », « sanctions de »)
  // starts in [a, b).
  bool patient_noun_between(const std::vector<TriggerHit>& trig, std::uint32_t a, std::uint32_t b) const {
    return std::any_of(trig.begin(), trig.end(), [&](const TriggerHit& h) {
      return h.first >= a && h.first < b && lex_.entries[h.entry].noun && de_is_target(h.entry);
    });
  }

  // True if the noun trigger `th` is the object of a trigger verb right before it (at most two
  // words between, as an article and an adjective: « a condamné la brutale invasion »).
  bool governed_by_verb(const std::vector<TriggerHit>& trig, const TriggerHit& th) const {
    for (const auto& h : trig) {
      if (h.last > th.first) break;
      if (lex_.entries[h.entry].noun || !only_words_between(h.last, th.first) || words_between(h.last, th.first) > 2)
        continue;
      return true;
    }
    return false;
  }

  // The two actors that « les deux » / « ces deux » + a noun of grammar class `pair_person`
  // (« dirigeants », « hommes ») or `pair_group` (« pays ») stands for, when that phrase is the
  // subject of the trigger at `t` (in its clause before it, no actor between): the last two
  // persons, or states and organizations, named before it. False if there is no such phrase.
  bool pair_subject(std::uint32_t t, std::uint32_t t0, std::array<std::string_view, 2>& pair) const {
    for (std::uint32_t k = t; k > t0 + 2; --k) {
      const std::uint32_t n = k - 1;
      if (!is_word(n)) {
        if (seg_.tokens[n].is_joiner()) continue;
        return false;  // a comma or a quote: another clause
      }
      // a clause break, a subject pronoun or a clause start (« et qu'ils renforceront »): the
      // trigger has a subject of its own
      if (in(G::clause_break, n) || in(G::clause_start, n) || in(G::subject_pronoun_person, n) ||
          in(G::subject_pronoun_any, n))
        return false;
      const bool persons = in(G::pair_person, n);
      if (!persons && !in(G::pair_group, n)) continue;
      const std::int64_t two = word_before(n, t0);
      if (two < 0 || word(static_cast<std::uint32_t>(two)) != "deux") continue;
      const std::int64_t det = word_before(static_cast<std::uint32_t>(two), t0);
      // « les », « ces », not « leurs deux pays » (the persons' countries)
      if (det < 0 || !in(G::determiner, static_cast<std::uint32_t>(det)) || in(G::possessive, static_cast<std::uint32_t>(det)))
        continue;
      if (std::any_of(actors_.begin(), actors_.end(), [&](const Actor& a) { return a.first > n && a.last <= t; }))
        return false;
      std::size_t found = 0;
      auto take = [&](const Actor& a) {
        const bool person = a.type == EntityType::person;
        if (found == 2 || person != persons || a.type == EntityType::location || (persons && a.adjective)) return;
        if (found == 1 && pair[0] == a.entity) return;
        pair[found++] = a.entity;
      };
      for (auto it = actors_.rbegin(); it != actors_.rend(); ++it)
        if (it->last <= static_cast<std::uint32_t>(det)) take(*it);
      for (auto it = history_.rbegin(); it != history_.rend(); ++it) take(*it);
      return found == 2;
    }
    return false;
  }

  // True if a trigger of `trig` starts in [a, b).
  static bool trigger_between(const std::vector<TriggerHit>& trig, std::uint32_t a, std::uint32_t b) {
    return std::any_of(trig.begin(), trig.end(), [&](const TriggerHit& h) { return h.first >= a && h.first < b; });
  }

  // True if the word at `t` may stand between « et » and a verb: an auxiliary, a reflexive pronoun
  // or an adverb in -ment (« et a appelé », « et s'est entretenu », « et a fermement condamné »).
  bool verb_satellite(std::uint32_t t) const {
    const std::string_view f = word(t);
    return in(G::auxiliary, t) || in(G::passive_aux, t) || in(G::reflexive, t) ||
           (f.size() > 5 && f.ends_with("ment"));
  }

  // True if the noun or verb of `entry` takes its target with « de » (« invasion de »).
  bool de_is_target(std::uint32_t entry) const {
    return lex_.entry_targets_not_de[entry].size() != lex_.entry_targets[entry].size();
  }

  // True if the verb at `t` is coordinated with an earlier one: "et" right before it, or before
  // its auxiliary, reflexive pronoun or adverb ("et mis en garde", "et a condamné", "et s'est
  // entretenu"); the verbs then share their subject.
  bool coordinated_verb(std::uint32_t t, std::uint32_t t0) const {
    std::uint32_t words = 0;
    for (std::uint32_t k = t; k > t0 && words < 4; --k) {
      const std::uint32_t w = k - 1;
      if (!is_word(w)) {
        if (seg_.tokens[w].is_joiner()) continue;
        return false;
      }
      ++words;
      if (in(G::coordination, w)) return true;
      if (!verb_satellite(w)) return false;
    }
    return false;
  }

  // Nearest actor before `t` introduced by a genitive "de" (the owner of the subject noun).
  const Actor* genitive_before(std::uint32_t t, std::uint32_t t0) const {
    const Actor* best = nullptr;
    for (const auto& a : actors_) {
      if (a.last > t) break;
      const Prep& p = prep_before(a.first, t0);
      if (!p.empty() && (p.back() == "de" || p.back() == "du" || p.back() == "d" || p.back() == "des"))
        best = &a;
    }
    return best;
  }

  // A subject pronoun in the few words before `t`, resolved to a recent actor.
  std::optional<Actor> pronoun_subject(std::uint32_t t, std::uint32_t t0, std::string_view not_entity = {}) const {
    int words = 0;
    for (std::int64_t k = static_cast<std::int64_t>(t) - 1; k >= t0 && words < 6; --k) {
      if (!is_word(static_cast<std::uint32_t>(k))) continue;
      ++words;
      bool person = in(G::subject_pronoun_person, k);
      bool any = in(G::subject_pronoun_any, k);
      if (!person && !any) continue;
      // antecedent: the last actor before the pronoun, this sentence first, then the history
      auto ok = [&](const Actor& a) {
        if (a.adjective || (!not_entity.empty() && a.entity == not_entity)) return false;
        return person ? a.type == EntityType::person : a.type != EntityType::location;
      };
      for (auto it = actors_.rbegin(); it != actors_.rend(); ++it)
        if (it->last <= static_cast<std::uint32_t>(k) && ok(*it)) return *it;
      // the subject of one of the last sentences, then any recent actor
      for (auto it = subjects_.rbegin(); it != subjects_.rend(); ++it)
        if (ok(*it)) return *it;
      for (auto it = history_.rbegin(); it != history_.rend(); ++it)
        if (ok(*it)) return *it;
      return std::nullopt;
    }
    return std::nullopt;
  }

  const Actor* first_after(std::uint32_t t, std::uint32_t t0, std::uint32_t t1,
                           const std::vector<Words>& preps, bool direct, std::uint32_t window,
                           std::string_view not_entity) const {
    std::uint32_t k = t;  // words read so far: the search stops at an adjunct ("lors d'une visite à X")
    bool completive = false;  // a « que » read: a direct object after it is the clause's
    for (const auto& a : actors_) {
      if (a.first < t) continue;
      if (a.first >= t1 || a.first > t + window) break;
      for (; k < a.first; ++k) {
        if (is_word(k) && in(G::adjunct, k)) return nullptr;
        completive = completive || (is_word(k) && in(G::relative_object, k));
      }
      if (a.entity == not_entity) continue;
      // « a reconnu que la Russie … »: no direct object past the completive's « que »
      if (completive && prep_before(a.first, t0).empty()) continue;
      if (introduced_by(a, t0, preps, direct)) return &a;
    }
    return nullptr;
  }

  // Every actor coordinated before `a`: "X et a", "X, Y et a" (nearest first).
  std::vector<const Actor*> coordinated_list(const Actor& a, std::uint32_t t0) const {
    std::vector<const Actor*> out;
    const Actor* first = coordinated_with(a, t0);
    if (!first) return out;
    out.push_back(first);
    // "Paris, Londres et Berlin": walk back over comma-separated actors
    const Actor* cur = first;
    while (out.size() < 16) {
      const Actor* prev = nullptr;
      for (const auto& b : actors_) {
        if (b.last > cur->first) break;
        prev = &b;
      }
      // « Selon X, Y et Z … »: an actor after a preposition is no member of the list
      if (!prev || prev->adjective || has_prep(*prev, t0)) break;
      bool comma = false, bad = false;
      for (std::uint32_t k = prev->last; k < cur->first && !bad; ++k) {
        if (is_word(k)) { if (!in(G::determiner, k)) bad = true; continue; }
        if (word(k) == ",") comma = true;
        else if (!seg_.tokens[k].is_joiner()) bad = true;
      }
      if (!comma || bad) break;
      out.push_back(prev);
      cur = prev;
    }
    return out;
  }

  // True if the subject `a` reaches the trigger at `t` through words only or a relative
  // ", qui" ("Moscou et Pékin, qui soutiennent Téhéran").
  bool subject_reaches(const Actor& a, std::uint32_t t) const {
    if (only_words_between(a.last, t)) return true;
    std::uint32_t k = a.last;
    while (k < t && !is_word(k) && (seg_.tokens[k].is_joiner() || word(k) == ",")) ++k;
    return k < t && is_word(k) && word(k) == "qui" && only_words_between(k, t);
  }

  // The actor right after a coordination before `a` ("X et Y"), if any.
  const Actor* coordinated_with(const Actor& a, std::uint32_t t0) const {
    for (auto it = actors_.rbegin(); it != actors_.rend(); ++it) {
      if (it->last > a.first) continue;
      // tokens between must be exactly "et" (+ determiners)
      bool ok = false, bad = false;
      for (std::uint32_t k = it->last; k < a.first; ++k) {
        if (!is_word(k)) { if (!seg_.tokens[k].is_joiner()) bad = true; continue; }
        if (in(G::coordination, k)) ok = true;
        else if (!in(G::determiner, k)) bad = true;
      }
      (void)t0;
      if (ok && !bad) return &*it;
      return nullptr;
    }
    return nullptr;
  }

  // The first actor after `t` introduced by a genitive "de", when the words before it are a
  // plain noun phrase (determiner, nouns, adjectives, quotes; no verb-like stop, no other actor).
  const Actor* object_owner(std::uint32_t t, std::uint32_t t0, std::uint32_t t1, std::string_view not_entity) const {
    // a direct object starts with an article ("la politique de"), not with a preposition
    // ("accuse de se réarmer avec l'aide de l'Iran")
    std::uint32_t first_word = t;
    while (first_word < t1 && !is_word(first_word)) ++first_word;
    // an adverb between the verb and its object: « loue notamment la décision de »
    if (first_word + 1 < t1 && ends_with_ment(first_word) && !in(G::determiner, first_word))
      for (++first_word; first_word < t1 && !is_word(first_word);) ++first_word;
    // (« des » right after the verb is the plural article: « a bombardé des bases du PKK »)
    if (first_word >= t1 || !(in(G::determiner, first_word) || word(first_word) == "des")) return nullptr;
    std::uint32_t words = 0;
    for (const auto& a : actors_) {
      if (a.first < t) continue;
      if (a.first >= t1) return nullptr;
      for (std::uint32_t k = t; k < a.first; ++k) {
        if (!is_word(k)) {
          std::string_view w = word(k);
          // the full stop of « M. »
          if (w == "." && k > t && is_word(k - 1) && in(G::title, k - 1)) continue;
          if (w == "," || w == "." || w == ";" || w == ":" || w == "(" || w == ")") return nullptr;
          continue;
        }
        ++words;
        if (in(G::clause_break, k) || (in(G::coordination, k) && k + 1 < a.first && !nouns_coordinated(k, a.first)))
          return nullptr;
      }
      if (words > 8 || a.entity == not_entity) return nullptr;
      const Prep& p = prep_before(a.first, t0);
      // "la politique de Washington", and "l'intimidation pratiquée par Pékin"
      if (!p.empty() && (is_de(p.back()) || p.last_is(G::agent)))
        return &a;
      return nullptr;
    }
    return nullptr;
  }

  // True if the word at `t` ends in « -ment » (an adverb, or a noun such as « gouvernement »).
  bool ends_with_ment(std::uint32_t t) const {
    const std::string_view w = word(t);
    return w.size() > 5 && w.substr(w.size() - 4) == "ment" && !in(G::place_noun, t) && !in(G::actor_noun, t);
  }

  // « la bonne décision et direction de M. Poutine », « la décision et la politique de
  // Washington »: the « et » at `k` joins two nouns of one object before the actor at `end`, not a
  // second clause: after it, one plain word (or an article and one) and then « de ».
  bool nouns_coordinated(std::uint32_t k, std::uint32_t end) const {
    std::uint32_t w[3];
    std::uint32_t n = 0;
    for (std::uint32_t i = k + 1; i < end && n < 3; ++i)
      if (is_word(i)) w[n++] = i;
    if (n < 2) return false;
    std::uint32_t i = 0;
    if (in(G::determiner, w[0])) ++i;
    if (i + 1 >= n || classes_[w[i]] != 0) return false;
    return is_de(word(w[i + 1]));
  }

  // The first actor after « entre » in a direct object that starts at `t` with an article (or
  // that a frame has begun: « dénonce les exercices | militaires entre … »), within eight words
  // and no punctuation: « les exercices militaires entre Washington et Séoul ».
  const Actor* between_object(std::uint32_t t, std::uint32_t t0, std::uint32_t t1, std::string_view not_entity,
                              bool frame) const {
    std::uint32_t first_word = t;
    while (first_word < t1 && !is_word(first_word)) ++first_word;
    if (first_word >= t1 || !(frame || in(G::determiner, first_word) || word(first_word) == "des")) return nullptr;
    std::uint32_t words = 0;
    for (std::uint32_t k = t; k < t1 && words < 8; ++k) {
      if (!is_word(k)) {
        if (seg_.tokens[k].is_joiner() || word(k) == "\u00ab" || word(k) == "\u00bb") continue;
        return nullptr;
      }
      ++words;
      if (in(G::clause_break, k) || in(G::coordination, k)) return nullptr;
      if (!in(G::between, k)) continue;
      for (const auto& a : actors_)
        if (a.first > k && a.entity != not_entity && prep_before(a.first, t0).last_is(G::between)) return &a;
      return nullptr;
    }
    return nullptr;
  }

  // The actor right after "et" following `a` ("à X et à Y", "X et Y"), if any.
  const Actor* coordinated_after(const Actor& a, std::uint32_t t1) const {
    for (const auto& b : actors_) {
      if (b.first < a.last || &b == &a) continue;
      if (b.first >= t1) return nullptr;
      const Link l = link(a.last, b.first);
      return l.coordination && !l.comma && !l.bad && b.entity != a.entity ? &b : nullptr;
    }
    return nullptr;
  }

  // What joins two actors of a list, the tokens [a, b) between them: a comma, « et », or something
  // else than determiners, prepositions and joiners (`bad`).
  struct Link {
    bool comma = false, coordination = false, bad = false;
  };
  Link link(std::uint32_t a, std::uint32_t b) const {
    Link l;
    for (std::uint32_t k = a; k < b && !l.bad; ++k) {
      if (!is_word(k)) {
        if (word(k) == ",") l.comma = true;
        else if (!seg_.tokens[k].is_joiner()) l.bad = true;
        continue;
      }
      if (in(G::coordination, k)) l.coordination = true;
      else if (!in(G::determiner, k) && !in(G::preposition, k)) l.bad = true;
    }
    return l;
  }

  // Every actor coordinated after `a` up to `t1`, in text order: « a et B », « a, B et C », « au
  // Mali, au Burkina Faso et au Niger ». Each link holds a comma or « et » and otherwise only
  // determiners and prepositions; links by a comma count only if an « et » ends the list (« la
  // Russie, alliée de … » is an apposition, not a list).
  std::vector<const Actor*> coordinated_after_list(const Actor& a, std::uint32_t t1) const {
    std::vector<const Actor*> out;
    std::size_t kept = 0;  // members up to the last link with « et »
    const Actor* cur = &a;
    for (const auto& b : actors_) {
      if (b.first < cur->last || &b == cur) continue;
      if (b.first >= t1 || out.size() >= 16) break;
      const Link l = link(cur->last, b.first);
      if (l.bad || (!l.comma && !l.coordination) || b.adjective != a.adjective) break;
      out.push_back(&b);
      if (l.coordination) {
        kept = out.size();
        break;
      }
      cur = &b;
    }
    out.resize(kept);
    return out;
  }

  // The first actor after `t` that no preposition introduces ("Lors de cette rencontre, Kim ...").
  const Actor* subject_after(std::uint32_t t, std::uint32_t t0, std::uint32_t t1) const {
    for (const auto& a : actors_) {
      if (a.first < t) continue;
      if (a.first >= t1) break;
      if (!a.adjective && !has_prep(a, t0)) return &a;
    }
    return nullptr;
  }

  // True if [a, b) holds no word and only commas and joiners.
  bool only_commas_between(std::uint32_t a, std::uint32_t b) const {
    for (std::uint32_t k = a; k < b; ++k) {
      if (is_word(k)) return false;
      if (!seg_.tokens[k].is_joiner() && word(k) != ",") return false;
    }
    return true;
  }

  // The actor right after `t` ("son allié, la Russie", "son allié X"): only a comma or an article
  // may come between.
  const Actor* adjacent_after(std::uint32_t t, std::uint32_t t1, std::string_view not_entity) const {
    for (const auto& a : actors_) {
      if (a.first < t) continue;
      if (a.first >= t1 || a.entity == not_entity) return nullptr;
      for (std::uint32_t k = t; k < a.first; ++k) {
        if (is_word(k)) { if (!in(G::determiner, k)) return nullptr; continue; }
        if (!seg_.tokens[k].is_joiner() && word(k) != ",") return nullptr;
      }
      return &a;
    }
    return nullptr;
  }

  // « a sanctionné trois entreprises américaines de défense, dont Lockheed Martin »: the actors
  // named after « dont » or « notamment » within a few words of a target named by its demonym
  // adjective, with the list they start.
  std::vector<const Actor*> named_members(const Actor& a, std::uint32_t t1, std::string_view not_entity) const {
    std::vector<const Actor*> out;
    if (!a.adjective) return out;
    std::uint32_t words = 0;
    for (std::uint32_t k = a.last; k < t1 && words < 5; ++k) {
      if (!is_word(k)) {
        if (!seg_.tokens[k].is_joiner() && word(k) != ",") break;
        continue;
      }
      ++words;
      if (!in(G::member_intro, k)) continue;
      if (const Actor* first = adjacent_after(k + 1, t1, not_entity); first && !first->adjective) {
        out.push_back(first);
        for (const Actor* next : coordinated_after_list(*first, t1)) out.push_back(next);
      }
      break;
    }
    return out;
  }

  // The actor a bare participle follows ("la Corée du Nord, soutenue par", "l'Ukraine,
  // militairement soutenue par"): nothing but a comma and one adverb in -ment between.
  const Actor* adjacent_before(std::uint32_t t, std::uint32_t t0) const {
    // "M. Orban à son arrivée, soutenu par": after a comma, the last actor that no preposition
    // introduces, a few words back
    if (t > t0 && !is_word(t - 1) && word(t - 1) == ",") {
      const Actor* np = nullptr;
      for (const auto& a : actors_) {
        if (a.last > t) break;
        if (!a.adjective && !has_prep(a, t0)) np = &a;
      }
      if (np && words_between(np->last, t) <= 4 && clause_prefix_[t] == clause_prefix_[np->last]) return np;
    }
    const Actor* best = nullptr;
    for (const auto& a : actors_) {
      if (a.last > t) break;
      best = &a;
    }
    if (!best) return nullptr;
    std::uint32_t words = 0;
    for (std::uint32_t k = best->last; k < t; ++k) {
      if (is_word(k)) {
        std::string_view w = word(k);
        if (++words > 1 || w.size() < 6 || w.substr(w.size() - 4) != "ment") return nullptr;
        continue;
      }
      if (!seg_.tokens[k].is_joiner() && word(k) != ",") return nullptr;
    }
    return best;
  }

  static bool is_quote(std::string_view w) {
    return w == "\"" || w == "\u00ab" || w == "\u00bb" || w == "\u201c" || w == "\u201d" || w == "'";
  }

  // The word token before `t`, skipping joiners (apostrophes, hyphens) and quotes; -1 if none.
  std::int64_t word_before(std::uint32_t t, std::uint32_t t0) const {
    std::int64_t k = static_cast<std::int64_t>(t) - 1;
    while (k >= t0 && !is_word(static_cast<std::uint32_t>(k)) &&
           (seg_.tokens[static_cast<std::uint32_t>(k)].is_joiner() || is_quote(word(static_cast<std::uint32_t>(k)))))
      --k;
    if (k < t0 || !is_word(static_cast<std::uint32_t>(k))) return -1;
    return k;
  }

  // "la décision de la Russie d'envahir l'Ukraine", "demande à Pékin de livrer": the actor right
  // before the "de" of an infinitive is its subject.
  const Actor* infinitive_subject(std::uint32_t t, std::uint32_t t0) const {
    std::int64_t de = word_before(t, t0);
    // « d'avoir livré », « d'être intervenu »: the infinitive is the auxiliary's
    if (de >= 0 && (in(G::auxiliary, de) || in(G::passive_aux, de))) de = word_before(static_cast<std::uint32_t>(de), t0);
    if (de < 0) return nullptr;
    const std::string_view w = word(static_cast<std::uint32_t>(de));
    if (w != "de" && w != "d") return nullptr;
    for (const auto& a : actors_) {
      if (a.last > static_cast<std::uint32_t>(de)) break;
      if (!a.adjective && only_commas_between(a.last, static_cast<std::uint32_t>(de)) &&
          a.last + 1 >= static_cast<std::uint32_t>(de)) {
        // « Pékin a été accusé par Washington de soutenir Moscou »: not the agent, the passive's
        // subject (the accused) does what follows « de »
        if (prep_before(a.first, t0).last_is(G::agent)) return subject_before(a.first, t0);
        return &a;
      }
    }
    return nullptr;
  }

  // True if the verb at `t` is an infinitive of purpose or time, whose subject is the main verb's:
  // « a rencontré Poutine, avant de critiquer la Chine », « pour soutenir », « sans condamner »,
  // « après avoir rencontré ».
  bool purpose_infinitive(std::uint32_t t, std::uint32_t t0) const {
    std::int64_t w = word_before(t, t0);
    if (w >= 0 && (in(G::auxiliary, w) || in(G::passive_aux, w))) w = word_before(static_cast<std::uint32_t>(w), t0);
    if (w < 0) return false;
    const std::string_view de = word(static_cast<std::uint32_t>(w));
    if (de == "de" || de == "d") w = word_before(static_cast<std::uint32_t>(w), t0);
    return w >= 0 && in(G::purpose, w);
  }

  // "Choe Son-hui, qu'il a remerciée", "la Russie, qu'elle soutient": the last actor before `t`
  // followed by an object relative pronoun is the antecedent (the target of the clause's verb).
  const Actor* relative_antecedent(std::uint32_t t, std::uint32_t t0) const {
    const Actor* last = nullptr;
    for (const auto& a : actors_) {
      if (a.last > t) break;
      last = &a;
    }
    if (!last || words_between(last->last, t) > 8) return nullptr;
    if (clause_prefix_[t] > clause_prefix_[last->last]) return nullptr;
    for (std::uint32_t k = last->last; k < t; ++k) {
      if (!is_word(k)) {
        if (seg_.tokens[k].is_joiner() || word(k) == ",") continue;
        return nullptr;
      }
      return in(G::relative_object, k) ? last : nullptr;
    }
    (void)t0;
    return nullptr;
  }

  // "a assuré le président ukrainien de son soutien": a recipient verb before the noun trigger
  // at `t`, whose direct object (an actor between the verb and "de") receives it.
  const Actor* recipient_object(std::uint32_t t, std::uint32_t t0, std::string_view not_entity) const {
    std::int64_t k = word_before(t, t0);
    int skipped = 0;
    while (k >= 0 && skipped < 2 && in(G::determiner, static_cast<std::uint32_t>(k))) {
      k = word_before(static_cast<std::uint32_t>(k), t0);
      ++skipped;
    }
    if (k < 0) return nullptr;
    const std::string_view de = word(static_cast<std::uint32_t>(k));
    if (de != "de" && de != "du" && de != "d" && de != "des") return nullptr;
    for (std::int64_t v = k - 1; v >= t0 && words_between(static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(k)) <= 14; --v) {
      const auto vv = static_cast<std::uint32_t>(v);
      if (!is_word(vv) || !in(G::recipient_verb, vv)) continue;
      for (const auto& a : actors_) {
        if (a.first <= vv) continue;
        if (a.last > static_cast<std::uint32_t>(k)) break;
        if (!a.adjective && a.entity != not_entity) return &a;
      }
      return nullptr;
    }
    return nullptr;
  }

  // True if token k is a comma before a present participle (« …, dénonçant »).
  bool opens_participle_clause(std::uint32_t k) const {
    return word(k) == "," && k + 1 < seg_.tokens.size() && is_word(k + 1) && word(k + 1).ends_with("ant");
  }

  // The participle clause that trigger `th` opens right after a comma (« …, dénonçant X, … »): from
  // that comma to the next one or to the sentence's end `t_end`; {0, 0} if it opens none.
  std::pair<std::uint32_t, std::uint32_t> participle_clause(const TriggerHit& th, std::uint32_t t0,
                                                            std::uint32_t t_end) const {
    if (th.first <= t0 || !opens_participle_clause(th.first - 1)) return {0, 0};
    std::uint32_t k = th.last;
    while (k < t_end && word(k) != ",") ++k;
    return {th.first - 1, k};
  }

  // The modality of the trigger `th`; `reported_by` is the source of a report, and `by_source`
  // tells whether a report source introduced it (« selon X », « d'après X »), not a speech verb.
  // True if the noun at `t` opens an adjunct: « lors d'une rencontre », « lors de la visite ».
  bool adjunct_noun(std::uint32_t t, std::uint32_t t0) const {
    std::int64_t k = word_before(t, t0);
    if (k >= 0 && in(G::determiner, k)) k = word_before(static_cast<std::uint32_t>(k), t0);
    if (k < 0) return false;
    const std::string_view de = word(static_cast<std::uint32_t>(k));
    if (de != "de" && de != "d" && de != "du") return false;
    k = word_before(static_cast<std::uint32_t>(k), t0);
    return k >= 0 && in(G::adjunct, k);
  }

  Modality modality_of(const TriggerHit& th, std::uint32_t t0, std::uint32_t t_end, const TriggerEntry& e,
                       std::string_view& reported_by, bool& by_source) const {
    bool negated = false, future = e.future, reported = e.reported;
    // a participle clause is the subject's own act: a negation or a denial outside it is not about
    // it (« Alger a rejeté ces accusations, dénonçant les dérives de la junte, et a démenti … »)
    const auto clause = participle_clause(th, t0, t_end);
    std::int64_t opener = -1;
    std::uint32_t report_after = 0;  // end of a report cue after the trigger ("..., a indiqué X")
    // "n'hésite pas à", "sans réserve": asserted cues are fixed phrases that only look negative;
    // no negation cue inside one counts
    auto inside_asserted = [&](const CueHit& n) {
      for (const auto& c : sentence_cues_)
        if (lex_.cues[c.cue].modality == Modality::asserted && c.first <= n.first && n.last <= c.last) return true;
      return false;
    };
    // « a déclaré X lors d'une conférence de presse avec Y »: a noun trigger in an adjunct is the
    // setting of the speech, stated by the article, not its content
    const bool setting = e.noun && adjunct_noun(th.first, t0);
    for (const auto& c : sentence_cues_) {
      const ModalityCue& cue = lex_.cues[c.cue];
      if (cue.modality == Modality::asserted) continue;
      if (cue.modality == Modality::reported && setting) continue;
      if (cue.modality == Modality::negated && inside_asserted(c)) continue;
      if (cue.modality == Modality::negated && clause.second && (c.last <= clause.first || c.first >= clause.second))
        continue;
      // a cue that overlaps the trigger is part of it ("a affirmé son soutien"): the relation is
      // the actor's own speech act, stated by the article
      if (c.first < th.last && th.first < c.last) continue;
      // a cue inside a relative clause closed before the trigger is that clause's
      if (c.last <= th.first && in_closed_relative(c.first, th.first, t0)) continue;
      // "a assuré Kiev de son soutien" is not a report; "a assuré que ..." is
      if (cue.modality == Modality::reported && c.last <= th.first && in(G::recipient_verb, c.last - 1)) {
        bool completive = false;
        for (std::uint32_t k = c.first; k < th.first && !completive; ++k)
          completive = is_word(k) && in(G::relative_object, k);
        if (!completive) continue;
      }
      const bool before = c.last <= th.first && words_between(c.last, th.first) <= 4;
      const bool after = c.first >= th.last && words_between(th.last, c.first) <= 2;
      if (cue.modality == Modality::negated && (word(c.first) == "ne" || word(c.first) == "n") &&
          c.last == c.first + 1) {
        if (c.last <= th.first && words_between(c.last, th.first) <= 5) opener = c.first;
        continue;
      }
      bool applies = cue.scope == ModalityCue::Scope::sentence ||
                     (cue.scope == ModalityCue::Scope::before && before) ||
                     (cue.scope == ModalityCue::Scope::after && (after || (c.last <= th.first && opener >= 0 && c.first > opener)));
      if (!applies) continue;
      if (cue.modality == Modality::negated) {
        std::string_view w = word(c.first);
        if (w == "ne" || w == "n") {
          if (c.last <= th.first && words_between(c.last, th.first) <= 5) opener = c.first;
          continue;
        }
        if (cue.scope == ModalityCue::Scope::after) { if (opener >= 0) negated = true; continue; }
        negated = true;
      } else if (cue.modality == Modality::future) {
        future = true;
      } else {
        reported = true;
        if (c.first >= th.last && !report_after) report_after = c.last;
      }
    }
    // a negation closer between the opener and the trigger ("n'a pas soutenu")
    if (opener >= 0 && !negated) {
      for (const auto& c : sentence_cues_) {
        const ModalityCue& cue = lex_.cues[c.cue];
        if (cue.modality == Modality::negated && cue.scope == ModalityCue::Scope::after &&
            static_cast<std::int64_t>(c.first) > opener && c.first <= th.last + 2 && !inside_asserted(c))
          negated = true;
      }
    }
    // the source of a report: "selon X", "d'après X"
    for (const auto& a : actors_) {
      const Prep& p = prep_before(a.first, t0);
      for (const auto& rs : lex_.report_sources)
        if (!p.empty() && p.ends_with(rs)) {
          reported = true;
          reported_by = a.entity;
          by_source = true;
        }
    }
    // "La Chine soutient la Russie, a indiqué Sergueï Lavrov": the speaker after a report cue
    // that follows the statement, no preposition before it (« a affirmé dimanche le porte-parole
    // des garde-côtes philippins, Jay Tarriela »)
    if (reported_by.empty() && report_after)
      for (const auto& a : actors_) {
        if (a.first < report_after) continue;
        if (words_between(report_after, a.first) > 8) break;
        if (!a.adjective && !has_prep(a, t0)) {
          reported_by = a.entity;
          break;
        }
      }
    if (negated) return Modality::negated;
    if (future) return Modality::future;
    if (reported) return Modality::reported;
    return Modality::asserted;
  }

  void emit(std::uint32_t s, const TriggerHit& th, const TriggerEntry& e, std::string_view src,
            std::string_view dst, Modality m, std::string_view reported_by, double conf) {
    if (src.empty() || dst.empty() || src == dst) return;
    if (e.reverse) std::swap(src, dst);
    if (is_symmetric(e.type) && dst < src) std::swap(src, dst);
    auto key = std::make_tuple(src, e.type, dst);
    auto [it, fresh] = found_.try_emplace(key);
    Relation& r = it->second;
    Evidence ev;
    ev.sentence = seg_.sentences[s];
    ev.trigger = {seg_.tokens[th.first].span.begin, seg_.tokens[th.last - 1].span.end};
    ev.text = std::string(text_.substr(ev.sentence.begin, ev.sentence.size()));
    ev.modality = m;
    if (fresh) {
      r.source = src;
      r.target = dst;
      r.type = e.type;
      r.modality = m;
      r.reported_by = reported_by;
      r.cameo = e.cameo;
      r.goldstein = e.goldstein;
      r.confidence = conf;
      r.trigger_id = e.id;
    } else if (m < r.modality) {
      r.modality = m;
      r.reported_by = reported_by;
      r.cameo = e.cameo;
      r.goldstein = e.goldstein;
      r.trigger_id = e.id;
    }
    r.confidence = std::max(r.confidence, conf);
    r.evidence.push_back(std::move(ev));
  }

  // True if the word at `t` looks like a past participle: a lower-case word ending in -é, -ée,
  // -és, -ées, or one of grammar class `participle` (« mis », « promis », « reçu »).
  bool looks_like_participle(std::uint32_t t) const {
    if (in(G::participle, t)) return true;
    const Span sp = seg_.tokens[t].span;
    const std::string_view w = text_.substr(sp.begin, sp.size());
    if (w.size() < 4 || seg_.tokens[t].is_capitalized()) return false;
    for (std::string_view end : {"\xC3\xA9", "\xC3\xA9" "e", "\xC3\xA9" "s", "\xC3\xA9" "es"})
      if (w.ends_with(end)) return true;
    return false;
  }

  // Where the search for the target of the verb trigger `th` ends: at an "et" that coordinates
  // another verb (a trigger, or a participle), when the trigger has words of its own before it
  // (« a condamné des manœuvres et remercié Washington », « a remercié les Vingt-Six et appelé la
  // Hongrie à … »: the actor after « et » is the second verb's); else at `t1`.
  std::uint32_t target_end(const TriggerHit& th, std::uint32_t t1, const std::vector<TriggerHit>& trig) const {
    for (std::uint32_t k = th.last; k < t1; ++k) {
      // a participle clause after the object is the subject's next act (« a défendu la participation
      // de son pays, dénonçant les tentatives chinoises »)
      // (a noun's content may be in one: « ont renouvelé leurs accusations, affirmant que … »)
      if (!lex_.entries[th.entry].noun && words_between(th.last, k) > 0 && opens_participle_clause(k)) return k;
      if (!is_word(k) || !in(G::coordination, k) || words_between(th.last, k) == 0) continue;
      // the verb after « et », past its auxiliary, reflexive pronoun or adverb (« et a appelé »)
      std::uint32_t v = k + 1, skipped = 0;
      while (v < t1 && skipped < 3) {
        if (!is_word(v)) {
          if (!seg_.tokens[v].is_joiner()) break;
          ++v;
          continue;
        }
        if (!verb_satellite(v)) break;
        ++v;
        ++skipped;
      }
      if (v >= t1 || !is_word(v)) continue;
      for (const auto& next : trig)
        if (next.first == v) return k;
      if (looks_like_participle(v)) return k;
    }
    return t1;
  }

  void relations(std::uint32_t s, std::uint32_t t0, std::uint32_t t_end, const std::vector<TriggerHit>& trig) {
    std::string_view accuser;  // the source of an ACCUSE earlier in the sentence
    std::string_view verb_src;  // the subject of the last verb trigger, for a verb coordinated with it
    for (const auto& th : trig) {
      const TriggerEntry& e = lex_.entries[th.entry];
      const auto& preps = lex_.entry_targets[th.entry];
      const bool direct = lex_.entry_direct[th.entry];
      // (a noun's complements end there too: « a dénoncé une agression et réclamé des sanctions »)
      const std::uint32_t t1 = direct || e.noun ? target_end(th, t_end, trig) : t_end;
      // A noun-row form right after an auxiliary is a participle ("a été attaqué par X").
      bool participle = false;
      if (e.noun && th.first > t0) {
        std::uint32_t seen = 0;
        for (std::int64_t k = static_cast<std::int64_t>(th.first) - 1; k >= t0 && seen < 4; --k) {
          auto kk = static_cast<std::uint32_t>(k);
          if (!is_word(kk)) {
            if (seg_.tokens[kk].is_joiner()) continue;
            break;
          }
          if (in(G::auxiliary, kk) || in(G::passive_aux, kk)) { participle = true; break; }
          if (seen == 0 && (in(G::determiner, kk) || in(G::preposition, kk))) break;
          ++seen;
        }
      }
      // « a accusé les États-Unis de … et mis en garde Taipei »: the ministry warns Taipei
      const bool shares_subject = (!e.noun || participle) && !verb_src.empty() &&
                                  (coordinated_verb(th.first, t0) || (!e.noun && purpose_infinitive(th.first, t0)));
      std::string_view reported_by;
      bool by_source = false;
      Modality m = modality_of(th, t0, t_end, e, reported_by, by_source);
      std::string_view src, dst, extra_source;
      std::vector<std::string_view> extra_targets;
      bool reciprocal = false;  // also dst -> src
      std::vector<std::string_view> extra_sources;
      // a symmetric relation without a target among coordinated subjects: every pair of them
      // (« le Mali, le Burkina Faso et le Niger ont signé un accord »)
      const Actor* group_subject = nullptr;
      double conf = 0.8;

      // Agent "par X" after the trigger (passive, or nominalization "l'invasion de X par Y").
      const Actor* agent = nullptr;
      for (const auto& a : actors_) {
        if (a.first < th.last || a.first > th.last + 8) continue;
        const Prep& p = prep_before(a.first, t0);
        if (!p.empty() && p.last_is(G::agent)) { agent = &a; break; }
      }
      if (!agent) {
        // "soutenu par le chef du gouvernement slovaque, Robert Fico": the agent may follow an
        // apposition that is not an actor
        std::uint32_t words = 0;
        for (std::uint32_t k = th.last; k < t1 && words < 3; ++k) {
          if (!is_word(k)) continue;
          ++words;
          if (!in(G::agent, k)) continue;
          // "par le chef ..." but not "par ailleurs la Russie", "par exemple": an article or a
          // title must follow "par"
          std::uint32_t next = k + 1;
          while (next < t1 && !is_word(next)) ++next;
          const bool np = next < t1 && (in(G::determiner, next) || in(G::title, next));
          if (np)
            for (const auto& a : actors_)
              if (a.first > k && a.first <= k + 12) { agent = &a; break; }
          break;
        }
      }
      // "soutenu par X": "par" right after a verb form makes it passive, auxiliary or not
      bool passive = false;
      if (agent && !e.noun) {
        std::uint32_t words = 0;
        for (std::uint32_t k = th.last; k < agent->first && words < 2; ++k)
          if (is_word(k)) {
            ++words;
            if (in(G::agent, k)) passive = true;
          }
      }
      bool aux = false;  // a form of être or avoir in the three tokens before the trigger
      bool reflexive_aux = false;  // « s'est entretenu »: être after a reflexive pronoun is no passive
      bool passive_aux_next = false;  // a form of être with only words between it and the trigger
      for (std::int64_t k = static_cast<std::int64_t>(th.first) - 1; k >= t0 && k >= static_cast<std::int64_t>(th.first) - 3; --k) {
        if (!is_word(static_cast<std::uint32_t>(k))) continue;
        if (in(G::passive_aux, k)) {
          passive = aux = true;
          const std::int64_t before = word_before(static_cast<std::uint32_t>(k), t0);
          reflexive_aux = reflexive_aux || (before >= 0 && in(G::reflexive, before));
          // (« dont le Niger est voisin, critique la France »: not past a comma)
          passive_aux_next = passive_aux_next || only_words_between(static_cast<std::uint32_t>(k) + 1, th.first);
        } else if (in(G::auxiliary, k)) {
          aux = true;
        }
      }
      // « Pékin est accusé de soutenir Moscou »: a passive without an agent has its patient for a
      // subject and no source; what follows « de » is the alleged act, not a target
      const bool patient_subject = passive_aux_next && !agent && !reflexive_aux && !e.noun &&
                                   (e.type == RelationType::accuse || e.type == RelationType::criticize ||
                                    e.type == RelationType::sanction || e.type == RelationType::attack);

      if (e.noun && !participle) {
        // "le soutien de X à Y", "l'invasion de X par Y", "la rencontre entre X et Y"
        const Actor* de_actor = nullptr;
        const Actor* between_a = nullptr;
        const Actor* adj = nullptr;
        std::uint32_t comma = t1;  // the first comma, colon or semicolon after the trigger
        for (std::uint32_t k = th.last; k < t1; ++k)
          if (!is_word(k) && (word(k) == "," || word(k) == ";" || word(k) == ":")) { comma = k; break; }
        for (const auto& a : actors_) {
          // "l'invasion russe", "les frappes israéliennes": the adjective actor starts at the
          // trigger noun itself
          if (a.adjective && a.first >= th.first && a.first <= th.last + 1 && !adj) adj = &a;
          if (a.first < th.last) continue;
          if (words_between(th.last, a.first) > 6 || a.first > comma) break;
          const Prep& p = prep_before(a.first, t0);
          if (p.empty()) continue;
          const std::string_view w = p.back();
          // (« aux côtés des forces russes » ends in « des » but is a target preposition of its own)
          if (!de_actor && is_de(w) &&
              !introduced_by(a, t0, lex_.entry_targets_not_de[th.entry], false))
            de_actor = &a;
          if (!between_a && p.last_is(G::between)) between_a = &a;
        }
        const bool de_target = de_is_target(th.entry);
        if (between_a) {
          // "entre X et Y"
          for (const auto& b : actors_)
            if (b.first > between_a->first && b.first <= between_a->last + 3) { src = between_a->entity; dst = b.entity; break; }
        }
        if (src.empty()) {
          const Actor* target = nullptr;
          const auto& other = lex_.entry_targets_not_de[th.entry];  // the target prepositions but "de"
          if (agent) {
            src = agent->entity;
            // "l'invasion de l'Ukraine par la Russie", "les sanctions imposées à l'Iran par le Canada"
            target = de_actor ? de_actor : first_after(th.last, t0, t1, other, false, 12, src);
            // ... but not "l'aide apportée au pays envahi par son voisin": the agent must follow
            // the target at once, or the "par" is another verb's
            if (target && !de_actor && target->first < agent->first)
              for (std::uint32_t k = target->last; k < agent->first; ++k)
                if (is_word(k) && !in(G::agent, k) && !in(G::determiner, k) &&
                    !in(G::title, k)) {
                  src = {};
                  target = nullptr;
                  break;
                }
          } else {
            if (de_actor && !de_target) src = de_actor->entity;
            target = e.adjacent ? adjacent_after(th.last, t1, src)
                                : first_after(th.last, t0, t1, other, direct && !de_actor, 12, src);
            if (!target && de_target) target = de_actor;
            if (!target && direct && de_actor && de_target) target = de_actor;
          }
          // "les frappes israéliennes, américaines et britanniques": the adjectives coordinated with
          // the noun's own are sources too, and no target
          std::vector<const Actor*> adj_list;
          if (adj) adj_list = coordinated_after_list(*adj, t1);
          if (target && !adj_list.empty() && std::find(adj_list.begin(), adj_list.end(), target) != adj_list.end())
            target = agent || (de_actor && de_actor->first < adj_list.back()->last)
                         ? nullptr
                         : first_after(adj_list.back()->last, t0, t1, other, direct, 12, src);
          if (target) dst = target->entity;
          if (src.empty() && adj && (!target || adj->entity != target->entity)) {
            src = adj->entity;
            for (const Actor* next : adj_list)
              if (!target || next->entity != target->entity) extra_sources.push_back(next->entity);
          }
          // "sa guerre contre l'Ukraine", "son invasion de l'Ukraine": the possessor is the subject
          if (src.empty() && !e.no_subject && th.first > t0 && is_word(th.first - 1) && in(G::possessive, th.first - 1)) {
            // "à la Russie dans son conflit avec l'Ukraine": an actor right before the
            // preposition that governs the possessive is the possessor
            const std::int64_t prep = word_before(th.first - 1, t0);
            const std::string_view pw = prep >= 0 ? word(static_cast<std::uint32_t>(prep)) : std::string_view{};
            // not "de"/"à": "a assuré l'Ukraine de son soutien" is the subject's support
            if (prep >= 0 && in(G::preposition, prep) && pw != "de" && pw != "d" && pw != "du" &&
                pw != "des" && pw != "a" && pw != "à" && pw != "au" && pw != "aux")
              for (const auto& a : actors_)
                if (a.last == static_cast<std::uint32_t>(prep) && !a.adjective && (!target || a.entity != target->entity)) {
                  src = a.entity;
                  conf = 0.5;
                }
          }
          if (src.empty() && !e.no_subject && th.first > t0 && is_word(th.first - 1) && in(G::possessive, th.first - 1)) {
            for (const auto& a : actors_)
              if (!a.adjective && !has_prep(a, t0) && (!target || a.entity != target->entity)) {
                src = a.entity;
                conf = 0.5;
                break;
              }
            // « X, Y et Z ont lancé leurs exercices conjoints »: the possessor is the group
            if (!src.empty() && is_symmetric(e.type) && !target) group_subject = subject_before(th.first, t0);
          }
          // « New Delhi a refusé de condamner l'invasion de l'Ukraine »: a noun that is the object
          // of a trigger verb is not the clause subject's own act
          if (src.empty() && !e.no_subject && !governed_by_verb(trig, th)) {
            if (const Actor* subj = subject_before(th.first, t0)) {
              src = subj->entity;
              conf = 0.6;
              if (only_words_between(subj->last, th.first))
                if (const Actor* other = coordinated_with(*subj, t0)) extra_source = other->entity;
              // « X, Y et Z ont mené leurs exercices conjoints »: the plural possessor is the group;
              // « Moscou et Pyongyang ont signé l'an dernier un pacte »: the subjects of a verb
              // that is no trigger of its own
              if (is_symmetric(e.type) && !target &&
                  (possessive_before(th.first, t0) ||
                   (only_words_between(subj->last, th.first) && !trigger_between(trig, subj->last, th.first))))
                group_subject = subj;
            }
            else if (auto p = pronoun_subject(th.first, t0)) { src = p->entity; conf = 0.5; }
          }
          if (dst.empty() && !src.empty())
            if (const Actor* r = recipient_object(th.first, t0, src)) dst = r->entity;
          // "La visite de X à Pyongyang. Lors de cette rencontre, Kim a ...": a demonstrative
          // MEET noun without its own participants is the last meeting, whose source meets the
          // sentence's actor
          if (e.type == RelationType::meet && (src.empty() || dst.empty()) && !last_meet_source_.empty()) {
            const std::int64_t d = word_before(th.first, t0);
            if (d >= 0 && in(G::demonstrative, static_cast<std::uint32_t>(d))) {
              std::string_view other = src.empty() ? dst : src;
              if (other.empty())
                if (const Actor* subj = subject_after(th.last, t0, t1)) other = subj->entity;
              if (!other.empty() && other != last_meet_source_) {
                src = last_meet_source_;
                dst = other;
                conf = 0.5;
              }
            }
          }
        }
      } else {
        const Actor* subj = subject_before(th.first, t0);
        // A participle clause after a comma (", critiquant X") takes the main clause's subject.
        std::string_view form = word(th.first);
        // ... and all of them: « La France, le Royaume-Uni et l'Allemagne ont …, accusant l'Iran »
        std::vector<const Actor*> participle_group;
        if (th.first > t0 && form.size() > 4 && form.substr(form.size() - 3) == "ant" &&
            !is_word(th.first - 1) && text_.substr(seg_.tokens[th.first - 1].span.begin, 1) == ",") {
          for (const auto& a : actors_)
            if (a.last <= th.first && !has_prep(a, t0)) { subj = &a; break; }
          for (const auto& b : actors_) {
            if (!subj || b.first <= subj->first || b.last > th.first) continue;
            if (has_prep(b, t0) || b.adjective) continue;
            auto list = coordinated_list(b, t0);
            if (std::find(list.begin(), list.end(), subj) == list.end()) continue;
            participle_group = std::move(list);
            participle_group.push_back(&b);
          }
        }
        if (const Actor* inf = infinitive_subject(th.first, t0)) subj = inf;
        // "Choe Son-hui, qu'il a remerciée": the antecedent is the target, the relative clause's
        // own subject (an actor after "que", or a pronoun for someone else) the source
        const Actor* antecedent = passive ? nullptr : relative_antecedent(th.first, t0);
        // "a dit à la France que l'Allemagne soutiendrait Kiev": a completive, whose verb has its
        // own target after it
        if (antecedent && first_after(th.last, t0, t1, preps, direct, 12, antecedent->entity)) antecedent = nullptr;
        std::optional<Actor> pron;
        if (antecedent) {
          subj = nullptr;
          for (const auto& a : actors_)
            if (a.first >= antecedent->last && a.last <= th.first && !a.adjective && !has_prep(a, t0)) subj = &a;
          if (!subj) pron = pronoun_subject(th.first, t0, antecedent->entity);
        } else if (!subj) {
          pron = pronoun_subject(th.first, t0);
        }
        if (passive && agent) {
          src = agent->entity;
          // "X a été soutenu par Y" (the subject), "X, soutenu par Y" (the actor the participle
          // follows); "les séparatistes soutenus par la Russie" has no actor for a target
          if (aux) { if (subj) dst = subj->entity; }
          else if (const Actor* patient = adjacent_before(th.first, t0)) dst = patient->entity;
          // "critiqué par Moscou et Pékin": both agents act
          if (const Actor* next = coordinated_after(*agent, t1)) extra_sources.push_back(next->entity);
        } else if (patient_subject) {
          // no relation: the source is not named
        } else if (antecedent) {
          if (subj) src = subj->entity;
          else if (pron) { src = pron->entity; conf = 0.5; }
          dst = antecedent->entity;
        } else {
          if (shares_subject) src = verb_src;
          else if (subj) src = subj->entity;
          else if (pron) { src = pron->entity; conf = 0.6; }
          else if (const Actor* owner = genitive_before(th.first, t0)) {
            // "La délégation de la France a rencontré ...": the owner of the subject noun
            src = owner->entity;
            conf = 0.5;
          }
          const Actor* target = e.adjacent ? adjacent_after(th.last, t1, src)
                                           : first_after(th.last, t0, t1, preps, direct, 12, src);
          // "condamne les tirs russes": a frame ending in a noun ("condamne les tirs") whose
          // demonym adjective follows it; that actor starts at the frame's last word
          if (!target && th.last > th.first + 1)
            for (const auto& a : actors_)
              if (a.adjective && a.first + 1 == th.last && a.entity != src) { target = &a; break; }
          // "critiquant la politique de Washington", "a défendu la décision de la Russie": the owner
          // of a direct object that is not an actor
          if (!target && direct && !e.adjacent) {
            target = object_owner(th.last, t0, t1, src);
            // « condamner l'invasion de l'Ukraine »: the « de » of an attack or a sanction noun is its
            // patient, not the owner of the act; the criticized one is the act's author
            if (target && patient_noun_between(trig, th.last, target->first)) target = nullptr;
          }
          // « a dénoncé les manœuvres conjointes entre Washington et Séoul »: a criticized act
          // between two actors criticizes both
          if (!target && (direct || th.last > th.first + 1) && !e.adjacent && e.type == RelationType::criticize)
            if (const Actor* a = between_object(th.last, t0, t1, src, th.last > th.first + 1)) {
              target = a;
              if (const Actor* b = coordinated_after(*a, t1); b && b->entity != src) extra_targets.push_back(b->entity);
            }
          if (target) dst = target->entity;
          // two coordinated subjects and no target: "X et Y se sont rencontrés" relates them; with
          // another type, only a reflexive verb does, each acting on the other ("Pékin et Manille
          // s'accusent mutuellement")
          if (!target && subj && words_between(subj->last, th.first) <= 3 && only_words_between(subj->last, th.first))
            if (const Actor* other = coordinated_with(*subj, t0)) {
              if (is_symmetric(e.type)) {
                dst = other->entity;
                group_subject = subj;
              } else if (other->entity != subj->entity) {
                const std::int64_t before = word_before(th.first, t0);
                reciprocal = before >= 0 && in(G::reflexive, static_cast<std::uint32_t>(before));
                if (reciprocal) dst = other->entity;
              }
            }
          // "X et Y ont livré ... à Z", "Paris, Londres et Berlin accusent Téhéran": all subjects act
          if (target && subj && subject_reaches(*subj, th.first))
            for (const Actor* other : coordinated_list(*subj, t0)) extra_sources.push_back(other->entity);
          if (target && subj)
            for (const Actor* other : participle_group)
              if (other != subj && other->entity != target->entity) extra_sources.push_back(other->entity);
          // « a accusé la Russie, l'Iran et la Chine », « fournit des armes au Mali, au Burkina Faso
          // et au Niger »: every target of the list
          if (target)
            for (const Actor* next : coordinated_after_list(*target, t1)) extra_targets.push_back(next->entity);
          if (target)
            for (const Actor* member : named_members(*target, t1, src)) extra_targets.push_back(member->entity);
          // "signera un accord de défense entre le Mali et la Russie": a symmetric relation
          // between the two actors after "entre"
          if (is_symmetric(e.type))
            for (const auto& a : actors_) {
              if (a.first < th.last || a.first > th.last + 12) continue;
              const Prep& p = prep_before(a.first, t0);
              if (p.empty() || !p.last_is(G::between)) continue;
              if (const Actor* b = coordinated_after(a, t1)) {
                src = a.entity;
                dst = b->entity;
                extra_targets.clear();
                extra_sources.clear();
              }
              break;
            }
        }
      }
      if (!e.noun || participle) verb_src = src;
      // ... but the accuser's own acts are no part of the accusation: « X, qui accuse la France de
      // …, a reçu Y », « X a accusé Y de … et mis en garde Z »
      if (!accuser.empty() && e.type != RelationType::accuse && m == Modality::asserted && src != accuser) {
        m = Modality::reported;
        reported_by = accuser;
      }
      // "ont renouvelé leurs accusations, affirmant que la Russie ...": an accusation without a
      // target accuses the subject of the clause that follows it
      if (e.type == RelationType::accuse && dst.empty() && !src.empty()) {
        std::uint32_t words = 0;
        for (std::uint32_t k = th.last; k < t1 && words < 10; ++k) {
          if (!is_word(k)) continue;
          ++words;
          if (!in(G::relative_object, k)) continue;
          for (const auto& a : actors_)
            if (a.first > k && a.first <= k + 4 && !a.adjective && !has_prep(a, t0) && a.entity != src) {
              dst = a.entity;
              break;
            }
          break;
        }
      }
      // « Poutine a reçu Modi. Les deux dirigeants ont signé un accord »: the two ends of the last
      // relation stated are the subject
      if (std::array<std::string_view, 2> pair{}; !e.noun && !passive && pair_subject(th.first, t0, pair)) {
        const auto [a, b] = pair;
        if (is_symmetric(e.type)) {
          if (src.empty() || dst.empty()) {
            src = a;
            dst = b;
          }
        } else if (!dst.empty() && dst != a && dst != b) {
          src = a;
          extra_sources.assign(1, b);
          extra_source = {};
        }
        group_subject = nullptr;
      }
      if (group_subject) {
        std::vector<std::string_view> group{group_subject->entity};
        for (const Actor* other : coordinated_list(*group_subject, t0)) group.push_back(other->entity);
        if (group.size() > 2) {
          for (std::size_t i = 0; i < group.size(); ++i)
            for (std::size_t j = i + 1; j < group.size(); ++j) emit(s, th, e, group[i], group[j], m, reported_by, conf);
          src = dst = extra_source = {};
          extra_targets.clear();
          extra_sources.clear();
        } else if (group.size() == 2 && dst.empty()) {
          src = group[0];
          dst = group[1];
          extra_source = {};
        }
      }
      emit(s, th, e, src, dst, m, reported_by, conf);
      if (e.type == RelationType::meet && !src.empty() && !dst.empty()) last_meet_source_ = src;
      for (const auto& y : extra_targets) emit(s, th, e, src, y, m, reported_by, conf);
      if (!extra_source.empty()) emit(s, th, e, extra_source, dst, m, reported_by, conf);
      for (const auto& x : extra_sources) {
        emit(s, th, e, x, dst, m, reported_by, conf);
        for (const auto& y : extra_targets) emit(s, th, e, x, y, m, reported_by, conf);
      }
      if (reciprocal) emit(s, th, e, dst, src, m, reported_by, conf);
      // "Selon X, Y aurait livré ...": X accuses Y of an alleged act
      // (« …, a précisé le Quai d'Orsay » reports a statement but alleges nothing)
      if (by_source && !reported_by.empty() && m == Modality::reported && !src.empty() && reported_by != src &&
          (e.type == RelationType::supply || e.type == RelationType::attack ||
           e.type == RelationType::sanction) && accuser.empty()) {
        TriggerEntry acc;
        acc.id = "selon_alleged_act";
        acc.type = RelationType::accuse;
        acc.cameo = "112";
        acc.goldstein = -2.0;
        emit(s, th, acc, reported_by, src, Modality::asserted, "", 0.5);
      }
      if (e.type == RelationType::accuse && !src.empty()) accuser = src;
    }
  }

  // Entities are numbered per document, so that the pair counts need no string keys; both
  // tables are flat (no allocation per entity or per pair).
  std::uint32_t entity_number(std::string_view id) {
    const auto [number, added] = numbers_.find_or_insert(
        detail::hash_word(id), [&](std::uint32_t k) { return names_[k] == id; },
        static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(id);
    return number;
  }

  void cooccur() {
    ids_.clear();
    for (const auto& a : actors_) ids_.push_back(entity_number(a.entity));
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
    for (std::size_t i = 0; i < ids_.size(); ++i)
      for (std::size_t j = i + 1; j < ids_.size(); ++j) {
        const std::uint64_t key = (static_cast<std::uint64_t>(ids_[i]) << 32) | ids_[j];
        const auto [k, added] = cooc_index_.find_or_insert(
            detail::mix_hash(key), [&](std::uint32_t c) { return cooc_[c].key == key; },
            static_cast<std::uint32_t>(cooc_.size()));
        if (added) cooc_.push_back({key, 0});
        ++cooc_[k].sentences;
      }
  }

 public:
  // The co-occurrence counts by entity id, sorted by (a, b) with a < b.
  std::vector<CoOccurrence> cooccurrences() const {
    // The entities' ranks in id order, so that the pairs sort by two integers; the ids are
    // distinct, so the order is the ids' order. Copied to strings once, sorted.
    std::vector<std::uint32_t> by_id(names_.size()), rank(names_.size());
    for (std::uint32_t k = 0; k < by_id.size(); ++k) by_id[k] = k;
    std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t x, std::uint32_t y) { return names_[x] < names_[y]; });
    for (std::uint32_t r = 0; r < by_id.size(); ++r) rank[by_id[r]] = r;
    struct Pair { std::uint32_t a, b, n; };  // ranks, a < b
    std::vector<Pair> pairs;
    pairs.reserve(cooc_.size());
    for (const auto& c : cooc_) {
      const std::uint32_t a = rank[c.key >> 32], b = rank[c.key & 0xFFFFFFFFu];
      pairs.push_back(a < b ? Pair{a, b, c.sentences} : Pair{b, a, c.sentences});
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    std::vector<CoOccurrence> out;
    out.reserve(pairs.size());
    for (const auto& p : pairs) out.push_back({std::string(names_[by_id[p.a]]), std::string(names_[by_id[p.b]]), p.n});
    return out;
  }

 private:

  std::string_view text_;
  const Segmentation& seg_;
  const TriggerLexicon::Impl& lex_;
  const RelationOptions& opt_;
  Document& doc_;
  std::vector<Actor> actors_;
  std::vector<Actor> history_;
  std::vector<Actor> subjects_;  // subjects of the last sentences, for pronouns
  std::string_view last_meet_source_;  // the source of the last MEET, for "lors de cette rencontre"
  std::vector<TriggerHit> sentence_triggers_;
  std::vector<CueHit> sentence_cues_;
  mutable std::vector<Prep> prep_cache_;        // per actor of the sentence
  mutable std::vector<std::uint8_t> prep_done_;
  mutable Prep prep_scratch_;
  std::vector<std::uint32_t> word_prefix_;    // word tokens before token k
  std::vector<std::uint32_t> clause_prefix_;  // clause-break words before token k
  std::vector<std::uint32_t> classes_;        // grammar.tsv classes of token k, one bit each
  std::map<std::tuple<std::string_view, RelationType, std::string_view>, Relation> found_;
  detail::HashSlots numbers_;              // hash of an entity id -> its number
  std::vector<std::string_view> names_;    // number -> entity id
  std::vector<std::uint32_t> ids_;         // scratch
  struct Cooc {
    std::uint64_t key;                     // (number a, number b), a < b
    std::uint32_t sentences;
  };
  std::vector<Cooc> cooc_;                 // in order of first co-occurrence
  detail::HashSlots cooc_index_;           // hash of a key -> its index in cooc_
};

}  // namespace

void build_relations(std::string_view text, const Segmentation& seg,
                     const std::vector<Mention>& mentions, const Gazetteer& gazetteer,
                     const TriggerLexicon& lexicon, const RelationOptions& options,
                     Document& doc) {
  detail::build_relations(text, seg, mentions, gazetteer, gazetteer.match_demonyms(seg), lexicon, options, doc);
}

void detail::build_relations(std::string_view text, const Segmentation& seg, const std::vector<Mention>& mentions,
                             const Gazetteer& gazetteer, const std::vector<GazetteerMatch>& demonyms,
                             const TriggerLexicon& lexicon, const RelationOptions& options, Document& doc) {
  const TriggerLexicon::Impl& lex = lexicon.impl();
  // Each token's word id in the lexicon's trie: its trigger and cue paths and its grammar classes.
  std::vector<std::uint32_t> ids, found;
  lex.words.word_ids(seg, ids, &found);
  // Actors: mentions of actor types that are not inside another mention.
  std::vector<Actor> actors;
  actors.reserve(mentions.size() + demonyms.size());  // at most one per mention and demonym
  // Mentions are sorted by (begin, longest first): one is nested in an earlier one exactly when
  // an earlier mention reaches as far. O(mentions).
  std::uint32_t reach = 0;
  std::vector<bool> covered(seg.tokens.size() + 1, false);  // tokens inside any mention
  // The first token of each mention and the first after it, by a cursor over the tokens (a binary
  // search only if the mentions come out of order).
  const auto num_tokens = static_cast<std::uint32_t>(seg.tokens.size());
  std::uint32_t first = 0;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    const bool nested = i > 0 && reach >= m.span.end;
    reach = std::max(reach, m.span.end);
    if (i > 0 && m.span.begin < mentions[i - 1].span.begin) first = detail::token_at(seg, m.span.begin);
    while (first < num_tokens && seg.tokens[first].span.begin < m.span.begin) ++first;
    std::uint32_t last = first;
    for (; last < num_tokens && seg.tokens[last].span.begin < m.span.end; ++last) covered[last] = true;
    if (!is_actor_type(m.type)) continue;
    if (nested) continue;
    Actor a;
    a.first = first;
    a.last = last;
    if (a.first >= a.last) continue;
    a.entity = m.entity;
    a.type = m.type;
    actors.push_back(std::move(a));
  }
  // Demonym adjectives after an actor noun: "les troupes nord-coréennes", and those coordinated
  // with one: "les frappes israéliennes et américaines".
  std::uint32_t last_adjective_end = 0;
  for (const auto& dm : demonyms) {
    bool inside = false;
    for (std::uint32_t t = dm.first; t < dm.last; ++t) inside = inside || covered[t];
    if (inside || dm.first == 0) continue;
    std::uint32_t noun = dm.first;
    bool ok = false;
    for (int back = 0; back < 2 && noun > 0; ++back) {
      --noun;
      if (seg.tokens[noun].sentence != seg.tokens[dm.first].sentence || !seg.tokens[noun].is_word()) break;
      if (lex.classes_of_id(ids[noun]) >> G::actor_noun & 1u) { ok = true; break; }
    }
    std::uint32_t first = noun;
    // (« aux armées malienne, burkinabè et nigérienne »: a comma joins them too)
    if (!ok && last_adjective_end > 0 && dm.first >= 2 && last_adjective_end == dm.first - 1 &&
        (seg.tokens[dm.first - 1].is_word() ? (lex.classes_of_id(ids[dm.first - 1]) >> G::coordination & 1u) != 0
                                            : seg.norm(dm.first - 1) == ",")) {
      ok = true;
      first = dm.first;
    }
    if (!ok) continue;
    last_adjective_end = dm.last;
    Actor a;
    a.first = first;
    a.last = dm.last;
    a.entity = gazetteer.entities()[dm.alias].id;
    a.type = gazetteer.entities()[dm.alias].type;
    a.adjective = true;
    actors.push_back(std::move(a));
  }
  std::sort(actors.begin(), actors.end(), [](const Actor& a, const Actor& b) { return a.first < b.first; });
  // "le chef du gouvernement slovaque, Robert Fico": a named apposition replaces the adjective
  for (std::size_t i = 0; i + 1 < actors.size(); ++i) {
    Actor& a = actors[i];
    const Actor& b = actors[i + 1];
    if (a.adjective && !b.adjective && b.first == a.last + 1 && a.last < seg.tokens.size() &&
        seg.norm(a.last) == ",")
      a.entity = {};
  }
  actors.erase(std::remove_if(actors.begin(), actors.end(), [](const Actor& a) { return a.entity.empty(); }),
               actors.end());

  // Triggers: leftmost-longest.
  // Triggers and cues in one walk over the token ids (found in the order of separate walks).
  std::vector<TriggerHit> all, triggers;
  std::vector<CueHit> cues;
  // about one hit per lexicon word found at most: mostly no regrowth
  all.reserve(found.size());
  triggers.reserve(found.size());
  cues.reserve(found.size());
  // « a lancé 400 drones sur l'Ukraine », « a livré trois chars à »: inside a trigger phrase a number
  // stands for the article « des » (the phrases list « lance des drones »)
  const std::uint32_t des = lex.words.word_id("des");
  lex.words.walk(
      seg, ids, found,
      [&](std::uint32_t node) { return lex.node_hit[node] != 0; },
      [&](std::uint32_t f, std::uint32_t l, std::uint32_t node) {
        if (!lex.node_entries[node].empty()) all.push_back({f, l, lex.node_entries[node][0]});
        for (auto c : lex.node_cues[node]) cues.push_back({f, l, c});
      },
      // « a signé mardi un accord »: a day or an adverb inside a phrase (grammar class interjected)
      [&](std::uint32_t t) { return (lex.classes_of_id(ids[t]) >> G::interjected & 1u) != 0; },
      [&](std::uint32_t t) {
        const bool number = (seg.tokens[t].flags & Token::kDigit) != 0 || (lex.classes_of_id(ids[t]) >> G::numeral & 1u);
        return number ? des : detail::TokenTrie::kNone;
      });
  std::stable_sort(all.begin(), all.end(), [](const TriggerHit& a, const TriggerHit& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  std::uint32_t trigger_end = 0;
  for (const auto& t : all)
    if (t.first >= trigger_end) { triggers.push_back(t); trigger_end = t.last; }
  std::stable_sort(cues.begin(), cues.end(), [](const CueHit& a, const CueHit& b) { return a.first < b.first; });

  SentenceBuilder sb(text, seg, lex, options, doc);
  sb.run(ids, actors, triggers, cues);
  doc.relations.clear();
  for (auto& [k, r] : sb.found()) doc.relations.push_back(std::move(r));
  // An actor named only by a demonym adjective (« la colère de ses partenaires européens ») has no
  // mention; its entity is listed all the same, with none, so that every end of a relation is an
  // entity of the document (the graph's node gets its name and type). Few adjectives name an
  // entity that no mention names: only those are looked for among the relations' ends.
  std::vector<std::string_view> unnamed;
  for (const auto& a : actors)
    if (a.adjective) unnamed.push_back(a.entity);
  std::sort(unnamed.begin(), unnamed.end());
  unnamed.erase(std::unique(unnamed.begin(), unnamed.end()), unnamed.end());
  std::erase_if(unnamed, [&](std::string_view id) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& m) { return m.entity == id; });
  });
  for (const std::string_view id : unnamed) {
    const bool end = std::any_of(doc.relations.begin(), doc.relations.end(), [&](const Relation& r) {
      return r.source == id || r.target == id || r.reported_by == id;
    });
    if (!end || doc.find_entity(id)) continue;
    const auto g = gazetteer.find(id);
    if (!g) continue;
    const EntityRecord& rec = gazetteer.entities()[*g];
    Entity e;
    e.id = id;
    e.type = rec.type;
    e.name = rec.name;
    e.known = true;
    e.attributes.assign(rec.attributes.begin(), rec.attributes.end());
    doc.entities.push_back(std::move(e));
  }
  doc.cooccurrences.clear();
  doc.cooccurrences = sb.cooccurrences();
}

}  // namespace nercore
