// SPDX-License-Identifier: Apache-2.0
#include "util/glob.hpp"

#include <cstddef>

namespace isvc::util {
namespace {

// One bracket expression at pattern[p] ('['), against c; `end` gets the index after ']'.
// An unterminated '[' is a literal, as fnmatch(3) reads it.
bool match_class(std::string_view pattern, std::size_t p, char c, std::size_t& end, bool& literal) {
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  i += negate ? 1 : 0;
  bool matched = false;
  bool first = true;
  for (; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
    char lo = pattern[i];
    if (lo == '\\' && i + 1 < pattern.size()) {
      lo = pattern[++i];
    }
    char hi = lo;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      hi = pattern[i + 2];
      i += 2;
    }
    matched = matched || (lo <= c && c <= hi);
    ++i;
  }
  literal = i >= pattern.size();
  end = literal ? p + 1 : i + 1;
  return literal ? c == '[' : (matched != negate && c != '/');
}

// Matches one segment's characters; `*` stops at '/'. Iterative with one backtrack point
// per star (the classic wildcard algorithm), so no input is exponential.
bool match_segment(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star_p = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
      continue;
    }
    bool ok = false;
    std::size_t next = p + 1;
    if (p < pattern.size()) {
      char pc = pattern[p];
      bool literal = false;
      if (pc == '[') {
        ok = match_class(pattern, p, text[t], next, literal);
      } else if (pc == '\\' && p + 1 < pattern.size()) {
        ok = pattern[p + 1] == text[t];
        next = p + 2;
      } else {
        ok = pc == '?' || pc == text[t];
      }
    }
    if (ok) {
      p = next;
      ++t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

std::string_view head(std::string_view s) { return s.substr(0, s.find('/')); }
std::string_view tail(std::string_view s) {
  auto slash = s.find('/');
  return slash == std::string_view::npos ? std::string_view() : s.substr(slash + 1);
}

bool match_segments(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) {
    return path.empty();
  }
  std::string_view seg = head(pattern);
  if (seg == "**") {
    std::string_view rest = tail(pattern);
    // `**` takes zero, one, ... leading segments of the path.
    for (std::string_view p = path;; p = tail(p)) {
      if (match_segments(rest, p)) {
        return true;
      }
      if (p.empty()) {
        return false;
      }
    }
  }
  if (path.empty() || !match_segment(seg, head(path))) {
    return false;
  }
  bool last_pattern = pattern.find('/') == std::string_view::npos;
  bool last_path = path.find('/') == std::string_view::npos;
  if (last_pattern || last_path) {
    return last_pattern && last_path;
  }
  return match_segments(tail(pattern), tail(path));
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_segments(pattern, path);
}

} // namespace isvc::util
