// SPDX-License-Identifier: MIT
// File: detail/token_trie.hpp
// Private: a trie over folded words. The vocabulary and the edges are flat open-addressing hash
// tables (one probe sequence per token and per step, whatever the number of entries), the root's
// edges an array indexed by word; words are looked up by the hash that the Segmenter stored for each
// token, so a token's folded form is hashed once for all the tries. The walk over a Segmentation
// lets names cross spaces, hyphens and apostrophes but no other punctuation.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "detail/hash_slots.hpp"
#include "detail/utf8.hpp"
#include "nercore/segment.hpp"

namespace nercore::detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// The hash of token t's folded form: the one the Segmenter stored, or, for a Segmentation built by
/// hand without hashes, computed now.
inline std::uint32_t token_hash(const Segmentation& seg, std::uint32_t t) {
  return seg.hashes.size() == seg.tokens.size() ? seg.hashes[t] : hash_word(seg.norm(t));
}

/// Index of the first token of `seg` that starts at or after byte `b` (tokens.size() if none).
inline std::uint32_t token_at(const Segmentation& seg, std::uint32_t b) {
  auto it = std::lower_bound(seg.tokens.begin(), seg.tokens.end(), b,
                             [](const Token& t, std::uint32_t v) { return t.span.begin < v; });
  return static_cast<std::uint32_t>(it - seg.tokens.begin());
}

template <typename T>
T load_bytes(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// a == b, inline for the short strings that words are (a library memcmp call costs more): eight
/// bytes at a time, the last eight overlapping; four and four, overlapping, below eight; the
/// first, middle and last below four.
inline bool same_bytes(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char *p = a.data(), *q = b.data();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (load_bytes<std::uint64_t>(p + i) != load_bytes<std::uint64_t>(q + i)) return false;
    return load_bytes<std::uint64_t>(p + n - 8) == load_bytes<std::uint64_t>(q + n - 8);
  }
  if (n >= 4)
    return load_bytes<std::uint32_t>(p) == load_bytes<std::uint32_t>(q) &&
           load_bytes<std::uint32_t>(p + n - 4) == load_bytes<std::uint32_t>(q + n - 4);
  return n == 0 || (p[0] == q[0] && p[n / 2] == q[n / 2] && p[n - 1] == q[n - 1]);
}

/// The word after the full stop of an initial, token j being a single letter ("George W. Bush",
/// "J.D. Vance"), in the same sentence; TokenTrie::kNone (0xFFFFFFFF) otherwise.
inline std::uint32_t after_initial(const Segmentation& seg, std::uint32_t j) {
  const auto& toks = seg.tokens;
  if (toks[j].norm_size != 1 || j + 2 >= toks.size() || seg.norm(j + 1) != "." || !toks[j + 2].is_word() ||
      toks[j + 2].sentence != toks[j].sentence)
    return 0xFFFFFFFFu;
  return j + 2;
}

class TokenTrie {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  static constexpr std::uint32_t kRoot = 0;

