// SPDX-License-Identifier: MIT
// File: tests/reliability/bad_input_test.cpp
// The library side of the bad-input matrix (docs/RELIABILITY.md): pathological texts (100,000
// mentions in one sentence, a 1 MB line with no sentence end, NUL bytes, BOM, CR line ends), data
// files with odd line ends or malformed rows, invalid and pathological regexes, unreadable files
// and hostile GraphML. Every case either works with offsets into the original bytes or fails with
// an Error naming file and line; none crashes or goes quadratic.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "nercore/nercore.hpp"
#include "support/fixtures.hpp"

using namespace nercore;

using nercore::test::bundled;

namespace {

/// Every mention's text is the input bytes of its span.
void check_spans(const Document& d, const std::string& text) {
  for (const Mention& m : d.mentions) {
    REQUIRE(m.span.end <= text.size());
    CHECK(text.substr(m.span.begin, m.span.size()) == m.text);
  }
}

/// The mention of `entity` that starts first, or nullptr.
const Mention* first_mention(const Document& d, const std::string& entity) {
  for (const Mention& m : d.mentions)
    if (m.entity == entity) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("reliability: 100,000 mentions in one sentence cap the pair work", "[reliability]") {
  // One sentence (no sentence cut) with 100,000 state mentions: the relation builder looks at the
  // first max_actors_per_sentence (64) actors only, so pairs stay at most 64 * 63 / 2.
  PipelineOptions options = bundled().options();
  options.segmenter.max_sentence_bytes = 1U << 24;
  const Pipeline p = Pipeline::create(options).value();
  std::string text;
  for (int i = 0; i < 25000; ++i) text += "la France, la Russie, le Japon, la Chine, ";
  text += "et l'Inde soutient le Brésil.";
  const auto start = std::chrono::steady_clock::now();
  const Document d = p.annotate(text, "crowd", "2024-06-19");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("annotate took " << seconds << " s");
  CHECK(d.sentences.size() == 1);
  CHECK(d.mentions.size() >= 100000);
  CHECK(d.diagnostics.pair_cap_hits == 1);
  CHECK(d.cooccurrences.size() <= 64 * 63 / 2);

  // With the default options the sentence is also cut every 64 KB, each piece capped on its own.
  const Document cut = bundled().annotate(text, "crowd", "2024-06-19");
  CHECK(cut.mentions.size() >= 100000);
  CHECK(cut.sentences.size() >= text.size() / 65536);
  CHECK(cut.diagnostics.pair_cap_hits >= text.size() / 65536);
}

TEST_CASE("reliability: a 1 MB line with no sentence end is cut into bounded sentences",
          "[reliability]") {
  const std::string phrase =
      "la France soutient la Russie, le Japon critique la Chine et Emmanuel Macron rencontre "
      "Olaf Scholz ";
  std::string text;
  while (text.size() < (1U << 20)) text += phrase;
  const Document d = bundled().annotate(text, "line", "2024-06-19");
  REQUIRE(d.sentences.size() >= 16);
  std::uint32_t covered = 0;
  for (const Span& s : d.sentences) {
    CHECK(s.size() <= 65536);
    CHECK(s.begin >= covered);
    covered = s.end;
  }
  CHECK(covered + 2 >= text.size());  // up to the trailing space
  REQUIRE_FALSE(d.mentions.empty());
  CHECK(d.mentions.back().span.begin + phrase.size() >= text.size());  // found up to the end
  check_spans(d, text);
}

TEST_CASE("reliability: NUL bytes, a BOM, CRLF and lone CR keep offsets into the input",
          "[reliability]") {
  const std::string text = std::string("\xEF\xBB\xBF") + "La France" + std::string(1, '\0') +
                           " soutient l'Ukraine.\r\nLe Japon critique la Chine\rLa Russie" +
                           std::string(2, '\0');
  const Document d = bundled().annotate(text, "odd", "2024-06-19");
  check_spans(d, text);
  const Mention* france = first_mention(d, "france");
  REQUIRE(france != nullptr);
  CHECK(france->span.begin == 6);  // 3 bytes of BOM, then "La "
  REQUIRE(first_mention(d, "russia") != nullptr);
  CHECK(first_mention(d, "russia")->span.begin == text.find("Russie"));
  CHECK(d.sentences.size() == 3);  // CRLF and the lone CR end sentences
  CHECK(d.diagnostics.invalid_utf8_bytes == 0);
  CHECK(to_json(d).find("\\u0000") != std::string::npos);
}

TEST_CASE("reliability: data files with CRLF, lone CR, a BOM or NUL bytes", "[reliability]") {
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text("\xEF\xBB\xBF" "alpha\tSTATE\tAlphaland\r\nbeta\tSTATE\tBetaland\r"
                            "gamma\tSTATE\tGammaland\r\n",
                            "mac.tsv"));
  const Gazetteer gz = std::move(b).build().value();
  CHECK(gz.entities().size() == 3);

  GazetteerBuilder nul;
  const Status st = nul.add_entity_text(
      "ok\tSTATE\tOkland\nb" + std::string(1, '\0') + "d\tSTATE\tBad\n", "nul.tsv");
  REQUIRE_FALSE(st);
  CHECK(st.error().source == "nul.tsv");
  CHECK(st.error().line == 2);

  // An invalid byte is reported at its line, counting lone CRs as line ends.
  GazetteerBuilder bad;
  const Status utf8 = bad.add_entity_text("a\tSTATE\tA\rb\tSTATE\tB\xFF\n", "bad.tsv");
  REQUIRE_FALSE(utf8);
  CHECK(utf8.error().code == ErrorCode::invalid_utf8);
  CHECK(utf8.error().line == 2);

  auto rules = RegexRecognizer::from_text("a\tPERSON\tAa\\w+\t-\rb\tPERSON\tBb\\w+\t-\r", "r.tsv");
  REQUIRE(rules);
  CHECK(rules->rules().size() == 2);
}

TEST_CASE("reliability: malformed gazetteer rows name file, line and code", "[reliability]") {
  struct Case {
    std::string entities, offices, roles;
    ErrorCode code;
    std::string where;  // "file:line: [Nxxx]"
  };
  const std::vector<Case> cases = {
      {"# header\na\tSTATE\n", "", "", ErrorCode::parse, "e.tsv:2: [N002]"},
      {"a\tSTAAT\tA\n", "", "", ErrorCode::unknown_type, "e.tsv:1: [N004]"},
      {"a\tSTATE\tA\n\nb\tSTATE\tB\na\tPERSON\tA bis\n", "", "", ErrorCode::duplicate_id,
       "e.tsv:4: [N003]"},
      {"a\tSTATE\tA\np\tPERSON\tP\n", "a\thead_of_state\tp\t2024-13-01\t-\n", "",
       ErrorCode::bad_date, "o.tsv:1: [N005]"},
      {"a\tSTATE\tA\np\tPERSON\tP\n", "a\thead_of_state\tp\thier\t-\n", "", ErrorCode::bad_date,
       "o.tsv:1: [N005]"},
      {"a\tSTATE\tA\np\tPERSON\tP\n", "a\thead_of_state\tp\t2024\t2020\n", "",
       ErrorCode::bad_date, "o.tsv:1: [N005]"},
      {"a\tSTATE\tA\n", "a\thead_of_state\tnobody\t2024\t-\n", "", ErrorCode::bad_reference,
       "o.tsv:1: [N007]"},
      {"a\tSTATE\tA\n", "", "maître\tleader\n", ErrorCode::parse, "r.tsv:1: [N002]"},
  };
  for (const Case& c : cases) {
    INFO(c.entities << "---\n" << c.offices << "---\n" << c.roles);
    GazetteerBuilder b;
    Status st = b.add_entity_text(c.entities, "e.tsv");
    if (st) st = b.add_offices_text(c.offices, "o.tsv");
    if (st) st = b.add_roles_text(c.roles, "r.tsv");
    Error error;
    if (!st) {
      error = st.error();
    } else {
      auto gz = std::move(b).build();
      REQUIRE_FALSE(gz);
      error = gz.error();
    }
    CHECK(error.code == c.code);
    CHECK(error.to_string().find(c.where) == 0);
  }
}

TEST_CASE("reliability: invalid or pathological regexes are rejected or bounded",
          "[reliability]") {
  // Rejected by RE2 when the file is loaded, with file and line.
  for (const char* pattern : {"(unclosed", "a{1001}", "(a)\\1", "(?=x)", "a**", "\\p{Foo}",
                              "((a{100}){100}){100}", "\\p{L}{1000}"}) {
    INFO(pattern);
    const auto r = RegexRecognizer::from_text(
        std::string("# rules\nok\tPERSON\tM\\. (?P<name>\\w+)\t-\nbad\tPERSON\t") + pattern +
            "\t-\n",
        "rules.tsv");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::bad_pattern);
    CHECK(r.error().to_string().find("rules.tsv:3: [N006]") == 0);
  }
  const auto large = RegexRecognizer::from_text("big\tPERSON\t\\p{L}{1000}\t-\n", "rules.tsv");
  REQUIRE_FALSE(large);
  CHECK(large.error().message.find("at most 8 MB") != std::string::npos);
  // Accepted, and linear: RE2 does not backtrack.
  const std::string text = std::string(100000, 'a') + "!";
  for (const char* pattern : {"(?P<name>(a+)+)$", "(x+x+)+y", "(.*a){20}!", "(a|aa)*b"}) {
    INFO(pattern);
    const auto r =
        RegexRecognizer::from_text(std::string("evil\tPERSON\t") + pattern + "\t-\n", "rules.tsv");
    REQUIRE(r);
    const auto start = std::chrono::steady_clock::now();
    (void)r->match(text);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  }
}

