// SPDX-License-Identifier: MIT
// File: tests/fuzz/fuzz_snapshot.cpp
// libFuzzer target: Gazetteer::load on damaged snapshots. The input is an entity file, then
// optionally the line "---" and a list of edits: 5 bytes each, a 32-bit offset into the snapshot's
// payload (modulo its size) and a byte to XOR there. The harness builds the gazetteer, saves its
// snapshot, applies the edits and sets the checksum right again, so that the fuzzer reaches the
// index and shape checks behind the checksum. Loading must succeed or fail with
// ErrorCode::snapshot; a gazetteer that loads must match a text without reading out of bounds
// (the sanitizers watch), and without an edit it must load and match as the one it was saved from.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "detail/snapshot.hpp"
#include "fuzz_common.hpp"

namespace {

constexpr std::size_t kHeader = sizeof(nercore::detail::SnapshotHeader);

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("nercore_fuzz_snapshot_" + std::to_string(::getpid()));
  static const auto segmenter = nercore::Segmenter::create().value();
  static const auto seg = segmenter.segment(nercore_fuzz::kSampleText);

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parts = nercore_fuzz::split_parts(input, 2);
  nercore::GazetteerBuilder builder;
  if (!builder.add_entity_text(parts[0], "entities.tsv")) return 0;
  auto built = std::move(builder).build();
  if (!built) return 0;
  const nercore::Status saved = built->save(file, 7);
  NERCORE_FUZZ_CHECK(saved.has_value());

  std::string bytes = read_all(file);
  NERCORE_FUZZ_CHECK(bytes.size() >= kHeader);
  const std::string_view edits = parts[1];
  const std::size_t payload = bytes.size() - kHeader;
  for (std::size_t i = 0; i + 5 <= edits.size() && i < 5 * 64 && payload > 0; i += 5) {
    std::uint32_t at;
    std::memcpy(&at, edits.data() + i, sizeof at);
    bytes[kHeader + at % payload] = static_cast<char>(bytes[kHeader + at % payload] ^ edits[i + 4]);
  }
  const std::uint64_t sum = nercore::detail::snapshot_checksum(std::string_view(bytes).substr(kHeader));
  std::memcpy(bytes.data() + offsetof(nercore::detail::SnapshotHeader, checksum), &sum, sizeof sum);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  nercore::Result<nercore::Gazetteer> loaded = nercore::Gazetteer::load(file, 7);
  if (!loaded) {
    nercore_fuzz::check_error(loaded.error(), file.string());
    NERCORE_FUZZ_CHECK(loaded.error().code == nercore::ErrorCode::snapshot);
    NERCORE_FUZZ_CHECK(edits.size() >= 5);  // an unedited snapshot always loads
    return 0;
  }
  const nercore::Gazetteer& gz = *loaded;
  const auto matches = gz.match(seg);
  for (const auto& m : matches) {
    NERCORE_FUZZ_CHECK(m.alias < gz.aliases().size());
    NERCORE_FUZZ_CHECK(gz.aliases()[m.alias].entity < gz.entities().size());
    NERCORE_FUZZ_CHECK(m.first < m.last && m.last <= seg.tokens.size());
  }
  for (const auto& m : gz.match(seg, nercore::Gazetteer::ShortForms::introduced))
    NERCORE_FUZZ_CHECK(m.alias < gz.aliases().size());
  for (const auto& m : gz.match_demonyms(seg)) NERCORE_FUZZ_CHECK(m.alias < gz.entities().size());
  for (const auto& e : gz.entities())
    if (const auto found = gz.find(e.id)) NERCORE_FUZZ_CHECK(*found < gz.entities().size());
  if (edits.size() < 5) {
    // nothing edited: the same gazetteer
    NERCORE_FUZZ_CHECK(gz.entities().size() == built->entities().size());
    NERCORE_FUZZ_CHECK(gz.aliases().size() == built->aliases().size());
    const auto expected = built->match(seg);
    NERCORE_FUZZ_CHECK(matches.size() == expected.size());
    for (std::size_t i = 0; i < matches.size(); ++i)
      NERCORE_FUZZ_CHECK(matches[i].alias == expected[i].alias && matches[i].first == expected[i].first &&
                         matches[i].last == expected[i].last);
  }
  return 0;
}