  /// Inserts a word sequence; returns its final node.
  std::uint32_t insert(const std::vector<std::string>& words) { return insert(std::span(words)); }
  std::uint32_t insert(std::span<const std::string> words) {
    std::uint32_t node = kRoot;
    for (const auto& w : words) {
      const std::uint32_t id = add_word(w);
      std::uint32_t next = node == kRoot ? root_[id] : kNone;
      if (node != kRoot) {
        // no edge to look for from a node without children or to a word that never continued
        // a path (a probe is a cache miss in a large trie)
        if (has_children(node) && continues_[id]) next = child(node, id);
        continues_[id] = 1;
      }
      if (next == kNone) {
        next = nodes_++;
        set_child(node, id, next);
        if (parents_.size() <= node / 64) parents_.resize(node / 64 + 1, 0);
        parents_[node / 64] |= std::uint64_t{1} << (node % 64);
      }
      node = next;
    }
    return node;
  }
  /// Id of a folded word, or kNone.
  std::uint32_t word_id(std::string_view w) const { return word_id(w, hash_word(w)); }
  /// The same, given hash_word(w).
  std::uint32_t word_id(std::string_view w, std::uint32_t h) const {
    if (!may_have(h)) return kNone;
    return find_word(w, h);
  }
  std::uint32_t child(std::uint32_t node, std::uint32_t word) const {
    if (node == kRoot) return word < root_.size() ? root_[word] : kNone;
    if (edge_slots_.empty() || !continues_[word]) return kNone;
    const std::uint64_t key = edge_key(node, word);
    const std::size_t mask = edge_slots_.size() - 1;
    for (std::size_t i = edge_index(key); ; i = (i + 1) & mask) {
      const EdgeSlot& s = edge_slots_[i];
      if (s.key == key) return s.child;
      if (s.key == kEmptyKey) return kNone;
    }
  }
  std::uint32_t num_nodes() const { return nodes_; }
  /// Whether a path goes on from `node`.
  bool has_children(std::uint32_t node) const {
    return node / 64 < parents_.size() && (parents_[node / 64] >> (node % 64) & 1);
  }
  std::size_t num_words() const { return word_begin_.size() - 1; }
  /// For every word token that starts a path, calls `on(first, last, node)` for each node with
  /// `accept(node)` true along the path (tokens [first, last) matched), in increasing length.
  ///
  /// With the Segmenter's hashes, only the tokens whose word may start a path (a second filter, of
  /// the words with an edge from the root) are looked up, and the words after them as the walk
  /// goes on: most vocabulary words of a text ("de", "du", "nord") continue names and start none.
  template <typename Accept, typename On>
  void walk(const Segmentation& seg, Accept&& accept, On&& on) const {
    if (seg.tokens.empty() || num_words() == 0) return;
    if (seg.hashes.size() != seg.tokens.size()) {
      std::vector<std::uint32_t> ids, found;
      word_ids(seg, ids, &found);
      walk(seg, ids, found, accept, on);
      return;
    }
    const auto& toks = seg.tokens;
    const auto n = static_cast<std::uint32_t>(toks.size());
    // written by filter_pass before it is read: no zeroing of a slot per token
    const auto starts = std::make_unique_for_overwrite<std::uint32_t[]>(n);
    std::uint32_t* pos = starts.get();
    const Token* tok = toks.data();
    const std::uint32_t* hashes = seg.hashes.data();
    const std::uint32_t k = filter_pass(tok, hashes, n, start_filter_.data(), pos);
    for (std::uint32_t c = 0; c < k; ++c) {
      const std::uint32_t i = pos[c];
      const std::uint32_t first = find_word(seg.norm(tok[i]), hashes[i]);
      if (first == kNone) continue;
      std::uint32_t node = root_[first], j = i;
      while (node != kNone) {
        if (accept(node)) on(i, j + 1, node);
        if (!has_children(node)) break;
        std::uint32_t next = next_word(toks, j);
        if (next == kNone && (next = detail::after_initial(seg, j)) == kNone) break;  // past an initial
        const std::uint32_t id = word_id(seg.norm(tok[next]), hashes[next]);
        if (id == kNone) break;
        node = child(node, id);
        j = next;
      }
    }
  }
  /// The word id of every token of `seg` (kNone for other tokens and unknown words), and if
  /// `found` is given, the positions of the tokens with an id, in order.
  void word_ids(const Segmentation& seg, std::vector<std::uint32_t>& ids,
                std::vector<std::uint32_t>* found = nullptr) const {
    const auto& toks = seg.tokens;
    const auto n = static_cast<std::uint32_t>(toks.size());
    ids.assign(n, kNone);
    std::vector<std::uint32_t> local;
    std::vector<std::uint32_t>& at = found ? *found : local;
    at.clear();
    if (num_words() == 0 || n == 0) return;
    if (seg.hashes.size() != toks.size()) {
      for (std::uint32_t i = 0; i < n; ++i)
        if (toks[i].is_word() && (ids[i] = word_id(seg.norm(toks[i]))) != kNone) at.push_back(i);
      return;
    }
    // First the tokens that the filter lets through (filter_pass), then a vocabulary probe for
    // each of those.
    at.resize(n);
    std::uint32_t* pos = at.data();
    const Token* tok = toks.data();
    const std::uint32_t* hashes = seg.hashes.data();
    const std::uint32_t k = filter_pass(tok, hashes, n, filter_.data(), pos);
    std::uint32_t* id_of = ids.data();
    std::uint32_t m = 0;
    for (std::uint32_t c = 0; c < k; ++c) {
      const std::uint32_t i = pos[c];
      const std::uint32_t id = find_word(seg.norm(tok[i]), hashes[i]);
      id_of[i] = id;
      pos[m] = i;
      m += id != kNone;
    }
    at.resize(m);
  }
  /// walk() over the ids and positions that word_ids() gave, so that several passes share one
  /// lookup per token.
  template <typename Accept, typename On>
  void walk(const Segmentation& seg, const std::vector<std::uint32_t>& ids, const std::vector<std::uint32_t>& found,
            Accept&& accept, On&& on) const {
    walk(seg, ids, found, accept, on, [](std::uint32_t) { return false; });
  }
  /// The same, where inside a phrase the walk steps over up to kMaxSkipped words for which
  /// `skip(token)` is true and with which the phrase does not go on (« a signé mardi un accord »
  /// is « a signé un accord »); a match then spans the words skipped.
  static constexpr std::uint32_t kMaxSkipped = 2;
  template <typename Accept, typename On, typename Skip>
  void walk(const Segmentation& seg, const std::vector<std::uint32_t>& ids, const std::vector<std::uint32_t>& found,
            Accept&& accept, On&& on, Skip&& skip) const {
    walk(seg, ids, found, accept, on, skip, [](std::uint32_t) { return kNone; });
  }
  /// The same, where inside a phrase a token may also stand for the word `stand_in(token)` (an id,
  /// or kNone) when its own word does not go on: « a lancé 400 drones » as « a lancé des drones ».
  template <typename Accept, typename On, typename Skip, typename StandIn>
  void walk(const Segmentation& seg, const std::vector<std::uint32_t>& ids, const std::vector<std::uint32_t>& found,
            Accept&& accept, On&& on, Skip&& skip, StandIn&& stand_in) const {
    const auto& toks = seg.tokens;
    for (const std::uint32_t i : found) {
      std::uint32_t node = kRoot, j = i, id = ids[i];
      while (true) {
        node = child(node, id);
        if (node == kNone) break;
        if (accept(node)) on(i, j + 1, node);
        if (!has_children(node)) break;
        std::uint32_t k = next_word(toks, j);
        if (k == kNone) k = detail::after_initial(seg, j);  // past an initial
        // (the cheap test first: the phrase's own next word is looked up once, at the loop's top)
        for (std::uint32_t skipped = 0;
             k != kNone && ids[k] != kNone && skipped < kMaxSkipped && skip(k) && child(node, ids[k]) == kNone;
             ++skipped)
          k = next_word(toks, k);
        if (k == kNone) break;
        id = ids[k];
        if (const std::uint32_t alt = stand_in(k); alt != kNone && alt != id && (id == kNone || child(node, id) == kNone))
          id = alt;
        if (id == kNone) break;
        j = k;
      }
    }
  }

