// SPDX-License-Identifier: MIT
// File: detail/tsv.hpp
// Private: reading the data files of gazetteers/ (UTF-8, TAB-separated, `#` comments).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "nercore/result.hpp"

namespace nercore::detail {

/// Reads a whole file. Errors name the path.
Result<std::string> read_file(const std::filesystem::path& path);
/// The files of a gazetteer directory that GazetteerBuilder::add_directory reads, in its order:
/// the entity files (*.tsv but the reserved names) by name, then offices.tsv, roles.tsv,
/// firstnames.txt and particles.txt where present. (Defined in gazetteer.cpp.)
Result<std::vector<std::filesystem::path>> gazetteer_files(const std::filesystem::path& dir);

/// Calls `row(fields, line)` for every non-blank, non-comment line of `text` (lines end in LF,
/// CRLF or a lone CR; a leading BOM is skipped), fields split on TAB and trimmed of spaces. Stops at the first error returned.
/// Fails if `text` is not valid UTF-8 (naming line and byte offset).
Status for_each_row(std::string_view text, std::string_view source,
                    const std::function<Status(const std::vector<std::string_view>&, int)>& row);

/// Splits on `sep`, trims spaces, drops empty parts and a lone "-".
std::vector<std::string_view> split_list(std::string_view s, char sep);

/// Trims ASCII spaces.
std::string_view trim(std::string_view s);

/// An Error of `code` at `source:line`.
Error make_error(ErrorCode code, std::string message, std::string_view source, int line);

/// Letters of a phrase (digits are not letters): whether it has any, whether all are capitals,
/// whether the first is one.
struct LetterCase {
  bool has_letter = false;
  bool all_upper = false;  ///< false without letters
  bool first_upper = false;
};

/// Folded words of a phrase (letters and digits; everything else separates words).
std::vector<std::string> folded_words(std::string_view phrase);
/// The same into `words[0, n)`, reusing the strings already there (no allocation once they are
/// long enough); returns n. Entries past n are left as they were. With `letters`, also the case
/// of the phrase's letters, read in the same pass.
std::size_t folded_words(std::string_view phrase, std::vector<std::string>& words,
                         LetterCase* letters = nullptr);
/// The case of the letters of a phrase.
LetterCase letter_case(std::string_view phrase);

}  // namespace nercore::detail
