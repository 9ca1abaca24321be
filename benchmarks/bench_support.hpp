// SPDX-License-Identifier: MIT
// File: benchmarks/bench_support.hpp
// Shared helpers of the benchmarks: reading the corpus and cutting it into documents, generated
// gazetteers, timing and peak memory. Header-only; used by every program of benchmarks/.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nercore::bench {

/// Reads a whole file; throws std::runtime_error naming it.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

/// Cuts a corpus into documents: blocks separated by blank lines, where a block of a single line
/// (a headline) is joined to the block after it. For the corpus of ../shared/bench/gen.py this
/// gives exactly its articles (headline, blank line, paragraphs). Views into `text`; the blank
/// lines between documents belong to no document, so the documents do not cover every byte.
inline std::vector<std::string_view> split_documents(std::string_view text) {
  std::vector<std::string_view> docs;
  std::size_t start = 0;
  bool pending_headline = false;
  std::size_t doc_start = 0;
  auto block_end = [&](std::size_t from) {
    std::size_t p = text.find("\n\n", from);
    return p == std::string_view::npos ? text.size() : p;
  };
  while (start < text.size()) {
    while (start < text.size() && text[start] == '\n') ++start;
    if (start >= text.size()) break;
    std::size_t end = block_end(start);
    std::string_view block = text.substr(start, end - start);
    const bool one_line = block.find('\n') == std::string_view::npos;
    if (!pending_headline) doc_start = start;
    if (one_line && !pending_headline && end < text.size()) {
      pending_headline = true;
    } else {
      docs.push_back(text.substr(doc_start, end + (end < text.size() ? 1 : 0) - doc_start));
      pending_headline = false;
    }
    start = end;
  }
  if (pending_headline) docs.push_back(text.substr(doc_start));
  return docs;
}

/// Total bytes of the documents.
inline std::size_t total_bytes(const std::vector<std::string_view>& docs) {
  std::size_t n = 0;
  for (auto d : docs) n += d.size();
  return n;
}

/// Peak resident set size of this process, in bytes.
inline std::size_t peak_rss_bytes() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<std::size_t>(ru.ru_maxrss) * 1024;
}

/// Current resident set size of this process, in bytes (from /proc/self/statm).
inline std::size_t current_rss_bytes() {
  std::ifstream in("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Median of a non-empty list.
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// An entity file (gazetteers/README.md format) of the names of a gen.py list (one name per line),
/// at most `limit` of them, as PERSON entities with ids `bench_<line>`. The first 100 lines of the
/// gen.py lists are real actors already in the bundled gazetteers; they are skipped unless
/// `keep_real` is true.
inline std::string entity_file_from_names(std::string_view names, std::size_t limit,
                                          bool keep_real = false) {
  std::string out;
  out.reserve(names.size() * 2);
  std::size_t line = 0, kept = 0;
  while (!names.empty() && kept < limit) {
    std::size_t nl = names.find('\n');
    std::string_view name = names.substr(0, nl);
    names.remove_prefix(nl == std::string_view::npos ? names.size() : nl + 1);
    ++line;
    if (name.empty() || (!keep_real && line <= 100)) continue;
    out += "bench_";
    out += std::to_string(line);
    out += "\tPERSON\t";
    out += name;
    out += "\t-\t-\n";
    ++kept;
  }
  return out;
}

}  // namespace nercore::bench

namespace nercore::bench {

/// Makes (once) a gazetteer directory `out`: a copy of the `*.tsv` and `*.txt` files of `bundled`
/// plus `zz_bench_names.tsv`, the first `limit` names of the gen.py list `names_file` (real actors
/// skipped, see entity_file_from_names). With `only_names`, the bundled entity files are left
/// out (the data files the pipeline needs are still copied). Returns `out`.
inline std::filesystem::path make_gazetteer_dir(const std::filesystem::path& bundled,
                                                const std::filesystem::path& names_file,
                                                std::size_t limit, const std::filesystem::path& out,
                                                bool only_names = false) {
  namespace fs = std::filesystem;
  if (fs::exists(out / "zz_bench_names.tsv")) return out;
  fs::create_directories(out);
  static const char* const kDataFiles[] = {"offices.tsv", "roles.tsv", "relations.tsv",
                                           "modality.tsv", "rules.tsv", "grammar.tsv"};
  for (const auto& e : fs::directory_iterator(bundled)) {
    const std::string name = e.path().filename().string();
    const bool data = std::find_if(std::begin(kDataFiles), std::end(kDataFiles),
                                   [&](const char* d) { return name == d; }) != std::end(kDataFiles);
    if (!e.is_regular_file()) continue;
    if (only_names && !data && e.path().extension() == ".tsv") continue;
    // offices.tsv and roles.tsv name bundled entities: without them they cannot load.
    if (only_names && (name == "offices.tsv" || name == "roles.tsv")) continue;
    fs::copy_file(e.path(), out / name, fs::copy_options::overwrite_existing);
  }
  std::string tsv = entity_file_from_names(read_file(names_file), limit, only_names);
  const fs::path tmp = out / "zz_bench_names.tsv.part";
  {
    std::ofstream o(tmp, std::ios::binary);
    o << "# Generated by nercore benchmarks from " << names_file.filename().string() << "\n" << tsv;
  }
  fs::rename(tmp, out / "zz_bench_names.tsv");
  return out;
}

}  // namespace nercore::bench