  /// Writes the trie as it is to a snapshot (detail/snapshot.hpp).
  template <typename Writer>
  void save(Writer& w) const {
    w.put_array(word_begin_);
    w.put_string(words_);
    vocab_.save(w);
    w.put_array(filter_);
    w.put_array(start_filter_);
    w.template put<std::int32_t>(filter_shift_);
    w.put_array(root_);
    w.put_array(continues_);
    w.put_array(parents_);
    std::vector<std::uint64_t> keys(edge_slots_.size());
    std::vector<std::uint32_t> children(edge_slots_.size());
    for (std::size_t i = 0; i < edge_slots_.size(); ++i) {
      keys[i] = edge_slots_[i].key;
      children[i] = edge_slots_[i].child;
    }
    w.put_array(keys);
    w.put_array(children);
    w.template put<std::int32_t>(edge_shift_);
    w.template put<std::uint64_t>(edges_);
    w.template put<std::uint32_t>(nodes_);
  }
  /// Reads what save() wrote into an empty trie, and checks what the lookups and the walk rely on:
  /// word offsets in order and in the text, ids and nodes in range, filters and tables of the
  /// shapes their hashing assumes, every probe sequence ending at an empty slot. On a failure, the
  /// reader holds the error (and the trie is not to be used).
  template <typename Reader>
  void load(Reader& r, const char* what) {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> children;
    auto bad = [&](const char* why) { r.fail(what, why); };
    r.get_array(word_begin_, what);
    r.get_string(words_, what);
    if (!r.ok()) return;
    if (word_begin_.empty() || word_begin_[0] != 0 || word_begin_.back() != words_.size())
      return bad("word offsets do not cover the words");
    for (std::size_t i = 1; i < word_begin_.size(); ++i)
      if (word_begin_[i] < word_begin_[i - 1]) return bad("word offsets out of order");
    const std::size_t words = num_words();
    if (words >= kNone) return bad("too many words");
    vocab_.load(r, static_cast<std::uint32_t>(words), what);
    r.get_array(filter_, what);
    r.get_array(start_filter_, what);
    filter_shift_ = r.template get<std::int32_t>(what);
    r.get_array(root_, what);
    r.get_array(continues_, what);
    r.get_array(parents_, what);
    r.get_array(keys, what);
    r.get_array(children, what);
    edge_shift_ = r.template get<std::int32_t>(what);
    const auto edges = r.template get<std::uint64_t>(what);
    nodes_ = r.template get<std::uint32_t>(what);
    if (!r.ok()) return;
    if (nodes_ == 0) return bad("no root node");
    if (root_.size() != words || continues_.size() != words) return bad("per-word tables of the wrong size");
    for (const std::uint32_t n : root_)
      if (n != kNone && (n == kRoot || n >= nodes_)) return bad("a word leads to a node that does not exist");
    if (filter_.empty()) {
      if (!start_filter_.empty() || words != 0 || filter_shift_ != 64) return bad("filters of the wrong shape");
    } else if (!std::has_single_bit(filter_.size()) || start_filter_.size() != filter_.size() ||
               filter_shift_ != 64 - std::countr_zero(filter_.size() * 64)) {
      return bad("filters of the wrong shape");
    }
    if (keys.size() != children.size()) return bad("edge table halves of different sizes");
    std::uint64_t full = 0;
    edge_slots_.resize(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      edge_slots_[i] = {keys[i], children[i]};
      if (keys[i] == kEmptyKey) continue;
      ++full;
      if (children[i] == kRoot || children[i] >= nodes_) return bad("an edge leads to a node that does not exist");
    }
    if (keys.empty() ? (edge_shift_ != 64 || edges != 0)
                     : (!std::has_single_bit(keys.size()) || edge_shift_ != 64 - std::countr_zero(keys.size()) ||
                        full != edges || full * 10 > keys.size() * 7))
      return bad("edge table of the wrong shape");
    edges_ = static_cast<std::size_t>(edges);
  }

