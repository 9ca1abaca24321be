// SPDX-License-Identifier: MIT
// File: nercore.hpp
// Umbrella header: everything of the public API.
#pragma once

#include "nercore/document.hpp"
#include "nercore/export.hpp"
#include "nercore/gazetteer.hpp"
#include "nercore/graph.hpp"
#include "nercore/pipeline.hpp"
#include "nercore/regex_recognizer.hpp"
#include "nercore/relation.hpp"
#include "nercore/resolve.hpp"
#include "nercore/result.hpp"
#include "nercore/segment.hpp"
#include "nercore/text.hpp"
#include "nercore/version.hpp"
