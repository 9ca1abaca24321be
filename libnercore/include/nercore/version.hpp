// SPDX-License-Identifier: MIT
// File: version.hpp
#pragma once

#define NERCORE_VERSION_MAJOR 0
#define NERCORE_VERSION_MINOR 1
#define NERCORE_VERSION_PATCH 0
#define NERCORE_VERSION_STRING "0.1.0"

namespace nercore {
/// The library's version string, e.g. "0.1.0".
const char* version() noexcept;
}  // namespace nercore
