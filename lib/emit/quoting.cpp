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
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
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
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
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
    default:
      if (c < 0x20 || c == 0x7f) {
        out += fmt::format("\\x{:02x}", c);
      } else {
        out += ch;
      }
    }
  }
  out += '"';
  return out;
}

} // namespace isvc::emit
