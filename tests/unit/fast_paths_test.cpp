// SPDX-License-Identifier: MIT
// The fast paths give the same results as the slow paths they replace: the UTF-8 sentence scanner
// as ICU's sentence BreakIterator, the direct JSON writer as nlohmann::json, the per-line RE2::Set
// prefilter as one pass of each rule over the whole text, hashed trie lookups as unhashed ones (and
// the trie's word filter as no filter), the gazetteer's introduced short forms as all of them, and
// the Pipeline's shared demonym matches as each stage finding its own.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <re2/re2.h>
#include <unicode/brkiter.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "detail/hash_slots.hpp"
#include "detail/json_reference.hpp"
#include "detail/sentence_breaks.hpp"
#include "detail/token_trie.hpp"
#include "nercore/export.hpp"
#include "nercore/pipeline.hpp"
#include "support/fixtures.hpp"

using namespace nercore;
using nercore::test::bundled;
using nercore::test::sample_articles;

namespace {

std::unique_ptr<icu::BreakIterator> icu_sentences() {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getFrench(), st));
  REQUIRE(U_SUCCESS(st));
  return bi;
}

}  // namespace

TEST_CASE("the sentence scanner breaks where ICU's sentence BreakIterator does", "[segment]") {
  auto bi = icu_sentences();
  std::vector<std::size_t> mine, icu;
  for (const auto& text : sample_articles()) {
    REQUIRE(detail::sentence_breaks(text, mine));
    detail::icu_sentence_breaks(*bi, text, icu);
    CHECK(mine == icu);
  }
  // Random strings over the characters that the rules distinguish: terminators (ATerm, STerm),
  // Close, Sp, Sep, CR LF, Extend and Format, Upper, Lower, OLetter, Numeric, SContinue.
  const char* alphabet[] = {"a", "b", "A", "Z", ".", ".", "!", "?", " ", " ", "\n", "\r", "\r\n",
                            "\u00A0", "«", "»", "(", ")", "\"", "'", "’", "1", "2", ",", ";", ":",
                            "…", "\u0301", "\u00AD", "\u200B", "\u2029", "\u0085", "中", "-", "–",
                            "\t", "é", "É", "\u2024", "\u3002", "\uFF0E", "\u203C", "\u2028",
                            "\u05D0", "\uFEFF", "\U0001D400", "\U0001F600", "ß", "\u02BC", "[", "]",
                            "\u201D", "\u0660", "M", "Mme"};
  std::mt19937 rng(20240619);
  const std::size_t n = sizeof alphabet / sizeof *alphabet;
  int mismatches = 0;
  for (int iter = 0; iter < 200000; ++iter) {
    std::string t;
    const int len = static_cast<int>(rng() % 14);
    for (int k = 0; k < len; ++k) t += alphabet[rng() % n];
    REQUIRE(detail::sentence_breaks(t, mine));
    detail::icu_sentence_breaks(*bi, t, icu);
    if (mine != icu && ++mismatches <= 5) CHECK(t == "(no mismatch expected)");
  }
  CHECK(mismatches == 0);
}

