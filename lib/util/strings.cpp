// SPDX-License-Identifier: Apache-2.0
#include "util/strings.hpp"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fmt/format.h>

namespace isvc::util {

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_join(std::string_view base, std::string_view key) {
  std::string out(base);
  out += '/';
  out += pointer_token(key);
  return out;
}

std::string pointer_join(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

// go-yaml's resolve() (resolve.go, case 'D', 'S'): a plain scalar starting with a sign or a
// digit, underscores dropped, then strconv.ParseInt(plain, 0, 64): at most one sign, then
// 0x/0X, 0o/0O, 0b/0B or a leading 0 (octal, YAML 1.1: 012 is 10), then digits of that base
// only. Unsigned parsing keeps a second sign ("--5", "0x-1") an error; the limit check keeps
// -9223372036854775808 exact and everything past it out.
std::optional<std::int64_t> parse_int(std::string_view text) {
  if (text.empty() || std::string_view("+-0123456789").find(text.front()) == std::string::npos) {
    return std::nullopt;
  }
  std::string plain;
  plain.reserve(text.size());
  for (char ch : text) {
    if (ch != '_') {
      plain += ch;
    }
  }
  std::string_view s = plain;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 1 && s[0] == '0') {
    char p = s[1];
    base = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
    s.remove_prefix(base == 0 ? 1 : 2);
    base = base == 0 ? 8 : base;
  }
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || v > limit) {
    return std::nullopt;
  }
  return negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
}

bool looks_like_float(std::string_view s) {
  if (s == ".inf" || s == "-.inf" || s == "+.inf" || s == ".nan" || s == ".Inf" || s == ".NaN" ||
      s == ".INF" || s == ".NAN" || s == "-.Inf" || s == "+.Inf" || s == "-.INF" || s == "+.INF") {
    return true;
  }
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  bool digits = false;
  bool dot = false;
  bool exp = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      if (i + 1 < s.size() && (s[i + 1] == '-' || s[i + 1] == '+')) {
        ++i;
      }
      digits = false;
    } else {
      return false;
    }
  }
  return digits && (dot || exp);
}

std::string repo_relative(std::string_view path, const std::string& base) {
  if (path.empty() || path == "-") {
    return std::string(path);
  }
  namespace fs = std::filesystem;
  fs::path p = fs::path(path).lexically_normal();
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path root = base.empty() ? fs::current_path(ec) : fs::path(base);
    fs::path rel = ec ? fs::path() : p.lexically_relative(root.lexically_normal());
    if (!rel.empty() && *rel.begin() != ".." && rel != ".") {
      p = rel;
    }
  }
  std::string out = p.generic_string();
  return out.empty() || out == "." ? std::string(path) : out;
}

std::string uri_escape(std::string_view path) {
  std::string out;
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

KeyValues split_key_values(std::string_view text) {
  KeyValues out;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) {
      continue;
    }
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      out.bad = item;
      return out;
    }
    out.pairs.emplace_back(trim(item.substr(0, eq)), trim(item.substr(eq + 1)));
  }
  return out;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string quoted(std::string_view text) {
  return trim(text).empty() ? std::string("empty") : "\"" + std::string(text) + "\"";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

} // namespace isvc::util
