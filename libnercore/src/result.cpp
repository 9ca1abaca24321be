// SPDX-License-Identifier: MIT
// File: result.cpp
#include "nercore/result.hpp"

#include <fmt/format.h>

namespace nercore {

const char* error_code_id(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "N000";
    case ErrorCode::io: return "N001";
    case ErrorCode::parse: return "N002";
    case ErrorCode::duplicate_id: return "N003";
    case ErrorCode::unknown_type: return "N004";
    case ErrorCode::bad_date: return "N005";
    case ErrorCode::bad_pattern: return "N006";
    case ErrorCode::bad_reference: return "N007";
    case ErrorCode::invalid_utf8: return "N008";
    case ErrorCode::invalid_argument: return "N009";
    case ErrorCode::icu: return "N010";
    case ErrorCode::graphml: return "N011";
    case ErrorCode::snapshot: return "N012";
  }
  return "N999";
}

std::string Error::to_string() const {
  std::string where;
  if (!source.empty()) where = line > 0 ? fmt::format("{}:{}: ", source, line) : source + ": ";
  return fmt::format("{}[{}] {}", where, error_code_id(code), message);
}

}  // namespace nercore