TEST_CASE("the direct JSON writer writes the bytes of the nlohmann::json path", "[export]") {
  PipelineOptions explaining = bundled().options();
  explaining.resolve.explain = true;
  const Pipeline with_explanations = Pipeline::create(std::move(explaining)).value();
  for (const auto& text : sample_articles()) {
    Document d = bundled().annotate(text, "doc", "2024-06-19");
    CHECK(to_json(d) == detail::to_json_reference(d, {}));
    JsonOptions o;
    o.evidence = false;
    o.cooccurrences = false;
    CHECK(to_json(d, o) == detail::to_json_reference(d, o));
    Document x = with_explanations.annotate(text, "doc", "2024-06-19");
    REQUIRE_FALSE(x.explanations.empty());
    CHECK(to_json(x) == detail::to_json_reference(x, {}));
  }
  // Escapes, invalid UTF-8, repeated attribute keys, numbers of every shape.
  Document d;
  d.id = std::string("a\"b\\c\n\t\x01\x1f\x7f/é");
  d.bytes = 12;
  d.mentions.push_back({{0, 3}, std::string("R\xFFus\xC3"), "x", EntityType::state, MentionKind::name, "r", "s"});
  d.mentions.push_back({{4, 9}, "\xE2\x80\x99\xF0\x9F\x98\x80", "x", EntityType::state, MentionKind::descriptor, "r", ""});
  d.entities.push_back({"x", EntityType::state, "X", true, {0, 1}, {{"b", "1"}, {"a", "2"}, {"b", "3"}}});
  for (double g : {3.4, -2.0, 0.0, -0.0, 0.1 + 0.2, 1e21, 1e-7, 123456789.125, 10.0,
                   std::numeric_limits<double>::quiet_NaN()}) {
    Relation r;
    r.source = "x";
    r.target = "y";
    r.goldstein = g;
    r.confidence = g / 3;
    r.reported_by = "z";
    r.evidence.push_back({{0, 3}, {1, 2}, std::string("x\0y", 3), Modality::future});
    d.relations.push_back(r);
  }
  d.cooccurrences.push_back({"x", "y", 4});
  d.explanations.push_back({{0, 3}, "R\xFFus", "x", "gazetteer:a.tsv:1", true, "leftmost longest name"});
  d.explanations.push_back({{4, 9}, "\"q\"", "", "rule:r", false, "overlaps a name"});
  d.diagnostics.invalid_utf8_bytes = 2;
  d.diagnostics.first_invalid = 1;
  CHECK(to_json(d) == detail::to_json_reference(d, {}));
  d.date = "2024-06-19";
  CHECK(to_json(d) == detail::to_json_reference(d, {}));
}

TEST_CASE("the JSON writer's eight-byte runs escape as nlohmann does at every position", "[export]") {
  // Strings of plain ASCII with one or two bytes that need a look (a control byte, a quote, a
  // backslash, DEL, a multi-byte character, a byte that is not UTF-8) at every offset, so that
  // each falls at each place of an eight-byte run and of the tail after the runs.
  const std::vector<std::string> specials = {"\x01", "\x1f", "\"", "\\", "\x7f", " ", "/", "\xC3\xA9",
                                             "\xE2\x80\x99", "\xF0\x9F\x98\x80", "\xFF", "\xC3", "\n"};
  std::size_t checked = 0;
  for (std::size_t size = 0; size <= 26; ++size)
    for (std::size_t at = 0; at <= size; ++at)
      for (const auto& a : specials)
        for (const auto& b : {std::string(), std::string("\"")}) {
          std::string s(size, 'k');
          s.insert(at, a);
          s += b;
          Document d;
          d.id = s;
          d.date = "2024-06-19";
          d.mentions.push_back({{0, 1}, s, "x", EntityType::person, MentionKind::name, s, ""});
          d.entities.push_back({"x", EntityType::person, s, false, {0}, {}});
          REQUIRE(to_json(d) == detail::to_json_reference(d, {}));
          ++checked;
        }
  CHECK(checked == 2 * 13 * (27 * 28 / 2));
}

