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
      blocks_.emplace_back(new char[s.size()]);
      std::memcpy(blocks_.back().get(), s.data(), s.size());
      return {blocks_.back().get(), s.size()};
    }
    if (left_ < s.size()) {
      blocks_.emplace_back(new char[kBlock]);
      next_ = blocks_.back().get();
      left_ = kBlock;
    }
    std::memcpy(next_, s.data(), s.size());
    std::string_view out(next_, s.size());
    next_ += s.size();
    left_ -= s.size();
    return out;
  }

 private:
  static constexpr std::size_t kBlock = std::size_t{1} << 16;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace nercore::detail
