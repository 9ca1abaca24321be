// SPDX-License-Identifier: MIT
// File: benchmarks/run_bench.cpp
// nercore-bench-run: end-to-end throughput of one process, as a user would run it: load the
// gazetteers, cut a corpus into articles, annotate them on N threads with one shared Pipeline,
// write one JSON line per article in input order, and report load time, median annotation time,
// MB/s of input, sentences/s, peak RSS and a hash of the output (equal whatever N).
//
//   nercore-bench-run --gazetteers gazetteers/fr --jobs 2 --repeat 3 -o /dev/null corpus.txt
//   nercore-bench-run ... --names gaz1m.txt --limit 1000000   # plus 1M generated PERSON names
//   nercore-bench-run ... --stages   # also: each stage's share of a single-thread pass, timed
//                                    # in place (the stage benchmark times each stage alone)
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "detail/stages.hpp"  // the stages as Pipeline::annotate_many runs them
#include "nercore/nercore.hpp"

#ifdef NERCORE_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace fs = std::filesystem;
using namespace nercore;

namespace {

int usage() {
  std::cerr << "usage: nercore-bench-run --gazetteers DIR [--names FILE [--limit N] [--only-names]]\n"
               "         [--gazetteer-cache FILE] [--jobs N] [--repeat R] [-o FILE] [--date YYYY-MM-DD]\n"
               "         [--stages] CORPUS\n";
  return 2;
}

/// Articles per chunk: the unit the threads take from the counter, and the unit of writing.
constexpr std::size_t kChunk = 64;

/// The JSON lines of a chunk of consecutive articles, each ended by a newline, and the hash of
/// each line.
struct Chunk {
  std::string lines;
  std::vector<std::uint64_t> hashes;
};

/// Writes the chunks in input order while the threads annotate the next ones. The thread that
/// brings the next chunk in order writes it, then every following chunk already waiting; a thread
/// whose chunk is early parks it and goes on annotating, unless kMaxParked chunks are waiting:
/// then it waits for the writer, so memory stays bounded whatever the corpus size (a chunk is
/// freed once written). Also folds the hashes of the lines, in order, into hash(), which is thus
/// the same whatever the number of threads.
class OrderedWriter {
 public:
  explicit OrderedWriter(std::FILE* f) : f_(f) {}

  /// Hands over chunk number `index` (0, 1, 2, ... in input order). Called by the threads.
  void put(std::size_t index, Chunk chunk) {
    std::unique_lock lock(mutex_);
    parked_.emplace(index, std::move(chunk));
    if (writing_ || index != next_) {
      drained_.wait(lock, [&] { return parked_.size() < kMaxParked; });
      return;
    }
    writing_ = true;
    for (auto it = parked_.find(next_); it != parked_.end(); it = parked_.find(next_)) {
      Chunk c = std::move(it->second);
      parked_.erase(it);
      ++next_;
      drained_.notify_all();
      lock.unlock();  // the others park their chunks while this one is written
      write(c);
      lock.lock();
    }
    writing_ = false;
  }

  /// The JSON bytes written, and a hash of the lines in order (after the threads are joined).
  std::size_t bytes() const { return bytes_; }
  std::uint64_t hash() const { return hash_; }

 private:
  static constexpr std::size_t kMaxParked = 64;

  void write(const Chunk& c) {
    if (f_) std::fwrite(c.lines.data(), 1, c.lines.size(), f_);
    bytes_ += c.lines.size();
    // FNV-1a over 64-bit words: each step is a bijection, so one changed line changes the hash.
    for (std::uint64_t h : c.hashes) hash_ = (hash_ ^ h) * 1099511628211ULL;
  }

