// SPDX-License-Identifier: MIT
// File: detail/token_trie.hpp
// Private: a trie over folded words, stored as hash maps (vocabulary and edges), so that the cost
// of a step does not depend on the number of entries; and the walk over a Segmentation that
// lets names cross spaces, hyphens and apostrophes but no other punctuation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "nercore/segment.hpp"

namespace nercore::detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class TokenTrie {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static constexpr std::uint32_t kRoot = 0;

  /// Inserts a word sequence; returns its final node.
  std::uint32_t insert(const std::vector<std::string>& words) {
    std::uint32_t node = kRoot;
    for (const auto& w : words) {
      auto [it, added] = vocab_.try_emplace(w, static_cast<std::uint32_t>(vocab_.size()));
      std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) | it->second;
      auto [e, fresh] = edges_.try_emplace(key, nodes_);
      if (fresh) ++nodes_;
      node = e->second;
    }
    return node;
  }
  std::uint32_t word_id(std::string_view w) const {
    auto it = vocab_.find(w);
    return it == vocab_.end() ? kNone : it->second;
  }
  std::uint32_t child(std::uint32_t node, std::uint32_t word) const {
    auto it = edges_.find((static_cast<std::uint64_t>(node) << 32) | word);
    return it == edges_.end() ? kNone : it->second;
  }
  std::uint32_t num_nodes() const { return nodes_; }

  /// For every word token that starts a path, calls `on(first, last, node)` for each node with
  /// `accept(node)` true along the path (tokens [first, last) matched), in increasing length.
  template <typename Accept, typename On>
  void walk(const Segmentation& seg, Accept&& accept, On&& on) const {
    const auto& toks = seg.tokens;
    const std::uint32_t n = static_cast<std::uint32_t>(toks.size());
    std::vector<std::uint32_t> ids(n, kNone);
    for (std::uint32_t i = 0; i < n; ++i)
      if (toks[i].is_word()) ids[i] = word_id(seg.norm(toks[i]));
    for (std::uint32_t i = 0; i < n; ++i) {
      if (ids[i] == kNone) continue;
      std::uint32_t node = kRoot, j = i;
      while (true) {
        node = child(node, ids[j]);
        if (node == kNone) break;
        if (accept(node)) on(i, j + 1, node);
        // next word: directly adjacent, or after at most two joiners, same sentence
        std::uint32_t k = j + 1, joiners = 0;
        while (k < n && toks[k].is_joiner() && toks[k].sentence == toks[j].sentence && joiners < 2) {
          ++k;
          ++joiners;
        }
        if (k >= n || !toks[k].is_word() || toks[k].sentence != toks[j].sentence || ids[k] == kNone)
          break;
        j = k;
      }
    }
  }

 private:
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> vocab_;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  std::uint32_t nodes_ = 1;
};

}  // namespace nercore::detail
