// SPDX-License-Identifier: MIT
// Gazetteer snapshots (Gazetteer::save / Gazetteer::load) and the pipeline's gazetteer cache.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "detail/snapshot.hpp"
#include "nercore/export.hpp"
#include "nercore/gazetteer.hpp"
#include "nercore/pipeline.hpp"
#include "nercore/segment.hpp"
#include "support/fixtures.hpp"

using namespace nercore;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const char* name)
      : path(fs::temp_directory_path() / fmt::format("nercore_{}_{}", name, ::getpid())) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write_all(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

constexpr std::size_t kHeader = sizeof(detail::SnapshotHeader);
void fix_checksum(std::string& file) {
  const std::uint64_t sum = detail::snapshot_checksum(std::string_view(file).substr(kHeader));
  std::memcpy(file.data() + offsetof(detail::SnapshotHeader, checksum), &sum, sizeof sum);
}

// Everything a gazetteer answers about a text, one line per answer.
std::vector<std::string> answers(const Gazetteer& gz, std::string_view text) {
  const auto seg = Segmenter::create().value().segment(text);
  std::vector<std::string> out;
  auto alias = [&](const GazetteerMatch& m) {
    const AliasInfo& a = gz.aliases()[m.alias];
    return fmt::format("{}-{} {} {}:{} {} {}", m.span.begin, m.span.end, gz.entities()[a.entity].id, a.source,
                       a.line, a.text, a.office);
  };
  for (const auto& m : gz.match(seg)) out.push_back("match " + alias(m));
  for (const auto& m : gz.match(seg, Gazetteer::ShortForms::introduced)) out.push_back("introduced " + alias(m));
  for (const auto& m : gz.match_demonyms(seg))
    out.push_back(fmt::format("demonym {}-{} {}", m.span.begin, m.span.end, gz.entities()[m.alias].id));
  for (std::uint32_t t = 0; t < seg.tokens.size(); ++t) {
    if (gz.is_first_name(seg.norm(t))) out.push_back(fmt::format("first name {}", seg.norm(t)));
    if (gz.is_particle(seg.norm(t))) out.push_back(fmt::format("particle {}", seg.norm(t)));
  }
  return out;
}

std::vector<std::string> records(const Gazetteer& gz) {
  std::vector<std::string> out;
  for (const auto& e : gz.entities()) {
    std::string attributes;
    for (const auto& [k, v] : e.attributes) attributes += fmt::format("{}={};", k, v);
    out.push_back(fmt::format("entity {} {} {} {} {}:{}", e.id, to_string(e.type), e.name, attributes, e.source, e.line));
    const auto found = gz.find(e.id);
    out.push_back(fmt::format("find {} {}", e.id, found ? static_cast<long>(*found) : -1L));
  }
  for (const auto& a : gz.aliases())
    out.push_back(fmt::format("alias {} {} {}:{} {} {}{}{}{}{} {}", a.entity, a.text, a.source, a.line, a.office,
                              a.short_form, a.acronym, a.needs_capital, a.metonym, a.not_before_name,
                              to_string(a.kind)));
  for (const auto& o : gz.offices())
    out.push_back(fmt::format("office {} {} {} {} {} {}", o.of, o.office, o.holder, o.from, o.to, o.source));
  return out;
}

Gazetteer bundled_gazetteer() {
  GazetteerBuilder b;
  REQUIRE(b.add_directory(NERCORE_GAZETTEERS));
  return std::move(b).build().value();
}

}  // namespace

TEST_CASE("a gazetteer snapshot reads back the gazetteer it was saved from", "[snapshot]") {
  TempDir dir("snapshot_roundtrip");
  const Gazetteer built = bundled_gazetteer();
  const fs::path file = dir.path / "fr.snapshot";
  REQUIRE(built.save(file, 42));
  auto loaded = Gazetteer::load(file, 42);
  REQUIRE(loaded);
  CHECK(records(*loaded) == records(built));
  for (const auto& text : test::sample_articles()) CHECK(answers(*loaded, text) == answers(built, text));
  // offices by date, and unknown ids
  const auto russia = built.find("russia");
  REQUIRE(russia);
  for (const char* date : {"2000-06-01", "2010-01-01", "2024-06-19"})
    CHECK(loaded->office_holder(*russia, "head_of_state", date) == built.office_holder(*russia, "head_of_state", date));
  CHECK_FALSE(loaded->find("no_such_entity"));
  // a pipeline on the loaded gazetteer writes what one on the built gazetteer writes
  PipelineOptions a = test::bundled().options(), b = a;
  b.gazetteer = *loaded;
  const Pipeline pa = Pipeline::create(a).value(), pb = Pipeline::create(b).value();
  for (const auto& text : test::sample_articles())
    CHECK(to_json(pa.annotate(text, "d", "2024-06-19")) == to_json(pb.annotate(text, "d", "2024-06-19")));
  // an empty gazetteer too
  REQUIRE(Gazetteer().save(dir.path / "empty.snapshot"));
  auto empty = Gazetteer::load(dir.path / "empty.snapshot");
  REQUIRE(empty);
  CHECK(empty->entities().empty());
  CHECK(empty->match(Segmenter::create().value().segment("La France et la Russie.")).empty());
}

