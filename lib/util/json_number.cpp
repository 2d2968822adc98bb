// SPDX-License-Identifier: Apache-2.0
#include "util/json_number.hpp"

#include <cstddef>

namespace isvc::util {
namespace {

// Advances `i` over digits; how many it passed.
std::size_t digits(std::string_view s, std::size_t& i) {
  std::size_t from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
  }
  return i - from;
}

} // namespace

bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (digits(s, i) == 0) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits(s, i) == 0) {
      return false;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    if (digits(s, i) == 0) {
      return false;
    }
  }
  return i == s.size();
}

bool is_non_negative_json_number(std::string_view s) {
  return !s.empty() && s.front() != '-' && is_json_number(s);
}

} // namespace isvc::util