 private:
  static constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};
  struct EdgeSlot {
    std::uint64_t key = kEmptyKey;
    std::uint32_t child = 0;
  };

  /// Writes to `pos` the positions of the word tokens whose hash has its bit set in `filter`
  /// (filter_ or start_filter_), in order, and returns how many: without a branch per token (most
  /// tokens are in no name, and which ones is unpredictable). Locals, not members, in the loop: the
  /// stores through `pos` could alias them otherwise. Forced inline: as a call, matching ran
  /// 4–7 % slower.
  [[gnu::always_inline]] std::uint32_t filter_pass(const Token* tok, const std::uint32_t* hashes,
                                                   std::uint32_t n, const std::uint64_t* filter,
                                                   std::uint32_t* pos) const {
    const int shift = filter_shift_;
    std::uint32_t k = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::size_t b = filter_bit(hashes[i], shift);
      pos[k] = i;
      k += static_cast<std::uint32_t>(tok[i].flags & Token::kWord & (filter[b / 64] >> (b % 64)));
    }
    return k;
  }
  /// The word token a path may go on to after token j: directly adjacent, or after at most two
  /// joiners, in the same sentence; kNone if there is none.
  static std::uint32_t next_word(const std::vector<Token>& toks, std::uint32_t j) {
    const auto n = static_cast<std::uint32_t>(toks.size());
    std::uint32_t k = j + 1, joiners = 0;
    while (k < n && toks[k].is_joiner() && toks[k].sentence == toks[j].sentence && joiners < 2) {
      ++k;
      ++joiners;
    }
    if (k >= n || !toks[k].is_word() || toks[k].sentence != toks[j].sentence) return kNone;
    return k;
  }
  static std::uint64_t edge_key(std::uint32_t node, std::uint32_t word) {
    return (static_cast<std::uint64_t>(node) << 32) | word;
  }
  std::size_t edge_index(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> edge_shift_);
  }

  std::uint32_t add_word(std::string_view w) {
    const std::uint32_t h = hash_word(w);
    if (std::uint32_t id = word_id(w, h); id != kNone) return id;
    const auto id = static_cast<std::uint32_t>(num_words());
    words_.append(w);
    word_begin_.push_back(static_cast<std::uint32_t>(words_.size()));
    root_.push_back(kNone);
    continues_.push_back(0);
    vocab_.insert(h, id);
    if (num_words() * kFilterBitsPerWord > filter_.size() * 64) {
      // the filter keeps at least kFilterBitsPerWord bits per word: rebuilt a power of two larger
      const std::size_t blocks = std::bit_ceil((num_words() * kFilterBitsPerWord + 63) / 64);
      filter_.assign(blocks, 0);
      start_filter_.assign(blocks, 0);
      filter_shift_ = 64 - std::countr_zero(blocks * 64);
      for (std::uint32_t i = 0; i < num_words(); ++i) {
        const std::uint32_t wh = hash_word(word(i));
        set_filter(filter_, wh);
        if (root_[i] != kNone) set_filter(start_filter_, wh);
      }
    } else {
      set_filter(filter_, h);
    }
    return id;
  }
  std::string_view word(std::uint32_t id) const {
    return {words_.data() + word_begin_[id], word_begin_[id + 1] - word_begin_[id]};
  }
  // A one-bit-per-word filter over the words' hashes, at kFilterBitsPerWord bits per word (a few
  // kilobytes for the bundled gazetteers): most words of a text are in no name, and the filter
  // tells so without a probe of the larger vocabulary table (about one false "maybe" in nine).
  static constexpr std::size_t kFilterBitsPerWord = 8;
  std::size_t filter_bit(std::uint32_t h) const { return filter_bit(h, filter_shift_); }
  void set_filter(std::vector<std::uint64_t>& f, std::uint32_t h) const {
    const std::size_t b = filter_bit(h);
    f[b / 64] |= std::uint64_t{1} << (b % 64);
  }
  static std::size_t filter_bit(std::uint32_t h, int shift) {
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> shift);
  }
  bool may_have(std::uint32_t h) const {
    if (filter_.empty()) return false;
    const std::size_t b = filter_bit(h);
    return (filter_[b / 64] >> (b % 64) & 1) != 0;
  }
  /// The vocabulary probe behind word_id(), without the filter.
  std::uint32_t find_word(std::string_view w, std::uint32_t h) const {
    return vocab_.find(h, [&](std::uint32_t id) { return same_bytes(word(id), w); });
  }
  void set_child(std::uint32_t node, std::uint32_t word, std::uint32_t next) {
    if (node == kRoot) {
      root_[word] = next;
      set_filter(start_filter_, hash_word(this->word(word)));
      return;
    }
    if ((edges_ + 1) * 10 > edge_slots_.size() * 7) {
      std::vector<EdgeSlot> old = std::move(edge_slots_);
      std::size_t size = std::max<std::size_t>(16, old.size() * 2);
      edge_slots_.assign(size, EdgeSlot{});
      edge_shift_ = 64;
      while (size > 1) { size >>= 1; --edge_shift_; }
      for (const EdgeSlot& s : old)
        if (s.key != kEmptyKey) place_edge(s);
    }
    place_edge({edge_key(node, word), next});
    ++edges_;
  }
  void place_edge(EdgeSlot e) {
    const std::size_t mask = edge_slots_.size() - 1;
    std::size_t i = edge_index(e.key);
    while (edge_slots_[i].key != kEmptyKey) i = (i + 1) & mask;
    edge_slots_[i] = e;
  }

  HashSlots vocab_;                                 // hash_word -> word id
  std::vector<std::uint64_t> filter_;               // see may_have(); a power of two of words
  std::vector<std::uint64_t> start_filter_;         // the same, of the words with a root edge
  int filter_shift_ = 64;
  std::vector<std::uint32_t> word_begin_{0};        // word id -> offset in words_ (size words + 1)
  std::string words_;                               // the words, back to back
  std::vector<std::uint32_t> root_;                 // word id -> child of the root, or kNone
  // Two filters that spare most edge probes (a cache miss each in a large trie): whether a word
  // is ever the second or a later word of a path, and which nodes have children.
  std::vector<std::uint8_t> continues_;              // word id -> 1 if it follows some word
  std::vector<std::uint64_t> parents_;               // bit per node: it has children
  std::vector<EdgeSlot> edge_slots_;                // (node, word) -> child, power of two
  int edge_shift_ = 64;
  std::size_t edges_ = 0;
  std::uint32_t nodes_ = 1;
};

}  // namespace nercore::detail