TEST_CASE("a snapshot that is not one, cut short, damaged or stale is an error that names the file", "[snapshot]") {
  TempDir dir("snapshot_bad");
  const fs::path file = dir.path / "fr.snapshot";
  REQUIRE(bundled_gazetteer().save(file, 7));
  const std::string good = read_all(file);
  REQUIRE(good.size() > kHeader + 1000);
  auto error_of = [&](const std::string& bytes, std::uint64_t key = 7) {
    write_all(file, bytes);
    auto r = Gazetteer::load(file, key);
    REQUIRE_FALSE(r);
    CHECK(r.error().source == file.string());
    return r.error();
  };
  SECTION("another key: stale") {
    const Error e = error_of(good, 8);
    CHECK(e.code == ErrorCode::snapshot);
    CHECK_THAT(e.message, Catch::Contains("stale"));
  }
  SECTION("not a snapshot, or empty") {
    for (const std::string& bytes : {std::string("france\tSTATE\tFrance\t-\t-\n"), std::string()}) {
      const Error e = error_of(bytes);
      CHECK(e.code == ErrorCode::snapshot);
      CHECK_THAT(e.message, Catch::Contains("not a gazetteer snapshot"));
    }
  }
  SECTION("cut short: in the header, in the payload") {
    Error e = error_of(good.substr(0, 20));
    CHECK_THAT(e.message, Catch::Contains("at byte 20"));
    e = error_of(good.substr(0, good.size() - 1));
    CHECK(e.code == ErrorCode::snapshot);
    CHECK_THAT(e.message, Catch::Contains(fmt::format("{} in the file", good.size() - 1 - kHeader)));
  }
  SECTION("a changed byte: the checksum") {
    std::string bad = good;
    bad[good.size() / 2] ^= 0x40;
    const Error e = error_of(bad);
    CHECK(e.code == ErrorCode::snapshot);
    CHECK_THAT(e.message, Catch::Contains("checksum"));
  }
  SECTION("another format version") {
    std::string bad = good;
    bad[8] = 99;
    CHECK_THAT(error_of(bad).message, Catch::Contains("format 99"));
  }
  SECTION("a missing file is an I/O error") {
    fs::remove(file);
    auto r = Gazetteer::load(file, 7);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::io);
  }
}

// A snapshot with a valid checksum whose tables were changed anyway (a bug or a crafted file) is
// refused or, if every index still fits, loads a gazetteer that matches without reading out of
// bounds (the ASan run of this test checks that).
TEST_CASE("a snapshot whose bytes were changed under a valid checksum never reads out of bounds", "[snapshot]") {
  TempDir dir("snapshot_forged");
  const fs::path file = dir.path / "small.snapshot";
  GazetteerBuilder b;
  REQUIRE(b.add_entity_text("france\tSTATE\tFrance\tRépublique française\tcapital=Paris;demonym=français|française\n"
                            "russia\tSTATE\tRussie\t-\tcapital=Moscou;demonym=russe|russes\n"
                            "kim_jong_un\tPERSON\tKim Jong-un\t~Kim\t-\n"
                            "nato\tORGANIZATION\tOTAN\tAlliance atlantique\t-\n",
                            "entities.tsv"));
  REQUIRE(b.add_offices_text("russia\thead_of_state\tkim_jong_un\t2000-01-01\t-\n", "offices.tsv"));
  REQUIRE(std::move(b).build().value().save(file));
  const std::string good = read_all(file);
  const std::string text = "Kim Jong-un, Kim et l'OTAN à Moscou : la République française et les Russes.";
  const auto seg = Segmenter::create().value().segment(text);
  int refused = 0, loaded = 0;
  for (std::size_t at = kHeader; at < good.size(); ++at) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string bad = good;
      bad[at] = static_cast<char>(static_cast<unsigned char>(bad[at]) ^ flip);
      fix_checksum(bad);
      write_all(file, bad);
      auto r = Gazetteer::load(file);
      if (!r) {
        ++refused;
        CHECK(r.error().code == ErrorCode::snapshot);
        continue;
      }
      ++loaded;
      for (const auto& m : r->match(seg)) {
        REQUIRE(m.alias < r->aliases().size());
        REQUIRE(r->aliases()[m.alias].entity < r->entities().size());
        REQUIRE(m.span.end <= text.size());
      }
      for (const auto& m : r->match_demonyms(seg)) REQUIRE(m.alias < r->entities().size());
      for (const auto& e : r->entities())
        if (const auto found = r->find(e.id)) REQUIRE(*found < r->entities().size());
    }
  }
  // both happen: the checks refuse what would break an invariant, and let through what does not
  CHECK(refused > 100);
  CHECK(loaded > 100);
}

