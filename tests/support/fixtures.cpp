// SPDX-License-Identifier: MIT
// File: tests/support/fixtures.cpp
#include "support/fixtures.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace nercore::test {

const Pipeline& bundled() {
  static const Pipeline p = Pipeline::from_directory(NERCORE_GAZETTEERS).value();
  return p;
}

std::vector<std::string> sample_articles() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(NERCORE_ARTICLES))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

std::vector<std::string> sample_paragraphs() {
  std::vector<std::string> out;
  for (const std::string& text : sample_articles()) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find("\n\n", start);
      if (end == std::string::npos) end = text.size();
      if (end > start + 20) out.push_back(text.substr(start, end - start));
      start = end + 2;
    }
  }
  return out;
}

}  // namespace nercore::test