TEST_CASE("rules found line by line are the rules found over the whole text", "[regex]") {
  // The original algorithm: every rule over the whole text, leftmost first, non-overlapping.
  const RegexRecognizer& bundled_rules = bundled().options().rules;
  auto reference = [&](std::string_view text, const RegexRecognizer& rr = bundled().options().rules) {
    std::vector<RuleMatch> out;
    for (std::uint32_t r = 0; r < rr.rules().size(); ++r) {
      RE2::Options opt;
      opt.set_log_errors(false);
      RE2 re(rr.rules()[r].pattern, opt);
      REQUIRE(re.ok());
      int g = 0;
      if (auto it = re.NamedCapturingGroups().find("name"); it != re.NamedCapturingGroups().end()) g = it->second;
      std::vector<re2::StringPiece> sub(static_cast<std::size_t>(g) + 1);
      std::size_t pos = 0;
      const re2::StringPiece input(text.data(), text.size());
      while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, sub.data(), g + 1)) {
        const auto end = static_cast<std::size_t>(sub[0].data() - text.data()) + sub[0].size();
        if (sub[g].data() != nullptr && !sub[g].empty()) {
          auto b = static_cast<std::uint32_t>(sub[g].data() - text.data());
          out.push_back({{b, b + static_cast<std::uint32_t>(sub[g].size())}, r});
        }
        pos = end > pos ? end : pos + 1;
      }
    }
    std::sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
      return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
    return out;
  };
  auto same = [](const std::vector<RuleMatch>& a, const std::vector<RuleMatch>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].span != b[i].span || a[i].rule != b[i].rule) return false;
    return true;
  };
  const RegexRecognizer& rr = bundled_rules;
  REQUIRE(rr.rules().size() > 3);
  std::string all;
  for (const auto& text : sample_articles()) {
    CHECK(same(rr.match(text), reference(text)));
    all += text + "\n\n";
  }
  const std::string edges = "M. Jean\nDupont a vu le ministre\nVladimir Poutine.\nM. Dupont";
  CHECK(same(rr.match(edges), reference(edges)));
  // The group is taken from an anchored match of the whole match's span: the same group as one
  // unanchored search with submatches, for alternatives, lazy and empty groups, word boundaries
  // at the span's edges and rules without a group.
  auto tricky = RegexRecognizer::from_text(
                    "alt\tPERSON\t(a|ab)(?P<name>c|bcd)\n"
                    "edge\tPERSON\t\\b(?P<name>\\p{Lu}\\p{Ll}+)\\b\n"
                    "lazy\tPERSON\t(?P<name>x+?)(x*)y\n"
                    "tail\tPERSON\t(?P<name>\\p{Lu}\\w*)(?:,| a\\b)\n"
                    "caps\tPERSON\t[A-Z]{2,}\n"
                    "empty\tPERSON\t(?P<name>z*)q\n",
                    "inline")
                    .value();
  const std::string hard = "abcd abc xxxy xy Élise, Marc a vu ONU et OTAN; zzq q, Jean a dit. Abcd-Efg xxxxy\n"
                           "ab abcd Zoé Ça, Ana a\nq zq";
  const auto found = tricky.match(hard);
  CHECK(same(found, reference(hard, tricky)));
  CHECK(found.size() >= 10);
  // A rule that can match a line feed is run over the whole text.
  auto crossing = RegexRecognizer::from_text("nl\tPERSON\tDupont\\s+(?P<name>\\p{Lu}\\p{L}+)\n", "inline").value();
  auto m = crossing.match("Dupont\nMartin et Dupont Petit");
  REQUIRE(m.size() == 2);
  CHECK(m[0].span.begin == 7);
}

TEST_CASE("trie lookups by the stored hash find what lookups by the word find", "[gazetteer]") {
  auto seg = Segmenter::create().value();
  const Gazetteer& gz = bundled().options().gazetteer;
  for (const auto& text : sample_articles()) {
    Segmentation s = seg.segment(text);
    REQUIRE(s.hashes.size() == s.tokens.size());
    auto with = gz.match(s);
    auto with_demonyms = gz.match_demonyms(s);
    s.hashes.clear();  // a Segmentation built by hand has none
    auto without = gz.match(s);
    auto without_demonyms = gz.match_demonyms(s);
    REQUIRE(with.size() == without.size());
    for (std::size_t i = 0; i < with.size(); ++i) {
      CHECK(with[i].first == without[i].first);
      CHECK(with[i].last == without[i].last);
      CHECK(with[i].alias == without[i].alias);
    }
    CHECK(with_demonyms.size() == without_demonyms.size());
  }
}