TEST_CASE("reliability: unreadable data files are io errors naming the file", "[reliability]") {
  const std::filesystem::path data = NERCORE_TEST_DATA;
  const auto dir = RegexRecognizer::from_file(data);  // a directory
  REQUIRE_FALSE(dir);
  CHECK(dir.error().code == ErrorCode::io);
  CHECK(dir.error().source == data.string());

  const auto missing = RegexRecognizer::from_file(data / "no-such-rules.tsv");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::io);
  CHECK(missing.error().message.find("No such file") != std::string::npos);

  // A read error (EIO) is an error, not an empty file: /proc/self/mem cannot be read at offset 0.
  GazetteerBuilder b;
  const Status eio = b.add_entity_file("/proc/self/mem");
  REQUIRE_FALSE(eio);
  CHECK(eio.error().code == ErrorCode::io);
  CHECK(eio.error().source == "/proc/self/mem");

  const auto not_dir = Pipeline::from_directory(data / "cli" / "states.txt");
  REQUIRE_FALSE(not_dir);
  CHECK(not_dir.error().code == ErrorCode::io);
}

TEST_CASE("reliability: hostile GraphML is an error, not a crash", "[reliability]") {
  const auto read = [](const std::string& text) {
    std::istringstream in(text);
    return ActorGraph::read_graphml(in, "hostile.graphml");
  };
  std::string deep = "<graphml>";  // 200,000 nested elements used to overflow the stack
  for (int i = 0; i < 200000; ++i) deep += "<a>";
  for (int i = 0; i < 200000; ++i) deep += "</a>";
  deep += "</graphml>";
  std::string unclosed = "<?xml version=\"1.0\"?><graphml><graph edgedefault=\"directed\">";
  for (int i = 0; i < 100000; ++i) unclosed += "<node id=\"n\">";
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  const std::string keys =
      "<graphml><key id=\"e\" for=\"node\" attr.name=\"entity\" attr.type=\"string\"/>"
      "<key id=\"m\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>"
      "<graph edgedefault=\"directed\"><node id=\"n0\"><data key=\"e\">x</data>";
  for (const std::string& text :
       {deep, unclosed, binary, keys + "<data key=\"m\">99999999999</data></node></graph></graphml>",
        keys + "<data key=\"m\">-1</data></node></graph></graphml>",
        keys + "</node><edge source=\"n0\" target=\"n9\"/></graph></graphml>",
        std::string("<graphml><graph><node id=\"n0\"><data key=\"undefined\">1</data></node>") +
            "</graph></graphml>"}) {
    INFO(text.substr(0, 120));
    const auto r = read(text);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::graphml);
    CHECK(r.error().source == "hostile.graphml");
  }
  // Nesting up to the limit is fine (comments and CDATA do not count).
  std::string nested = "<graphml><!-- <a><a><a> --><![CDATA[<b><b>]]>";
  for (int i = 0; i < 200; ++i) nested += "<desc a=\"/>\">";
  for (int i = 0; i < 200; ++i) nested += "</desc>";
  nested += "<graph edgedefault=\"directed\"/></graphml>";
  CHECK(read(nested).has_value());
}
