// SPDX-License-Identifier: MIT
// File: benchmarks/stages_bench.cpp
// Google Benchmark of every stage of the pipeline on its own (validation, normalization,
// segmentation, gazetteer matching, RE2 rules, resolution, relations, graph building, JSON Lines
// writing) and end to end, in bytes/s of input and sentences/s, on 1 and 2 threads.
//
// Data (see scripts/bench-compare.sh, which makes it): $NERCORE_BENCH_DATA holds corpus.txt,
// gaz10k.txt and gaz1m.txt from ../shared/bench/gen.py. The stage benchmarks use the first
// $NERCORE_BENCH_BYTES bytes of the corpus (20,000,000), cut into articles; each stage gets the
// output of the stages before it, computed once before timing.
//
//   build/bench/benchmarks/nercore_stages_bench --benchmark_filter=Gazetteer
#include <chrono>
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "nercore/nercore.hpp"

namespace fs = std::filesystem;
using namespace nercore;

namespace {

fs::path data_dir() {
  const char* d = std::getenv("NERCORE_BENCH_DATA");
  return d && *d ? fs::path(d) : fs::path(NERCORE_BENCH_DEFAULT_DATA);
}

fs::path bundled_dir() {
  const char* d = std::getenv("NERCORE_BENCH_GAZETTEERS");
  return d && *d ? fs::path(d) : fs::path(NERCORE_BENCH_BUNDLED_GAZETTEERS);
}

std::size_t slice_bytes() {
  const char* b = std::getenv("NERCORE_BENCH_BYTES");
  return b && *b ? std::stoull(b) : 20'000'000;
}

/// The gazetteer variants: the bundled directory, the 10k names of gaz10k.txt alone, and the
/// bundled directory plus the 1M names of gaz1m.txt.
enum Gaz { kBundled = 0, kNames10k = 1, kBundled1M = 2 };

fs::path gazetteer_dir(Gaz g) {
  switch (g) {
    case kBundled: return bundled_dir();
    case kNames10k:
      return bench::make_gazetteer_dir(bundled_dir(), data_dir() / "gaz10k.txt", 10'000,
                                       data_dir() / "gazetteers" / "names10k", true);
    case kBundled1M:
      return bench::make_gazetteer_dir(bundled_dir(), data_dir() / "gaz1m.txt", 1'000'000,
                                       data_dir() / "gazetteers" / "bundled+1m");
  }
  return bundled_dir();
}

/// The corpus slice and everything the stages need, computed once.
struct Data {
  std::string corpus;
  std::vector<std::string_view> docs;
  std::size_t bytes = 0;
  std::size_t sentences = 0;
  std::vector<Segmentation> segs;
  std::vector<std::vector<GazetteerMatch>> names;
  std::vector<std::vector<RuleMatch>> rules;
  std::vector<Document> resolved;   // after resolve()
  std::vector<Document> annotated;  // after build_relations()
};

const Pipeline& pipeline(Gaz g) {
  static std::map<Gaz, std::unique_ptr<Pipeline>> cache;
  auto& p = cache[g];
  if (!p) p = std::make_unique<Pipeline>(Pipeline::from_directory(gazetteer_dir(g)).value());
  return *p;
}

const Data& data() {
  static const Data d = [] {
    Data r;
    const fs::path corpus = data_dir() / "corpus.txt";
    if (!fs::exists(corpus)) {
      std::cerr << "nercore benchmarks: " << corpus
                << " not found: run scripts/bench-compare.sh (or ../shared/bench/gen.py in "
                   "$NERCORE_BENCH_DATA)\n";
      std::exit(2);
    }
    std::string all = bench::read_file(corpus);
    const std::size_t want = std::min(slice_bytes(), all.size());
    // end the slice at an article boundary
    std::size_t cut = all.find("\n\n", want);
    r.corpus = all.substr(0, cut == std::string::npos ? all.size() : cut + 1);
    r.docs = bench::split_documents(r.corpus);
    r.bytes = bench::total_bytes(r.docs);
    const Pipeline& p = pipeline(kBundled);
    auto seg = Segmenter::create(p.options().segmenter).value();
    for (auto doc : r.docs) {
      r.segs.push_back(seg.segment(doc));
      r.sentences += r.segs.back().sentences.size();
      r.names.push_back(p.options().gazetteer.match(r.segs.back(), short_forms_needed(p.options().resolve)));
      r.rules.push_back(p.options().rules.match(doc));
      Document d;
      d.id = "doc";
      d.date = "2024-06-19";
      d.bytes = doc.size();
      resolve(doc, r.segs.back(), p.options().gazetteer, r.names.back(), p.options().rules,
              r.rules.back(), p.options().resolve, d);
      r.resolved.push_back(d);
      build_relations(doc, r.segs.back(), d.mentions, p.options().gazetteer, p.options().lexicon,
                      p.options().relations, d);
      r.annotated.push_back(std::move(d));
    }
    return r;
  }();
  return d;
}

void set_rates(benchmark::State& state, std::size_t bytes, std::size_t sentences) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * sentences), benchmark::Counter::kIsRate);
}

// Documents of thread `t` of `n`: every n-th one.
template <typename F>
void for_my_docs(const benchmark::State& state, const Data& d, F&& f) {
  const std::size_t n = static_cast<std::size_t>(state.threads()), t = static_cast<std::size_t>(state.thread_index());
  for (std::size_t i = t; i < d.docs.size(); i += n) f(i);
}