  std::FILE* f_;
  std::mutex mutex_;
  std::condition_variable drained_;
  std::map<std::size_t, Chunk> parked_;
  std::size_t next_ = 0;
  bool writing_ = false;
  // Touched by the writing thread only, one at a time (writing_).
  std::size_t bytes_ = 0;
  std::uint64_t hash_ = 1469598103934665603ULL;
};

// One pass over the documents on this thread, doing what Pipeline::annotate_many does on chunks of
// kChunk articles (each stage over the whole chunk before the next, the demonyms found once for
// resolution and relations), plus the JSON lines, with a clock around each stage of each chunk:
// where the time goes in the end-to-end run, caches shared as in real use.
void print_stages(const Pipeline& pipeline, const std::vector<std::string_view>& docs, std::size_t bytes,
                  const std::string& date) {
  const PipelineOptions& o = pipeline.options();
  auto segmenter = Segmenter::create(o.segmenter);
  if (!segmenter) return;
  const char* names[] = {"validation", "segmentation", "gazetteer matching", "regex rules",
                         "demonyms", "resolution", "relations", "JSON lines"};
  constexpr int kStages = 8;
  double spent[kStages] = {};
  std::size_t out = 0;
  for (std::size_t c = 0; c < docs.size(); c += kChunk) {
    const std::span<const std::string_view> chunk(docs.data() + c, std::min(kChunk, docs.size() - c));
    const std::size_t n = chunk.size();
    double t = bench::now_seconds(), u = 0;
    auto lap = [&](int k) { u = bench::now_seconds(); spent[k] += u - t; t = u; };
    std::vector<Document> doc(n);
    for (std::size_t i = 0; i < n; ++i) {
      doc[i].date = date;
      doc[i].bytes = chunk[i].size();
      if (auto bad = find_invalid_utf8(chunk[i])) doc[i].diagnostics.first_invalid = bad->offset;
    }
    lap(0);
    std::vector<Segmentation> seg(n);
    for (std::size_t i = 0; i < n; ++i) {
      seg[i] = segmenter->segment(chunk[i]);
      doc[i].sentences = seg[i].sentences;
    }
    lap(1);
    std::vector<std::vector<GazetteerMatch>> found(n), demonyms(n);
    for (std::size_t i = 0; i < n; ++i) found[i] = o.gazetteer.match(seg[i], short_forms_needed(o.resolve));
    lap(2);
    std::vector<std::vector<RuleMatch>> rule_matches(n);
    for (std::size_t i = 0; i < n; ++i) rule_matches[i] = o.rules.match(chunk[i]);
    lap(3);
    for (std::size_t i = 0; i < n; ++i) demonyms[i] = o.gazetteer.match_demonyms(seg[i]);
    lap(4);
    for (std::size_t i = 0; i < n; ++i)
      detail::resolve(chunk[i], seg[i], o.gazetteer, found[i], demonyms[i], o.rules, rule_matches[i], o.resolve,
                      doc[i]);
    lap(5);
    for (std::size_t i = 0; i < n; ++i)
      detail::build_relations(chunk[i], seg[i], doc[i].mentions, o.gazetteer, demonyms[i], o.lexicon,
                              o.relations, doc[i]);
    lap(6);
    for (const auto& d : doc) out += to_json(d).size() + 1;
    lap(7);
  }
  double total = 0;
  for (double x : spent) total += x;
  std::fprintf(stderr, "stages (one thread, chunks of %zu articles as annotate_many runs them; %zu JSON bytes)\n",
               kChunk, out);
  for (int k = 0; k < kStages; ++k)
    std::fprintf(stderr, "stage %-20s %7.3f s  %5.1f %%  %8.1f MB/s\n", names[k], spent[k],
                 100 * spent[k] / total, bytes / 1e6 / spent[k]);
  std::fprintf(stderr, "stage %-20s %7.3f s  %5.1f %%  %8.1f MB/s\n", "all", total, 100.0, bytes / 1e6 / total);
}

}  // namespace

