// SPDX-License-Identifier: MIT
// File: detail/hash_slots.hpp
// Private: a hash index of 32-bit values by open addressing. The keys stay with the caller, which
// gives each value's hash and says whether the value in a slot is the one sought: the same table
// serves the words of a trie (kept back to back), the entities by id (kept in the records) and the
// entities a document has introduced, at 8 bytes a slot and one probe sequence per lookup.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace nercore::detail {

/// A 32-bit hash of an integer key (Fibonacci hashing: the high bits of the product), for the
/// tables keyed by indices or pairs of them.
inline std::uint32_t mix_hash(std::uint64_t key) noexcept {
  return static_cast<std::uint32_t>((key * 0x9E3779B97F4A7C15ULL) >> 32);
}

class HashSlots {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  /// The value with this hash for which `is(value)` holds, or kNone.
  template <typename Is>
  std::uint32_t find(std::uint32_t hash, Is&& is) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value_plus1 == 0) return kNone;
      if (s.hash == hash && is(s.value_plus1 - 1)) return s.value_plus1 - 1;
    }
  }
  /// The value with this hash for which `is(value)` holds, and false; or, if there is none,
  /// `value`, added, and true.
  template <typename Is>
  std::pair<std::uint32_t, bool> find_or_insert(std::uint32_t hash, Is&& is, std::uint32_t value) {
    if (const std::uint32_t found = find(hash, is); found != kNone) return {found, false};
    insert(hash, value);
    return {value, true};
  }
  /// Room for `n` values without a rehash (an empty table only).
  void reserve(std::size_t n) {
    if (size_ == 0 && slots_.size() < 2 * n) slots_.assign(std::bit_ceil(std::max<std::size_t>(16, 2 * n)), Slot{});
  }
  /// Adds a value that is not in the table yet (values below kNone).
  void insert(std::uint32_t hash, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) {
      std::vector<Slot> old = std::move(slots_);
      slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
      for (const Slot& s : old)
        if (s.value_plus1) place(s);
    }
    place({hash, value + 1});
    ++size_;
  }
  std::size_t size() const noexcept { return size_; }
  /// Calls f(value) for every value, in no particular order.
  template <typename F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.value_plus1) f(s.value_plus1 - 1);
  }

  /// Writes the table as it is to a snapshot (detail/snapshot.hpp).
  template <typename Writer>
  void save(Writer& w) const {
    w.put_array(slots_);
    w.template put<std::uint64_t>(size_);
  }
  /// Reads what save() wrote and checks what find() relies on: a power of two of slots, at most
  /// half of them full (so a probe sequence ends), every value below `limit`. On a failure, the
  /// reader holds the error.
  template <typename Reader>
  void load(Reader& r, std::uint32_t limit, const char* what) {
    r.get_array(slots_, what);
    const auto size = r.template get<std::uint64_t>(what);
    if (!r.ok()) return;
    std::uint64_t full = 0;
    for (const Slot& s : slots_) {
      if (s.value_plus1 == 0) continue;
      ++full;
      if (s.value_plus1 - 1 >= limit) return r.fail(what, "a value is out of range");
    }
    if ((!slots_.empty() && !std::has_single_bit(slots_.size())) || full != size || full * 2 > slots_.size())
      return r.fail(what, "the table's shape is not one this version writes");
    size_ = static_cast<std::size_t>(size);
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t value_plus1 = 0;  // 0: empty
  };
  void place(Slot v) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = v.hash & mask;
    while (slots_[i].value_plus1) i = (i + 1) & mask;
    slots_[i] = v;
  }

  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

/// A set of 32-bit values (below HashSlots::kNone) on a HashSlots: no allocation per insert, unlike
/// std::unordered_set. For entity indices and the like.
class IndexSet {
 public:
  bool contains(std::uint32_t v) const {
    return slots_.find(hash(v), [v](std::uint32_t x) { return x == v; }) != HashSlots::kNone;
  }
  /// Adds v if it is not in the set yet; returns whether it was added.
  bool insert(std::uint32_t v) {
    return slots_.find_or_insert(hash(v), [v](std::uint32_t x) { return x == v; }, v).second;
  }
  std::size_t size() const noexcept { return slots_.size(); }
  /// Room for `n` values without a rehash (an empty set only).
  void reserve(std::size_t n) { slots_.reserve(n); }
  /// Calls f(value) for every value, in no particular order.
  template <typename F>
  void for_each(F&& f) const { slots_.for_each(std::forward<F>(f)); }

 private:
  static std::uint32_t hash(std::uint32_t v) { return mix_hash(v); }
  HashSlots slots_;
};

}  // namespace nercore::detail