void BM_Validate(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state)
    for (auto doc : d.docs) benchmark::DoNotOptimize(find_invalid_utf8(doc));
  set_rates(state, d.bytes, d.sentences);
}

void BM_Normalize(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state)
    for (auto doc : d.docs) benchmark::DoNotOptimize(normalize(doc));
  set_rates(state, d.bytes, d.sentences);
}

void BM_Segment(benchmark::State& state) {
  const Data& d = data();
  auto seg = Segmenter::create(pipeline(kBundled).options().segmenter).value();
  for (auto _ : state)
    for (auto doc : d.docs) benchmark::DoNotOptimize(seg.segment(doc));
  set_rates(state, d.bytes, d.sentences);
}

void BM_GazetteerMatch(benchmark::State& state) {
  const Data& d = data();
  const PipelineOptions& o = pipeline(static_cast<Gaz>(state.range(0))).options();
  const Gazetteer& gz = o.gazetteer;
  std::size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const auto& s : d.segs) matches += gz.match(s, short_forms_needed(o.resolve)).size();
  }
  set_rates(state, d.bytes, d.sentences);
  state.counters["aliases"] = static_cast<double>(gz.aliases().size());
  state.counters["matches"] = static_cast<double>(matches);
}


// Matching as the pipeline meets it: each article segmented just before, its tokens still in
// cache, and only the match timed (manual time). BM_GazetteerMatch reads the segmentations of the
// whole slice, made in advance: 28 bytes of token and hash per token, about 240 MB for 20 MB of
// text, so it also measures how fast memory streams them in.
void BM_GazetteerMatchInCache(benchmark::State& state) {
  const Data& d = data();
  const PipelineOptions& o = pipeline(static_cast<Gaz>(state.range(0))).options();
  const Gazetteer& gz = o.gazetteer;
  const auto segmenter = Segmenter::create(pipeline(kBundled).options().segmenter).value();
  std::size_t matches = 0;
  for (auto _ : state) {
    double spent = 0;
    matches = 0;
    for (auto doc : d.docs) {
      const Segmentation seg = segmenter.segment(doc);
      const auto start = std::chrono::steady_clock::now();
      matches += gz.match(seg, short_forms_needed(o.resolve)).size();
      spent += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    state.SetIterationTime(spent);
  }
  set_rates(state, d.bytes, d.sentences);
  state.counters["matches"] = static_cast<double>(matches);
}

void BM_Rules(benchmark::State& state) {
  const Data& d = data();
  const RegexRecognizer& rr = pipeline(kBundled).options().rules;
  for (auto _ : state)
    for (auto doc : d.docs) benchmark::DoNotOptimize(rr.match(doc));
  set_rates(state, d.bytes, d.sentences);
}

void BM_Resolve(benchmark::State& state) {
  const Data& d = data();
  const PipelineOptions& o = pipeline(kBundled).options();
  for (auto _ : state)
    for (std::size_t i = 0; i < d.docs.size(); ++i) {
      Document doc;
      doc.date = "2024-06-19";
      resolve(d.docs[i], d.segs[i], o.gazetteer, d.names[i], o.rules, d.rules[i], o.resolve, doc);
      benchmark::DoNotOptimize(doc);
    }
  set_rates(state, d.bytes, d.sentences);
}

void BM_Relations(benchmark::State& state) {
  const Data& d = data();
  const PipelineOptions& o = pipeline(kBundled).options();
  for (auto _ : state)
    for (std::size_t i = 0; i < d.docs.size(); ++i) {
      Document doc;
      build_relations(d.docs[i], d.segs[i], d.resolved[i].mentions, o.gazetteer, o.lexicon,
                      o.relations, doc);
      benchmark::DoNotOptimize(doc);
    }
  set_rates(state, d.bytes, d.sentences);
}

void BM_Graph(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    ActorGraph g;
    for (const auto& doc : d.annotated) g.add(doc);
    benchmark::DoNotOptimize(g.num_edges());
  }
  set_rates(state, d.bytes, d.sentences);
}

void BM_Json(benchmark::State& state) {
  const Data& d = data();
  std::size_t out = 0;
  for (auto _ : state) {
    out = 0;
    for (const auto& doc : d.annotated) out += to_json(doc).size() + 1;
  }
  set_rates(state, d.bytes, d.sentences);
  state.counters["json_bytes"] = static_cast<double>(out);
}

// Whole annotation and JSON line of every document, documents shared out among the threads.
void BM_EndToEnd(benchmark::State& state) {
  const Data& d = data();
  const Pipeline& p = pipeline(static_cast<Gaz>(state.range(0)));
  std::size_t bytes = 0, sentences = 0;
  for_my_docs(state, d, [&](std::size_t i) {
    bytes += d.docs[i].size();
    sentences += d.segs[i].sentences.size();
  });
  for (auto _ : state)
    for_my_docs(state, d, [&](std::size_t i) {
      benchmark::DoNotOptimize(to_json(p.annotate(d.docs[i], "doc", "2024-06-19")));
    });
  set_rates(state, bytes, sentences);
}

void gaz_args(benchmark::internal::Benchmark* b) {
  b->ArgName("gazetteer")->Arg(kBundled)->Arg(kNames10k)->Arg(kBundled1M);
}

BENCHMARK(BM_Validate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GazetteerMatch)->Apply(gaz_args)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GazetteerMatchInCache)->Apply(gaz_args)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Resolve)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Relations)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Graph)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Json)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EndToEnd)->Apply(gaz_args)->ThreadRange(1, 2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
