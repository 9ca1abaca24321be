// SPDX-License-Identifier: MIT
// File: benchmarks/gazetteer_bench.cpp
// nercore-bench-gazetteer: time and memory to build a gazetteer of N generated entries (the first
// N names of a gen.py list, as PERSON entities, each with its automatic surname short form).
// Run one process per size, so that the peak RSS is that of one build:
//
//   nercore-bench-gazetteer gaz1m.txt 1000000
//
// Prints: entries, aliases, parse and build seconds, RSS growth and peak RSS. With a fourth
// argument, then saves the gazetteer as a snapshot there (Gazetteer::save) and prints its time and
// size; `nercore-bench-gazetteer --load SNAPSHOT` times reading it back (Gazetteer::load), in a
// process of its own for its peak RSS.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "nercore/gazetteer.hpp"

using namespace nercore;

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--load") {
    const std::size_t rss0 = bench::current_rss_bytes();
    const double t0 = bench::now_seconds();
    auto gz = Gazetteer::load(argv[2]);
    const double t1 = bench::now_seconds();
    if (!gz) {
      std::cerr << gz.error().to_string() << "\n";
      return 1;
    }
    std::printf("entries %zu  aliases %zu  load_s %.3f  rss_growth_mb %.1f  peak_rss_mb %.1f\n",
                gz->entities().size(), gz->aliases().size(), t1 - t0,
                (bench::current_rss_bytes() - rss0) / 1e6, bench::peak_rss_bytes() / 1e6);
    return 0;
  }
  if (argc < 3) {
    std::cerr << "usage: nercore-bench-gazetteer NAMES_FILE N [TSV_CACHE_DIR [SNAPSHOT]]\n"
                 "       nercore-bench-gazetteer --load SNAPSHOT\n";
    return 2;
  }
  const std::filesystem::path names = argv[1];
  const std::size_t n = std::stoull(argv[2]);
  const std::filesystem::path cache =
      argc > 3 ? std::filesystem::path(argv[3]) : names.parent_path() / "gazetteers";
  // The entity file is written once, then read back like any gazetteer file.
  std::filesystem::create_directories(cache);
  const std::filesystem::path file = cache / ("names_" + std::to_string(n) + ".tsv");
  if (!std::filesystem::exists(file)) {
    std::ofstream o(file.string() + ".part", std::ios::binary);
    o << bench::entity_file_from_names(bench::read_file(names), n, true);
    o.close();
    std::filesystem::rename(file.string() + ".part", file);
  }
  const std::size_t rss0 = bench::current_rss_bytes();
  const double t0 = bench::now_seconds();
  GazetteerBuilder b;
  if (auto st = b.add_entity_file(file); !st) {
    std::cerr << st.error().to_string() << "\n";
    return 1;
  }
  const double t1 = bench::now_seconds();
  auto gz = std::move(b).build();
  if (!gz) {
    std::cerr << gz.error().to_string() << "\n";
    return 1;
  }
  b = GazetteerBuilder();  // the builder's memory is released
  const double t2 = bench::now_seconds();
  const std::size_t rss1 = bench::current_rss_bytes();
  std::printf("entries %zu  aliases %zu  parse_s %.3f  build_s %.3f  total_s %.3f  "
              "rss_growth_mb %.1f  peak_rss_mb %.1f\n",
              gz->entities().size(), gz->aliases().size(), t1 - t0, t2 - t1, t2 - t0,
              (rss1 - rss0) / 1e6, bench::peak_rss_bytes() / 1e6);
  if (argc > 4) {
    std::fflush(stdout);
    const double t3 = bench::now_seconds();
    if (auto st = gz->save(argv[4]); !st) {
      std::cerr << st.error().to_string() << "\n";
      return 1;
    }
    std::printf("snapshot_save_s %.3f  snapshot_mb %.1f\n", bench::now_seconds() - t3,
                static_cast<double>(std::filesystem::file_size(argv[4])) / 1e6);
  }
  return 0;
}
