// SPDX-License-Identifier: MIT
// File: tests/reliability/concurrency_test.cpp
// Concurrency tests, run under ThreadSanitizer by `make test` (the tsan preset selects the tests
// whose name matches "concurrency|thread"): one Pipeline shared by several threads annotating
// different texts, and parallel graph building (one ActorGraph per thread, merged), including
// concurrent reads of a shared const graph.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nercore/nercore.hpp"
#include "support/fixtures.hpp"

using namespace nercore;
using nercore::test::bundled;
using nercore::test::sample_paragraphs;

namespace {

std::string graphml(const ActorGraph& g) {
  GraphFilter all;
  all.cooccurrence = true;
  std::ostringstream out;
  g.write_graphml(out, all);
  return out.str();
}

}  // namespace

TEST_CASE("concurrency: one Pipeline shared by threads annotating different texts",
          "[concurrency]") {
  const std::vector<std::string> texts = sample_paragraphs();
  REQUIRE(texts.size() >= 8);
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < texts.size(); ++i)
    expected.push_back(to_json(bundled().annotate(texts[i], std::to_string(i), "2024-06-19")));

  // Each thread takes every kThreads-th text, with its own copy of the Pipeline (copies share the
  // compiled data, so copying and destroying them races on the reference count only).
  constexpr std::size_t kThreads = 4;
  std::vector<std::string> got(texts.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Pipeline mine = bundled();
      for (std::size_t i = t; i < texts.size(); i += kThreads)
        got[i] = to_json(mine.annotate(texts[i], std::to_string(i), "2024-06-19"));
    });
  }
  for (auto& th : threads) th.join();
  CHECK(got == expected);
}

TEST_CASE("concurrency: graphs built on threads and merged equal the sequential graph",
          "[concurrency][graph]") {
  const std::vector<std::string> texts = sample_paragraphs();
  std::vector<Document> docs;
  for (std::size_t i = 0; i < texts.size(); ++i)
    docs.push_back(bundled().annotate(texts[i], "doc" + std::to_string(i), "2024-06-19"));
  ActorGraph sequential;
  for (const Document& d : docs) sequential.add(d);

  // Parallel graph building: each thread annotates its share and adds it to its own graph.
  constexpr std::size_t kThreads = 4;
  std::vector<ActorGraph> partial(kThreads);
  {
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < texts.size(); i += kThreads)
          partial[t].add(bundled().annotate(texts[i], "doc" + std::to_string(i), "2024-06-19"));
      });
    }
    for (auto& th : threads) th.join();
  }
  // Merged pairwise on two threads, then once more: merge() reads `other` only.
  ActorGraph left = partial[0];
  ActorGraph right = partial[2];
  {
    std::thread a([&] { left.merge(partial[1]); });
    std::thread b([&] { right.merge(partial[3]); });
    a.join();
    b.join();
  }
  left.merge(right);
  CHECK(left == sequential);
  CHECK(graphml(left) == graphml(sequential));

  // A const graph is read by several threads at once: export, copy, merge into their own graphs.
  const ActorGraph& shared = sequential;
  const std::string expected = graphml(shared);
  std::vector<std::string> written(kThreads);
  std::vector<std::size_t> doubled(kThreads);
  {
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        written[t] = graphml(shared);
        ActorGraph mine = shared;
        mine.merge(shared);
        doubled[t] = mine.num_edges();
      });
    }
    for (auto& th : threads) th.join();
  }
  for (std::size_t t = 0; t < kThreads; ++t) {
    CHECK(written[t] == expected);
    CHECK(doubled[t] == shared.num_edges());
  }
}