TEST_CASE("lexicon lookups by the stored hash answer what lookups by the word answer", "[gazetteer][resolve][relations]") {
  auto seg = Segmenter::create().value();
  const PipelineOptions& o = bundled().options();
  const DescriptorLexicon& desc = o.resolve.descriptors;
  std::size_t heads = 0, stops = 0, given = 0;
  for (const auto& text : sample_articles()) {
    Segmentation s = seg.segment(text);
    REQUIRE(s.hashes.size() == s.tokens.size());
    for (std::uint32_t t = 0; t < s.tokens.size(); ++t) {
      if (!s.tokens[t].is_word()) continue;
      const std::string_view w = s.norm(t);
      CHECK(desc.starting_with(w, s.hashes[t]) == desc.starting_with(w));
      CHECK(desc.is_stop(w, s.hashes[t]) == desc.is_stop(w));
      CHECK(o.gazetteer.is_first_name(w, s.hashes[t]) == o.gazetteer.is_first_name(w));
      heads += desc.starting_with(w).empty() ? 0 : 1;
      stops += desc.is_stop(w) ? 1 : 0;
      given += o.gazetteer.is_first_name(w) ? 1 : 0;
    }
    // Resolution and relations over a Segmentation without stored hashes (built by hand) find
    // the same mentions and relations.
    const auto names = o.gazetteer.match(s);
    const auto rules = o.rules.match(text);
    Document with, without;
    with.date = without.date = "2024-06-19";
    resolve(text, s, o.gazetteer, names, o.rules, rules, o.resolve, with);
    build_relations(text, s, with.mentions, o.gazetteer, o.lexicon, o.relations, with);
    Segmentation bare = s;
    bare.hashes.clear();
    resolve(text, bare, o.gazetteer, names, o.rules, rules, o.resolve, without);
    build_relations(text, bare, without.mentions, o.gazetteer, o.lexicon, o.relations, without);
    CHECK(to_json(with) == to_json(without));
    CHECK_FALSE(with.relations.empty());
  }
  // The samples exercise each lookup.
  CHECK(heads > 0);
  CHECK(stops > 0);
  CHECK(given > 0);
}

