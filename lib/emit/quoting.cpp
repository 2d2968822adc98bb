// SPDX-License-Identifier: Apache-2.0
#include "emit/quoting.hpp"

#include <array>
#include <cctype>
#include <fmt/format.h>

namespace isvc::emit {
namespace {

// YAML 1.1 bool/null words (1.2 core is a subset of these).
constexpr std::array<std::string_view, 28> k_reserved = {
    "y",    "Y",    "yes",  "Yes",   "YES",   "n",     "N",  "no", "No", "NO",
    "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
    "Off",  "OFF",  "null", "Null",  "NULL",  "~",     "<<", "="};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Anything that starts like a number in YAML 1.1 (ints with _, sexagesimal
// 1:20, 0x/0o/0b, floats, .inf/.nan) and uses only number characters.
bool numeric_like(std::string_view s) {
  std::size_t i = 0;
  if (s[i] == '-' || s[i] == '+') {
    ++i;
  }
  if (i >= s.size()) {
    return false;
  }
  if (s[i] == '.') {
    std::string_view rest = s.substr(i + 1);
    if (rest == "inf" || rest == "Inf" || rest == "INF" || rest == "nan" || rest == "NaN" ||
        rest == "NAN") {
      return true;
    }
    if (i + 1 >= s.size() || !is_digit(s[i + 1])) {
      return false;
    }
  } else if (!is_digit(s[i])) {
    return false;
  }
  for (char c : s) {
    bool ok = is_digit(c) || c == '_' || c == '.' || c == ':' || c == '+' || c == '-' || c == 'e' ||
              c == 'E' || c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B' ||
              (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!ok) {
      return false;
    }
  }
  return true;
}

// YAML 1.1 timestamp: yyyy-m-d...
bool timestamp_like(std::string_view s) {
  return s.size() >= 8 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
         s[4] == '-' && is_digit(s[5]);
}

// Decodes the UTF-8 sequence at s[i]; sets len. Returns -1 (len 1) for a malformed byte.
long decode_utf8(std::string_view s, std::size_t i, std::size_t& len) {
  auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  len = 1;
  if (b < 0x80) {
    return b;
  }
  std::size_t n = b >= 0xC2 && b <= 0xDF   ? 2
                  : b >= 0xE0 && b <= 0xEF ? 3
                  : b >= 0xF0 && b <= 0xF4 ? 4
                                           : 0;
  if (n == 0 || i + n > s.size()) {
    return -1;
  }
  unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
  unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
  if (byte(i + 1) < lo || byte(i + 1) > hi) {
    return -1;
  }
  long cp = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0U) != 0x80U) {
      return -1;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  len = n;
  return cp;
}

// Code points a YAML reader must not see raw: C0/C1 controls and DEL, the YAML 1.1 line
// breaks NEL, LS and PS (PyYAML and ruamel fold them inside scalars), the BOM and the
// non-characters U+FFFE/U+FFFF (outside YAML's printable set). -1 is a malformed byte.
bool must_escape(long cp) {
  return cp < 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

} // namespace

bool needs_quotes(std::string_view s) {
  if (s.empty()) {
    return true;
  }
  for (auto r : k_reserved) {
    if (s == r) {
      return true;
    }
  }
  if (numeric_like(s) || timestamp_like(s)) {
    return true;
  }
  constexpr std::string_view k_indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (k_indicators.find(s.front()) != std::string_view::npos) {
    return true;
  }
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') {
    return true;
  }
  // "..." then a space or the end is a document end marker where it starts a line (YAML 1.2
  // [204] c-document-end, 1.1 [165]), as a top-level key or scalar does: the rest of the
  // line is then an error, and a reader stops there. ("---" starts with an indicator.)
  if (s.starts_with("...") && (s.size() == 3 || s[3] == ' ')) {
    return true;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t len = 1;
      if (must_escape(decode_utf8(s, i, len))) {
        return true;
      }
      i += len - 1;
      continue;
    }
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') {
      return true;
    }
    if (c == '#' && i > 0 && s[i - 1] == ' ') {
      return true;
    }
  }
  return false;
}

std::string double_quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    long cp = decode_utf8(s, i, len);
    switch (cp) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    case 0x85:
      // Not \N: yaml-cpp decodes that to the lone byte 0x85, not UTF-8 (the fuzzer's
      // round trip found it); every reader decodes \u0085 the same.
      out += "\\u0085";
      break;
    case 0x2028:
      out += "\\L";
      break;
    case 0x2029:
      out += "\\P";
      break;
    case -1:
      // Not UTF-8 (the loader refuses such input): the replacement character, never raw bytes.
      out += "\\uFFFD";
      break;
    default:
      if (cp <= 0xff && must_escape(cp)) {
        out += fmt::format("\\x{:02x}", cp);
      } else if (must_escape(cp)) {
        out += fmt::format("\\u{:04X}", cp);
      } else {
        out.append(s, i, len);
      }
    }
    i += len;
  }
  out += '"';
  return out;
}

} // namespace isvc::emit
