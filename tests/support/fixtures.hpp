// SPDX-License-Identifier: MIT
// File: tests/support/fixtures.hpp
// What several test files of nercore_tests share: the pipeline of the bundled gazetteers and the
// sample articles (examples/articles), all from the project's own files.
#pragma once

#include <string>
#include <vector>

#include "nercore/pipeline.hpp"

namespace nercore::test {

/// The pipeline of gazetteers/fr, loaded once (throws nercore::Exception if it cannot be).
const Pipeline& bundled();

/// The sample articles, whole, in file-name order.
std::vector<std::string> sample_articles();

/// Their paragraphs (blocks between blank lines) longer than 20 bytes: a few dozen distinct texts.
std::vector<std::string> sample_paragraphs();

}  // namespace nercore::test
