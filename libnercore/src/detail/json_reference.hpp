// SPDX-License-Identifier: MIT
// File: detail/json_reference.hpp
// Private: the JSON Lines serialization through nlohmann::json objects. It is the reference that
// the direct writer of export.cpp must match byte for byte (tests/unit/export_test.cpp), and the
// fallback for strings that are not valid UTF-8 (nlohmann's replacement rules).
#pragma once

#include <string>
#include <string_view>

#include "nercore/export.hpp"

namespace nercore::detail {

/// What to_json() returns, built through nlohmann::json (keys sorted, dump(-1), invalid UTF-8
/// replaced). Slow: one heap object per value.
std::string to_json_reference(const Document& doc, const JsonOptions& options);

/// Appends `s` as a JSON string (quotes included) exactly as nlohmann's dump with
/// error_handler_t::replace writes it.
void append_json_string_reference(std::string& out, std::string_view s);

}  // namespace nercore::detail