int main(int argc, char** argv) {
  std::string gazetteers = "gazetteers/fr", names, output, corpus_path, date = "2024-06-19", cache;
  std::size_t limit = 1'000'000, jobs = 1, repeat = 1;
  bool only_names = false, stages = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { usage(); std::exit(2); }
      return argv[++i];
    };
    if (a == "--gazetteers") gazetteers = next();
    else if (a == "--names") names = next();
    else if (a == "--gazetteer-cache") cache = next();
    else if (a == "--limit") limit = std::stoull(next());
    else if (a == "--only-names") only_names = true;
    else if (a == "--jobs" || a == "-j") jobs = std::max<std::size_t>(1, std::stoull(next()));
    else if (a == "--repeat") repeat = std::max<std::size_t>(1, std::stoull(next()));
    else if (a == "-o" || a == "--output") output = next();
    else if (a == "--date") date = next();
    else if (a == "--stages") stages = true;
    else if (!a.empty() && a[0] == '-') return usage();
    else corpus_path = a;
  }
  if (corpus_path.empty()) return usage();

  double t0 = bench::now_seconds();
  fs::path dir = gazetteers;
  if (!names.empty()) {
    // A gazetteer directory with the generated names, made once next to the names file.
    fs::path target = fs::path(names).parent_path() / "gazetteers" /
                      (fs::path(names).stem().string() + "_" + std::to_string(limit) +
                       (only_names ? "_only" : ""));
    dir = bench::make_gazetteer_dir(gazetteers, names, limit, target, only_names);
  }
  const double t_prepare = bench::now_seconds() - t0;
  t0 = bench::now_seconds();
  DirectoryOptions directory;
  directory.gazetteer_cache = cache;  // "" builds the gazetteer; else a snapshot read or written
  GazetteerCacheUse cache_use = GazetteerCacheUse::none;
  auto loaded = Pipeline::from_directory(dir, directory, &cache_use);
  if (!loaded) {
    std::cerr << "nercore-bench-run: " << loaded.error().to_string() << "\n";
    return 3;
  }
  const Pipeline pipeline = std::move(*loaded);
  const double t_load = bench::now_seconds() - t0;
  const std::size_t rss_loaded = bench::current_rss_bytes();

  const std::string corpus = bench::read_file(corpus_path);
  const std::vector<std::string_view> docs = bench::split_documents(corpus);
  const std::size_t bytes = bench::total_bytes(docs);

  std::vector<std::size_t> sentences(docs.size());
  std::vector<double> times;
  std::uint64_t hash = 0;
  std::size_t out_bytes = 0;
  for (std::size_t r = 0; r < repeat; ++r) {
    std::FILE* f = nullptr;
    if (!output.empty()) f = output == "-" ? stdout : std::fopen(output.c_str(), "wb");
    OrderedWriter writer(f);
    std::atomic<std::size_t> next{0};
    const double start = bench::now_seconds();
    auto work = [&] {
      // Chunks of kChunk articles, so that threads do not fight over the counter; each chunk's JSON
      // lines are joined in one string, written as soon as the earlier chunks are.
      for (std::size_t c = next.fetch_add(kChunk); c < docs.size(); c = next.fetch_add(kChunk)) {
        Chunk chunk;
        const std::size_t end = std::min(c + kChunk, docs.size());
        std::vector<std::string> ids;
        std::vector<Pipeline::Text> texts;
        for (std::size_t i = c; i < end; ++i) {
          ids.emplace_back("a");
          ids.back() += std::to_string(i);
        }
        for (std::size_t i = c; i < end; ++i) texts.push_back({docs[i], ids[i - c], date});
        const std::vector<Document> annotated = pipeline.annotate_many(texts);
        for (std::size_t i = c; i < end; ++i) {
          const Document& d = annotated[i - c];
          sentences[i] = d.sentences.size();
          const std::string json = to_json(d);
          chunk.lines += json;
          chunk.lines += '\n';
          chunk.hashes.push_back(std::hash<std::string>{}(json));
        }
        writer.put(c / kChunk, std::move(chunk));
      }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < jobs; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (f && f != stdout) std::fclose(f);
    times.push_back(bench::now_seconds() - start);
    hash = writer.hash();
    out_bytes = writer.bytes();
  }
  std::size_t total_sentences = 0;
  for (auto s : sentences) total_sentences += s;
  const double t = bench::median(times);
  std::fprintf(stderr,
               "gazetteers %s\nentities %zu  aliases %zu\nprepare_s %.3f  load_s %.3f  rss_after_load_mb %.1f\n"
               "documents %zu  bytes %zu  sentences %zu  jobs %zu  repeat %zu\n"
               "annotate_s %.3f  mb_per_s %.1f  sentences_per_s %.0f\n"
               "json_bytes %zu  output_hash %016llx  peak_rss_mb %.1f\n",
               dir.string().c_str(), pipeline.options().gazetteer.entities().size(),
               pipeline.options().gazetteer.aliases().size(), t_prepare, t_load, rss_loaded / 1e6,
               docs.size(), bytes, total_sentences, jobs, repeat, t, bytes / 1e6 / t,
               total_sentences / t, out_bytes, static_cast<unsigned long long>(hash),
               bench::peak_rss_bytes() / 1e6);
  if (cache_use != GazetteerCacheUse::none)
    std::fprintf(stderr, "gazetteer_cache %s %s\n", cache.c_str(),
                 cache_use == GazetteerCacheUse::loaded ? "loaded" : "written");
#ifdef NERCORE_WITH_MIMALLOC
  std::fprintf(stderr, "allocator mimalloc %d%s\n", mi_version(),
               mi_option_is_enabled(mi_option_large_os_pages) ? " large_os_pages" : "");
#else
  std::fprintf(stderr, "allocator libc\n");
#endif
  if (stages) print_stages(pipeline, docs, bytes, date);
  return 0;
}
