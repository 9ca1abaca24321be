// SPDX-License-Identifier: MIT
// File: result.hpp
// Errors and the expected-like Result<T> returned by everything that can fail at build or load
// time (files, patterns, ICU setup). Annotation itself cannot fail.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace nercore {

/// Stable error codes; each message also starts with a code such as `[N003]`.
enum class ErrorCode {
  ok = 0,            ///< no error
  io,                ///< [N001] a file or directory could not be read or written
  parse,             ///< [N002] a data file line does not have the expected shape
  duplicate_id,      ///< [N003] an entity or trigger id is defined twice
  unknown_type,      ///< [N004] an entity, relation or modality type is not one we know
  bad_date,          ///< [N005] a date is not YYYY, YYYY-MM or YYYY-MM-DD, or from > to
  bad_pattern,       ///< [N006] RE2 rejected a pattern, or it has no usable group
  bad_reference,     ///< [N007] an id refers to an entity that does not exist
  invalid_utf8,      ///< [N008] input is not valid UTF-8 (the message gives the byte offset)
  invalid_argument,  ///< [N009] an option or argument is out of range
  icu,               ///< [N010] ICU failed to set up a service
  graphml,           ///< [N011] a GraphML file could not be read
  snapshot,          ///< [N012] a gazetteer snapshot is damaged, stale or of another build
};

/// Stable code string for an error code, e.g. "N003".
const char* error_code_id(ErrorCode code) noexcept;

/// What went wrong and where: `source` is a file (or pattern id), `line` a 1-based line or 0.
struct Error {
  ErrorCode code = ErrorCode::ok;
  std::string message;
  std::string source;
  int line = 0;

  /// "file:line: [N002] message" (file and line omitted when unknown).
  std::string to_string() const;
};

/// Exception thrown by the throwing forms (`Result::value()`, `Pipeline::from_directory_or_throw`).
class Exception : public std::runtime_error {
 public:
  explicit Exception(Error error)
      : std::runtime_error(error.to_string()), error_(std::move(error)) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

/// Either a T or an Error. A small `std::expected` for C++20.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; throws nercore::Exception if this holds an error.
  T& value() & {
    if (!has_value()) throw Exception(std::get<1>(v_));
    return std::get<0>(v_);
  }
  const T& value() const& {
    if (!has_value()) throw Exception(std::get<1>(v_));
    return std::get<0>(v_);
  }
  T&& value() && {
    if (!has_value()) throw Exception(std::get<1>(v_));
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The error; undefined if this holds a value.
  const Error& error() const& { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Result of an operation that returns nothing.
struct Ok {};
using Status = Result<Ok>;

}  // namespace nercore
