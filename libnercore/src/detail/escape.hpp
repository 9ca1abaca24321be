// SPDX-License-Identifier: MIT
// File: detail/escape.hpp
// Private: escaping of text for the exporters (HTML/XML text and attributes, DOT quoted strings,
// CSV fields) and a UTF-8 sanitizer. Every function also replaces invalid UTF-8 by U+FFFD, since
// mention texts are the original bytes of the input, which --replace-invalid lets through.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "detail/utf8.hpp"

namespace nercore::detail {

/// Calls `emit(cp, bytes)` for each character of `s`: invalid UTF-8 bytes come one by one as
/// U+FFFD (with `bytes` the replacement's encoding), valid characters with their own bytes.
template <typename Emit>
void for_each_char(std::string_view s, Emit&& emit) {
  static constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      emit(kReplacement, kReplacementUtf8);
      ++i;
    } else {
      emit(cp, s.substr(i, len));
      i += len;
    }
  }
}

/// `s` with invalid UTF-8 replaced by U+FFFD.
inline std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_char(s, [&](char32_t, std::string_view bytes) { out.append(bytes); });
  return out;
}

/// Appends `s` escaped for HTML or XML text and attribute values (quoted with " or '):
/// & < > " ' become entities; C0 controls other than tab, LF and CR, and invalid UTF-8, become
/// U+FFFD (they are not allowed in XML and are parse errors in HTML).
inline void append_html_escaped(std::string& out, std::string_view s) {
  for_each_char(s, [&](char32_t cp, std::string_view bytes) {
    switch (cp) {
      case '&':
        out += "&amp;";
        return;
      case '<':
        out += "&lt;";
        return;
      case '>':
        out += "&gt;";
        return;
      case '"':
        out += "&quot;";
        return;
      case '\'':
        out += "&#39;";
        return;
      case '\t':
      case '\n':
      case '\r':
        out.append(bytes);
        return;
      default:
        break;
    }
    if (cp < 0x20 || cp == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes);
    }
  });
}

inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  append_html_escaped(out, s);
  return out;
}

/// `s` as a DOT double-quoted string, quotes included: `"` and `\` are backslash-escaped (so a
/// label shows them as written), a line feed becomes `\n`, other control characters a space.
inline std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for_each_char(s, [&](char32_t cp, std::string_view bytes) {
    if (cp == '"' || cp == '\\') {
      out.push_back('\\');
      out.append(bytes);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp < 0x20 || cp == 0x7F) {
      out.push_back(' ');
    } else {
      out.append(bytes);
    }
  });
  out.push_back('"');
  return out;
}

/// `s` as an RFC 4180 CSV field: quoted (with `"` doubled) if it holds a comma, a quote, a line
/// break or leading/trailing spaces; invalid UTF-8 becomes U+FFFD.
inline std::string csv_field(std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  std::string out;
  out.reserve(s.size() + 2);
  if (quote) out.push_back('"');
  for_each_char(s, [&](char32_t cp, std::string_view bytes) {
    if (cp == '"') out.push_back('"');
    out.append(bytes);
  });
  if (quote) out.push_back('"');
  return out;
}

}  // namespace nercore::detail
