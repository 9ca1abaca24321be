// SPDX-License-Identifier: MIT
// File: regex_recognizer.hpp
// RE2 patterns that find names absent from the gazetteers (`M. Jean Dupont`, `le ministère
// malien de la Défense`), read from rule files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nercore/document.hpp"
#include "nercore/result.hpp"

namespace nercore {

/// One compiled rule: its id, the type it gives, and where it was defined.
struct RuleInfo {
  std::string id;
  EntityType type = EntityType::person;
  MentionKind kind = MentionKind::name;
  int priority = 0;
  std::string pattern;
  std::string source;  ///< "file:line"
  /// `not_after=des|aux`: folded words that must not stand right before the mention (« chef des
  /// Pirates de Portland » names a team); a match after one of them is dropped
  std::vector<std::string> not_after;
};

/// A rule match: the span of the `name` group (or the whole match) and the rule index.
struct RuleMatch {
  Span span;
  std::uint32_t rule = 0;
};

/// Compiled RE2 rules. Thread-safe: all methods may be called concurrently (RE2 objects are).
///
/// Example:
///   auto rr = nercore::RegexRecognizer::from_text(
///       "title\tPERSON\t(?:M\\.|Mme)\\s+(?P<name>\\p{Lu}\\p{L}+)\t-\n", "inline").value();
///   auto hits = rr.match("Selon M. Dupont, ...");  // span of "Dupont"
class RegexRecognizer {
 public:
  RegexRecognizer();  ///< no rules
  /// Loads a rules file (format in gazetteers/README.md). A bad pattern names file and line.
  static Result<RegexRecognizer> from_file(const std::filesystem::path& file);
  static Result<RegexRecognizer> from_text(std::string_view text, std::string_view source);

  const std::vector<RuleInfo>& rules() const noexcept;
  /// All non-overlapping matches of every rule over `text`, sorted by span. O(rules × n).
  std::vector<RuleMatch> match(std::string_view text) const;

  struct Impl;

 private:
  explicit RegexRecognizer(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace nercore
