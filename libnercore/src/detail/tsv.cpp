// SPDX-License-Identifier: MIT
// File: detail/tsv.cpp
#include "detail/tsv.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "detail/utf8.hpp"
#include "nercore/text.hpp"

namespace nercore::detail {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{ErrorCode::io, "is a directory, expected a file", path.string(), 0};
  // stdio rather than iostreams: a read error (EIO) must be an error, not an early end of file.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return Error{ErrorCode::io, fmt::format("cannot open for reading: {}", std::strerror(errno)),
                 path.string(), 0};
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int error = errno;
  std::fclose(f);
  if (failed)
    return Error{ErrorCode::io, fmt::format("read error: {}", std::strerror(error)), path.string(), 0};
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Error make_error(ErrorCode code, std::string message, std::string_view source, int line) {
  return Error{code, std::move(message), std::string(source), line};
}

Status for_each_row(std::string_view text, std::string_view source,
                    const std::function<Status(const std::vector<std::string_view>&, int)>& row) {
  if (auto bad = find_invalid_utf8(text)) {
    int line = 1;  // line ends: LF, CRLF or a lone CR, as below
    for (std::size_t i = 0; i < bad->offset; ++i)
      line += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
    return make_error(ErrorCode::invalid_utf8,
                      fmt::format("invalid UTF-8 at byte {}: {}", bad->offset, bad->reason), source,
                      line);
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int line_no = 0;
  std::vector<std::string_view> fields;
  while (!text.empty()) {
    ++line_no;
    // A line ends at LF, CRLF or a lone CR (files saved by old Mac editors).
    std::size_t nl = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, nl);
    if (nl == std::string_view::npos) nl = text.size();
    else if (text[nl] == '\r' && nl + 1 < text.size() && text[nl + 1] == '\n') ++nl;
    text.remove_prefix(nl == text.size() ? nl : nl + 1);
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    fields.clear();
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      fields.push_back(trim(line.substr(start, tab == std::string_view::npos ? line.size() - start : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (auto st = row(fields, line_no); !st) return st;
  }
  return Ok{};
}

std::vector<std::string_view> split_list(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t p = s.find(sep);
    std::string_view part = trim(s.substr(0, p));
    if (!part.empty() && part != "-") out.push_back(part);
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

namespace {

// The case of a phrase's letters, seen one code point at a time (digits are not letters).
struct LetterCaseReader {
  bool has_letter = false, all_upper = true, first_upper = false;
  void see(const CharInfo& ci) {
    if (ci.cls != CharClass::word || ci.digit) return;
    if (!has_letter) first_upper = ci.upper;
    has_letter = true;
    all_upper &= ci.upper;
  }
  LetterCase result() const { return {has_letter, has_letter && all_upper, first_upper}; }
};

}  // namespace

std::size_t folded_words(std::string_view phrase, std::vector<std::string>& words, LetterCase* letters) {
  std::size_t n = 0;
  bool open = false;  // words[n] is the word being read (empty while only ignorable marks came)
  LetterCaseReader letter_case;
  std::size_t i = 0;
  const CharTables& tables = char_tables();
  while (i < phrase.size()) {
    char32_t cp;
    std::size_t len = decode_utf8(phrase, i, cp);
    if (len == 0) len = 1;
    const CharInfo ci = cp < kCharTableSize ? tables.info[cp] : char_info(cp);
    const bool has_letters = open && !words[n].empty();
    if (ci.cls == CharClass::word || (ci.cls == CharClass::mark && has_letters)) {
      if (!open) {
        if (n == words.size()) words.emplace_back();
        words[n].clear();  // keeps its capacity for the next phrase
        open = true;
      }
      append_folded_fast(tables, words[n], cp);
      letter_case.see(ci);
    } else if (has_letters) {
      ++n;
      open = false;
    }
    i += len;
  }
  if (letters) *letters = letter_case.result();
  return n + (open && !words[n].empty());
}

LetterCase letter_case(std::string_view phrase) {
  LetterCaseReader reader;
  const CharTables& tables = char_tables();
  for (std::size_t i = 0; i < phrase.size();) {
    char32_t cp;
    std::size_t len = decode_utf8(phrase, i, cp);
    if (len == 0) len = 1;
    reader.see(cp < kCharTableSize ? tables.info[cp] : char_info(cp));
    i += len;
  }
  return reader.result();
}

std::vector<std::string> folded_words(std::string_view phrase) {
  std::vector<std::string> out;
  out.resize(folded_words(phrase, out));
  return out;
}

}  // namespace nercore::detail
