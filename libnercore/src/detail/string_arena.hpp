// SPDX-License-Identifier: MIT
// File: detail/string_arena.hpp
// Private: immutable strings stored back to back in large blocks that never move, so that
// string_views into them stay valid as long as the arena lives. One allocation per 64 KB instead
// of one per string, and no 32-byte std::string per string: the gazetteer keeps the text, source
// and office of millions of aliases here.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace nercore::detail {

class StringArena {
 public:
  /// A copy of `s` that lives as long as the arena.
  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > kBlock / 4) {  // a long string gets a block of its own; the current one goes on
      blocks_.push_back({std::unique_ptr<char[]>(new char[s.size()]), s.size()});
      std::memcpy(blocks_.back().data.get(), s.data(), s.size());
      return {blocks_.back().data.get(), s.size()};
    }
    if (left_ < s.size()) {
      blocks_.push_back({std::unique_ptr<char[]>(new char[kBlock]), 0});
      current_ = blocks_.size() - 1;
      next_ = blocks_.back().data.get();
      left_ = kBlock;
    }
    std::memcpy(next_, s.data(), s.size());
    std::string_view out(next_, s.size());
    next_ += s.size();
    left_ -= s.size();
    blocks_[current_].used += s.size();
    return out;
  }
  /// Takes `size` bytes at `data` as a block of its own (a snapshot's strings): views into them
  /// live as long as the arena.
  const char* adopt(std::unique_ptr<char[]> data, std::size_t size) {
    blocks_.push_back({std::move(data), size});
    return blocks_.back().data.get();
  }
  /// Calls f(bytes) for the stored bytes of every block, in the order of the blocks.
  template <typename F>
  void for_each_block(F&& f) const {
    for (const Block& b : blocks_) f(std::string_view(b.data.get(), b.used));
  }

 private:
  static constexpr std::size_t kBlock = std::size_t{1} << 16;
  struct Block {
    std::unique_ptr<char[]> data;
    std::size_t used = 0;
  };
  std::vector<Block> blocks_;
  std::size_t current_ = 0;  // the block that store() fills
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace nercore::detail
