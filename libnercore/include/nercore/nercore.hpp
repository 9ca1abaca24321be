// SPDX-License-Identifier: MIT
// File: nercore.hpp
// Umbrella header: everything of the public API.
#pragma once

#include "nercore/descriptors.hpp"
#include "nercore/document.hpp"
#include "nercore/export.hpp"
#include "nercore/gazetteer.hpp"
#include "nercore/graph.hpp"
#include "nercore/graph_export.hpp"
#include "nercore/pipeline.hpp"
#include "nercore/regex_recognizer.hpp"
#include "nercore/relation.hpp"
#include "nercore/report.hpp"
#include "nercore/resolve.hpp"
#include "nercore/result.hpp"
#include "nercore/segment.hpp"
#include "nercore/text.hpp"
#include "nercore/version.hpp"