TEST_CASE("a pipeline's gazetteer cache is read when it fits the directory's files, rebuilt when not", "[snapshot][pipeline]") {
  TempDir dir("snapshot_cache");
  const fs::path gaz = dir.path / "gaz";
  fs::copy(NERCORE_GAZETTEERS, gaz);
  DirectoryOptions options;
  options.gazetteer_cache = dir.path / "cache.snapshot";
  const std::string text = test::sample_articles().at(0);
  GazetteerCacheUse use = GazetteerCacheUse::none;
  auto first = Pipeline::from_directory(gaz, options, &use);
  REQUIRE(first);
  CHECK(use == GazetteerCacheUse::written);
  CHECK(fs::exists(options.gazetteer_cache));
  auto second = Pipeline::from_directory(gaz, options, &use);
  REQUIRE(second);
  CHECK(use == GazetteerCacheUse::loaded);
  CHECK(to_json(second->annotate(text, "a", "2024-06-19")) == to_json(first->annotate(text, "a", "2024-06-19")));
  // a new entity in the directory: the snapshot is stale, the gazetteer built again and used
  {
    std::ofstream out(gaz / "organizations.tsv", std::ios::app);
    out << "zorglub_front\tORGANIZATION\tFront Zorglub\t-\t-\n";
  }
  auto third = Pipeline::from_directory(gaz, options, &use);
  REQUIRE(third);
  CHECK(use == GazetteerCacheUse::written);
  CHECK(third->options().gazetteer.find("zorglub_front").has_value());
  auto fourth = Pipeline::from_directory(gaz, options, &use);
  REQUIRE(fourth);
  CHECK(use == GazetteerCacheUse::loaded);
  CHECK(fourth->options().gazetteer.find("zorglub_front").has_value());
  // a damaged snapshot is rebuilt, not an error
  std::string bytes = read_all(options.gazetteer_cache);
  bytes[bytes.size() / 2] ^= 0x10;
  write_all(options.gazetteer_cache, bytes);
  REQUIRE(Pipeline::from_directory(gaz, options, &use));
  CHECK(use == GazetteerCacheUse::written);
  // without a cache, nothing is read or written
  REQUIRE(Pipeline::from_directory(gaz, DirectoryOptions{}, &use));
  CHECK(use == GazetteerCacheUse::none);
  // a snapshot kept in the directory itself, and files the gazetteer does not read, leave the key
  // alone; a given-names file is part of it
  options.gazetteer_cache = gaz / "fr.snapshot";
  REQUIRE(Pipeline::from_directory(gaz, options, &use));
  CHECK(use == GazetteerCacheUse::written);
  std::ofstream(gaz / "NOTES.md") << "notes\n";
  REQUIRE(Pipeline::from_directory(gaz, options, &use));
  CHECK(use == GazetteerCacheUse::loaded);
  std::ofstream(gaz / "firstnames.txt", std::ios::app) << "Zorglubette\n";
  REQUIRE(Pipeline::from_directory(gaz, options, &use));
  CHECK(use == GazetteerCacheUse::written);
  // a cache that cannot be written is an error naming it
  options.gazetteer_cache = dir.path / "no_such_dir" / "cache.snapshot";
  auto failed = Pipeline::from_directory(gaz, options, &use);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == ErrorCode::io);
  CHECK_THAT(failed.error().to_string(), Catch::Contains("no_such_dir"));
}
