// SPDX-License-Identifier: MIT
// File: detail/snapshot.hpp
// Private: the byte layer of gazetteer snapshots (Gazetteer::save and Gazetteer::load). The writer
// streams fixed-size values and arrays of them, in this machine's byte order, to a file; the
// reader streams them back with a bounds check on every read, so that a short or damaged file ends
// in an error that gives the byte offset, never in a read past the end. Neither holds the whole
// file in memory: both go through one block at a time, and the checksum is that of the blocks'
// hashes in order (the same blocks on both sides, whatever the values in them).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nercore::detail {

inline constexpr std::size_t kSnapshotBlock = std::size_t{1} << 16;

/// The checksum after one more block.
inline std::uint64_t snapshot_mix(std::uint64_t sum, std::string_view block) {
  return (sum ^ std::hash<std::string_view>{}(block)) * 0x100000001B3ULL + 0x9E3779B97F4A7C15ULL;
}

/// The checksum of a whole payload, block by block: what SnapshotWriter::checksum() gives for it.
inline std::uint64_t snapshot_checksum(std::string_view payload) {
  std::uint64_t sum = 0;
  for (std::size_t at = 0; at < payload.size(); at += kSnapshotBlock)
    sum = snapshot_mix(sum, payload.substr(at, kSnapshotBlock));
  return sum;
}

inline constexpr char kSnapshotMagic[8] = {'N', 'E', 'R', 'C', 'G', 'A', 'Z', '\n'};
// Bump whenever Gazetteer::Impl, a trie or a table changes what it holds or how.
inline constexpr std::uint32_t kSnapshotFormat = 2;
inline constexpr std::uint32_t kSnapshotByteOrder = 0x01020304;

/// The start of a snapshot file; the payload follows.
struct SnapshotHeader {
  char magic[8];
  std::uint32_t format;
  std::uint32_t byte_order;
  std::uint64_t build;     // a fingerprint of this build's hashes and version
  std::uint64_t key;       // the caller's key (a fingerprint of the sources)
  std::uint64_t payload;   // bytes after the header
  std::uint64_t checksum;  // snapshot_checksum() of those bytes
};
static_assert(sizeof(SnapshotHeader) == 48 && std::has_unique_object_representations_v<SnapshotHeader>);

class SnapshotWriter {
 public:
  /// Writes to `f` from its current position.
  explicit SnapshotWriter(std::FILE* f) : f_(f) { buf_.reserve(kSnapshotBlock); }

  template <typename T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>,
                  "a value without padding (whose bytes are all its own)");
    write(&v, sizeof v);
  }
  /// A count, then the elements.
  template <typename T>
  void put_array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>,
                  "elements without padding (whose bytes are all their own)");
    put<std::uint64_t>(v.size());
    write(v.data(), v.size() * sizeof(T));
  }
  void put_string(std::string_view s) {
    put<std::uint64_t>(s.size());
    write(s.data(), s.size());
  }
  /// Bytes as they are, without a count.
  void put_raw(std::string_view s) { write(s.data(), s.size()); }
  /// Writes what is left; then bytes() and checksum() are final. False on a write error.
  bool finish() {
    flush();
    return ok_;
  }
  std::uint64_t bytes() const noexcept { return bytes_; }
  std::uint64_t checksum() const noexcept { return sum_; }

 private:
  void write(const void* data, std::size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      const std::size_t k = std::min(n, kSnapshotBlock - buf_.size());
      buf_.append(p, k);
      p += k;
      n -= k;
      if (buf_.size() == kSnapshotBlock) flush();
    }
  }
  void flush() {
    if (buf_.empty()) return;
    sum_ = snapshot_mix(sum_, buf_);
    ok_ = ok_ && std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
    bytes_ += buf_.size();
    buf_.clear();
  }

  std::FILE* f_;
  std::string buf_;
  std::uint64_t bytes_ = 0;
  std::uint64_t sum_ = 0;
  bool ok_ = true;
};

class SnapshotReader {
 public:
  /// Reads `size` bytes of `f` from its current position, which is byte `base` of the file (the
  /// offsets in messages count from the start of the file).
  SnapshotReader(std::FILE* f, std::uint64_t size, std::uint64_t base) : f_(f), size_(size), base_(base) {}

  /// False once a read has failed; then error() says which and where.
  bool ok() const noexcept { return error_.empty(); }
  const std::string& error() const noexcept { return error_; }
  /// The file offset of the next read.
  std::uint64_t offset() const noexcept { return base_ + pos_; }
  std::uint64_t remaining() const noexcept { return size_ - pos_; }
  bool at_end() const noexcept { return pos_ == size_; }
  bool io_error() const noexcept { return io_error_; }

  template <typename T>
  T get(const char* what) {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    read(&v, sizeof v, what);
    return v;
  }
  template <typename T>
  void get_array(std::vector<T>& v, const char* what) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto n = get<std::uint64_t>(what);
    if (!ok()) return;
    if (n > remaining() / sizeof(T)) return fail(what, "its size runs past the end of the file");
    v.resize(static_cast<std::size_t>(n));
    read(v.data(), v.size() * sizeof(T), what);
  }
  void get_string(std::string& s, const char* what) {
    const auto n = get<std::uint64_t>(what);
    if (!ok()) return;
    if (n > remaining()) return fail(what, "its size runs past the end of the file");
    s.resize(static_cast<std::size_t>(n));
    read(s.data(), s.size(), what);
  }
  /// Records a failure (the first one wins) at the current offset.
  void fail(const char* what, std::string_view why) {
    if (error_.empty()) error_ = "at byte " + std::to_string(offset()) + ", " + what + ": " + std::string(why);
  }
  /// Reads the rest of the file (after a failure too) and returns the checksum of all of it.
  std::uint64_t checksum() {
    while (fill()) {
    }
    return sum_;
  }

  void read(void* dst, std::size_t n, const char* what) {
    if (!ok()) return;
    if (n > remaining()) return fail(what, "the file ends before it");
    char* out = static_cast<char*>(dst);
    while (n > 0) {
      if (at_ == buf_.size() && !fill()) return fail(what, "the file could not be read");
      const std::size_t k = std::min(n, buf_.size() - at_);
      std::memcpy(out, buf_.data() + at_, k);
      out += k;
      at_ += k;
      pos_ += k;
      n -= k;
    }
  }

 private:
  // The next block of the file into buf_; false at the end or on a read error.
  bool fill() {
    const std::uint64_t left = size_ - read_;
    if (left == 0) return false;
    buf_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(left, kSnapshotBlock)));
    if (std::fread(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      io_error_ = true;
      read_ = size_;
      buf_.clear();
      at_ = 0;
      return false;
    }
    read_ += buf_.size();
    at_ = 0;
    sum_ = snapshot_mix(sum_, buf_);
    return true;
  }

  std::FILE* f_;
  std::uint64_t size_;
  std::uint64_t base_;
  std::uint64_t pos_ = 0;   // bytes handed out
  std::uint64_t read_ = 0;  // bytes read from the file
  std::string buf_;
  std::size_t at_ = 0;
  std::uint64_t sum_ = 0;
  bool io_error_ = false;
  std::string error_;
};

}  // namespace nercore::detail