TEST_CASE("a trie finds every word it holds and no other, as its word filter grows", "[gazetteer]") {
  // The filter in front of the vocabulary is rebuilt each time the words double; a word it lost
  // would never match again.
  detail::TokenTrie trie;
  std::vector<std::string> words;
  for (int i = 0; i < 40'000; ++i) words.push_back(fmt::format("mot{}x", i));
  for (std::size_t i = 0; i < words.size(); ++i) {
    trie.insert(std::vector<std::string>{words[i]});
    if ((i & (i + 1)) == 0) {  // after 1, 2, 4, 8, ... words: every word so far is still found
      for (std::size_t j = 0; j <= i; ++j) REQUIRE(trie.word_id(words[j]) == j);
    }
  }
  REQUIRE(trie.num_words() == words.size());
  for (std::size_t j = 0; j < words.size(); ++j) CHECK(trie.word_id(words[j]) == j);
  // words never inserted are not found, whether the filter lets them through or not
  std::size_t absent = 0;
  for (int i = 0; i < 40'000; ++i) absent += trie.word_id(fmt::format("mot{}y", i)) == detail::TokenTrie::kNone;
  CHECK(absent == 40'000);
  CHECK(trie.word_id("") == detail::TokenTrie::kNone);
}

TEST_CASE("words are equal when every byte is, whatever their length and where they differ", "[gazetteer]") {
  // The trie's vocabulary compares words inline, by loads whose shape depends on the length (one to
  // three single bytes, two overlapping 4-byte loads, 8-byte steps and an overlapping last one):
  // every length up to 40 bytes, every byte position changed, including to a byte with the high bit.
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a.push_back(static_cast<char>('a' + (i * 7 + n) % 26));
    const std::string b = a;  // another buffer, the same bytes
    REQUIRE(detail::same_bytes(a, b));
    for (std::size_t i = 0; i < n; ++i) {
      for (char c : {static_cast<char>(a[i] == 'z' ? 'y' : a[i] + 1), static_cast<char>(0x80 | a[i])}) {
        std::string other = a;
        other[i] = c;
        CHECK_FALSE(detail::same_bytes(a, other));
        CHECK_FALSE(detail::same_bytes(other, a));
      }
    }
    CHECK_FALSE(detail::same_bytes(a, a + "a"));
    if (n > 1) CHECK_FALSE(detail::same_bytes(std::string_view(a).substr(1), std::string_view(a).substr(0, n - 1)));
  }
}

TEST_CASE("a trie's word ids of a text are its one-word lookups, and its list of found tokens is in order", "[gazetteer]") {
  // word_ids() filters all tokens first and probes the vocabulary for the survivors only; the
  // result must be the lookup of each token, with or without the Segmenter's hashes.
  detail::TokenTrie trie;
  for (const char* name : {"jean", "marie", "le", "pen", "kim", "jong", "un", "etats", "unis", "d", "ivoire", "x"})
    trie.insert(std::vector<std::string>{name});
  auto seg = Segmenter::create().value();
  std::size_t hits = 0;
  for (const auto& text : sample_articles()) {
    Segmentation s = seg.segment(text + " Jean-Marie Le Pen, Kim Jong-un, Côte d'Ivoire, X. Zzz.");
    REQUIRE(s.hashes.size() == s.tokens.size());
    for (bool hashed : {true, false}) {
      if (!hashed) s.hashes.clear();
      std::vector<std::uint32_t> ids, found;
      trie.word_ids(s, ids, &found);
      REQUIRE(ids.size() == s.tokens.size());
      std::vector<std::uint32_t> expected_found;
      for (std::uint32_t t = 0; t < s.tokens.size(); ++t) {
        const std::uint32_t want = s.tokens[t].is_word() ? trie.word_id(s.norm(t)) : detail::TokenTrie::kNone;
        CHECK(ids[t] == want);
        if (want != detail::TokenTrie::kNone) expected_found.push_back(t);
      }
      CHECK(found == expected_found);
      hits += found.size();
    }
  }
  CHECK(hits > 20);
}

TEST_CASE("the pipeline, which finds the demonyms once for two stages, annotates as the stage functions do", "[pipeline][resolve][relations]") {
  auto seg = Segmenter::create().value();
  const Pipeline& p = bundled();
  const PipelineOptions& o = p.options();
  std::size_t relations = 0;
  for (const auto& text : sample_articles()) {
    const Segmentation s = seg.segment(text);
    Document staged;  // what Pipeline::annotate sets besides the stages
    staged.date = "2024-06-19";
    staged.bytes = text.size();
    staged.sentences = s.sentences;
    resolve(text, s, o.gazetteer, o.gazetteer.match(s, short_forms_needed(o.resolve)), o.rules,
            o.rules.match(text), o.resolve, staged);
    build_relations(text, s, staged.mentions, o.gazetteer, o.lexicon, o.relations, staged);
    const Document piped = p.annotate(text, "", "2024-06-19");
    CHECK(to_json(piped) == to_json(staged));
    relations += piped.relations.size();
  }
  CHECK(relations > 0);
}

TEST_CASE("resolution on the introduced short forms is resolution on all of them", "[gazetteer][resolve]") {
  // The bundled gazetteers plus 2,000 people who share the surnames of the samples' actors.
  GazetteerBuilder b;
  REQUIRE(b.add_directory(NERCORE_GAZETTEERS));
  const char* surnames[] = {"Poutine", "Lavrov", "Zelensky", "Macron", "Kim"};
  for (int i = 0; i < 2000; ++i)
    REQUIRE(b.add_entity({fmt::format("homonym_{}", i), EntityType::person,
                          fmt::format("Personne{} {}", i, surnames[i % 5]), {}, ""},
                         {}));
  const Gazetteer gz = std::move(b).build().value();
  const PipelineOptions& o = bundled().options();
  auto seg = Segmenter::create().value();
  std::vector<std::string> texts = sample_articles();
  texts.push_back("Poutine a parlé. Vladimir Poutine a répondu à Personne7 Lavrov. Poutine, Lavrov et "
                  "Kim sont partis.");
  std::size_t all_matches = 0, introduced_matches = 0;
  for (const auto& text : texts) {
    const Segmentation s = seg.segment(text);
    const auto all = gz.match(s, Gazetteer::ShortForms::all);
    const auto introduced = gz.match(s, Gazetteer::ShortForms::introduced);
    all_matches += all.size();
    introduced_matches += introduced.size();
    // the introduced matches are some of all, in the same order
    std::size_t k = 0;
    for (const auto& m : all)
      if (k < introduced.size() && m.first == introduced[k].first && m.last == introduced[k].last &&
          m.alias == introduced[k].alias)
        ++k;
    CHECK(k == introduced.size());
    const auto rules = o.rules.match(text);
    Document from_all, from_introduced;
    from_all.date = from_introduced.date = "2024-06-19";
    resolve(text, s, gz, all, o.rules, rules, o.resolve, from_all);
    resolve(text, s, gz, introduced, o.rules, rules, o.resolve, from_introduced);
    CHECK(to_json(from_all) == to_json(from_introduced));
    CHECK_FALSE(from_all.mentions.empty());
  }
  // thousands of short forms never introduced are not candidates
  CHECK(all_matches > introduced_matches + 2000);
}

TEST_CASE("a trie's walk from the words that may start a path is its walk over every word id", "[gazetteer]") {
  // With the Segmenter's hashes, walk() looks up only the tokens that pass the filter of words
  // with a root edge, and the words after them as it goes; without, it walks over word_ids(). Both
  // must report the same (first, last, node) in the same order. "de", "du", "nord", "unis" and
  // "ivoire" continue paths here and start none; "le" does both.
  detail::TokenTrie trie;
  const std::vector<std::vector<std::string>> paths = {
      {"jean", "marie", "le", "pen"}, {"le", "pen"}, {"marie"}, {"kim", "jong", "un"}, {"kim"},
      {"etats", "unis"}, {"cote", "d", "ivoire"}, {"coree", "du", "nord"}, {"dominique", "de", "villepin"},
      {"conseil", "de", "securite"}, {"x"}};
  for (const auto& p : paths) trie.insert(p);
  // words beyond the first doublings of the filters, starting paths and continuing them
  for (int i = 0; i < 3'000; ++i) trie.insert(std::vector<std::string>{fmt::format("nom{}", i), "de", fmt::format("lieu{}", i)});
  auto seg = Segmenter::create().value();
  std::size_t reported = 0, continuing = 0;
  for (const auto& text : sample_articles()) {
    Segmentation s = seg.segment(text +
                                 " Jean-Marie Le Pen, Le Pen et Marie ; Kim Jong-un et Kim. Les États-Unis, la Côte "
                                 "d'Ivoire, la Corée du Nord, Dominique de Villepin au Conseil de sécurité. X. Nom12 de "
                                 "Lieu12, nom12 de lieu13, Nom2999 de Lieu2999. De du nord unis ivoire de.");
    REQUIRE(s.hashes.size() == s.tokens.size());
    using Hit = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;
    std::vector<Hit> hashed, by_ids;
    auto all = [](std::uint32_t) { return true; };
    trie.walk(s, all, [&](std::uint32_t f, std::uint32_t l, std::uint32_t n) { hashed.emplace_back(f, l, n); });
    Segmentation bare = s;
    bare.hashes.clear();
    trie.walk(bare, all, [&](std::uint32_t f, std::uint32_t l, std::uint32_t n) { by_ids.emplace_back(f, l, n); });
    CHECK(hashed == by_ids);
    reported += hashed.size();
    for (const auto& [f, l, n] : hashed) continuing += l - f > 1;
  }
  CHECK(reported > 30);
  CHECK(continuing > 10);
}

TEST_CASE("an index set holds what was inserted and nothing else, reserved or grown", "[gazetteer]") {
  // Gazetteer::match reserves its set of introduced entities; the set must still grow past the
  // reservation, and a reservation after inserts must keep them.
  for (std::size_t reserved : {0u, 1u, 64u, 1000u}) {
    detail::IndexSet set;
    set.reserve(reserved);
    for (std::uint32_t v = 0; v < 3000; v += 3) CHECK(set.insert(v * 2654435761u % 1'000'003u));
    set.reserve(100'000);  // not empty: no effect on what it holds
    std::size_t held = 0, others = 0;
    for (std::uint32_t v = 0; v < 3000; ++v) {
      const bool in = set.contains(v * 2654435761u % 1'000'003u);
      (v % 3 == 0 ? held : others) += in;
    }
    CHECK(held == 1000);
    CHECK(others == 0);
    CHECK(set.size() == 1000);
    CHECK_FALSE(set.insert(0));  // already there
  }
}

TEST_CASE("the walk over word ids steps over skippable words inside a phrase only", "[gazetteer]") {
  auto seg = Segmenter::create().value();
  // the spans of the matches of `phrase` in `text`, « mardi » skippable or not
  const auto hits = [&](const detail::TokenTrie& trie, std::uint32_t phrase, std::string_view text, bool skipping) {
    const Segmentation s = seg.segment(text);
    std::vector<std::uint32_t> ids, found;
    trie.word_ids(s, ids, &found);
    const std::uint32_t mardi = trie.word_id("mardi");
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    trie.walk(
        s, ids, found, [&](std::uint32_t n) { return n == phrase; },
        [&](std::uint32_t f, std::uint32_t l, std::uint32_t) { out.emplace_back(f, l); },
        [&](std::uint32_t t) { return skipping && ids[t] == mardi; });
    return out;
  };
  detail::TokenTrie trie;
  const auto accord = trie.insert(std::vector<std::string>{"a", "signe", "un", "accord"});
  trie.insert(std::vector<std::string>{"mardi"});
  // « mardi » is stepped over, and the match spans it
  auto h = hits(trie, accord, "Il a signé mardi un accord.", true);
  REQUIRE(h.size() == 1);
  CHECK(h[0].second - h[0].first == 5);
  CHECK(hits(trie, accord, "Il a signé mardi un accord.", false).empty());
  // at most kMaxSkipped in a row
  CHECK(hits(trie, accord, "Il a signé mardi mardi un accord.", true).size() == 1);
  CHECK(hits(trie, accord, "Il a signé mardi mardi mardi un accord.", true).empty());
  // before the first word of a phrase there is nothing to step over
  CHECK(hits(trie, accord, "Mardi a signé un accord.", true).size() == 1);
  // where the phrase goes on with the word itself, the walk follows the phrase
  detail::TokenTrie other;
  const auto soir = other.insert(std::vector<std::string>{"a", "signe", "mardi", "soir"});
  const auto accord2 = other.insert(std::vector<std::string>{"a", "signe", "un", "accord"});
  CHECK(hits(other, soir, "Il a signé mardi soir.", true).size() == 1);
  CHECK(hits(other, accord2, "Il a signé mardi un accord.", true).empty());
}

TEST_CASE("the walk over word ids lets a token stand for another word inside a phrase only", "[gazetteer]") {
  auto seg = Segmenter::create().value();
  // the spans of the matches of `phrase` in `text`; a token starting with a digit stands for « des »
  const auto hits_in = [&](const detail::TokenTrie& trie, std::uint32_t phrase, std::string_view text, bool standing) {
    const std::uint32_t des = trie.word_id("des");
    const Segmentation s = seg.segment(text);
    std::vector<std::uint32_t> ids, found;
    trie.word_ids(s, ids, &found);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    trie.walk(
        s, ids, found, [&](std::uint32_t n) { return n == phrase; },
        [&](std::uint32_t f, std::uint32_t l, std::uint32_t) { out.emplace_back(f, l); },
        [](std::uint32_t) { return false; },
        [&](std::uint32_t t) {
          return standing && (s.tokens[t].flags & Token::kDigit) ? des : detail::TokenTrie::kNone;
        });
    return out;
  };
  detail::TokenTrie trie;
  const auto drones = trie.insert(std::vector<std::string>{"lance", "des", "drones"});
  const auto hits = [&](std::uint32_t phrase, std::string_view text, bool standing) {
    return hits_in(trie, phrase, text, standing);
  };
  auto h = hits(drones, "Il lance 400 drones.", true);
  REQUIRE(h.size() == 1);
  CHECK(h[0].second - h[0].first == 3);
  CHECK(hits(drones, "Il lance 400 drones.", false).empty());
  CHECK(hits(drones, "Il lance des drones.", true).size() == 1);
  // where the phrase goes on with the token's own word, the walk follows it
  detail::TokenTrie other;
  other.insert(std::vector<std::string>{"lance", "des", "drones"});
  const auto nombres = other.insert(std::vector<std::string>{"lance", "400", "fusees"});
  CHECK(hits_in(other, nombres, "Il lance 400 fusées.", true).size() == 1);
  CHECK(hits_in(other, nombres, "Il lance 400 drones.", true).empty());
  // a phrase does not start with a stand-in
  CHECK(hits(drones, "400 drones.", true).empty());
}
