// SPDX-License-Identifier: Apache-2.0
#include "validate/schema_patterns.hpp"

#include <string>

namespace isvc::validate {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || is_digit(c); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
bool in(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// [0-9]+(\.[0-9]*)?|\.[0-9]+ at the start of `s`: its length, or 0.
std::size_t number_length(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
  }
  if (i > 0) {
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && is_digit(s[i])) {
        ++i;
      }
    }
    return i;
  }
  if (s.size() < 2 || s[0] != '.' || !is_digit(s[1])) {
    return 0;
  }
  for (i = 1; i < s.size() && is_digit(s[i]);) {
    ++i;
  }
  return i;
}

// (\+|-)?number, all of `s`. A number never ends where another digit or '.' could follow
// it, so its longest match is the only one that can leave a suffix (which starts with a
// letter) or nothing.
bool signed_number(std::string_view s, std::string_view& rest) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    s.remove_prefix(1);
  }
  std::size_t n = number_length(s);
  rest = s.substr(n);
  return n > 0;
}

// ^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$
// (the CRDs' quantity pattern, from k8s.io/apimachinery pkg/api/resource/quantity.go).
bool quantity(std::string_view s) {
  std::string_view rest;
  if (!signed_number(s, rest)) {
    return false;
  }
  if (rest.empty()) {
    return true;
  }
  if (rest.size() == 2 && in(rest[0], "KMGTPE") && rest[1] == 'i') {
    return true;
  }
  if (rest.size() == 1 && in(rest[0], "numkMGTPE")) {
    return true;
  }
  std::string_view after;
  return (rest[0] == 'e' || rest[0] == 'E') && signed_number(rest.substr(1), after) &&
         after.empty();
}

// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
bool dns_label(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') {
    return false;
  }
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '-') {
      return false;
    }
  }
  return true;
}

// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$
bool dns_subdomain(std::string_view s) {
  for (std::size_t dot = s.find('.');; dot = s.find('.')) {
    if (!dns_label(s.substr(0, dot))) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    s.remove_prefix(dot + 1);
  }
}

// ^[a-z]([-a-z0-9]*[a-z0-9])?$
bool dns_1035_label(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z' && dns_label(s);
}

// ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$
bool label_value(std::string_view s) {
  if (s.empty()) {
    return true;
  }
  if (!is_alnum(s.front()) || !is_alnum(s.back())) {
    return false;
  }
  for (char c : s) {
    if (!is_alnum(c) && !in(c, "-_.")) {
      return false;
    }
  }
  return true;
}

// ^/.* (regex_search: `.*` may match nothing, so only the first character counts).
bool absolute_path(std::string_view s) { return !s.empty() && s[0] == '/'; }

struct Known {
  std::string_view pattern;
  PatternMatcher matcher;
};

const Known k_known[] = {
    {R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)",
     quantity},
    {R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)", dns_label},
    {R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)", dns_subdomain},
    {R"(^[a-z]([-a-z0-9]*[a-z0-9])?$)", dns_1035_label},
    {R"(^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$)", label_value},
    {R"(^/.*)", absolute_path},
};

bool is_data_keyword(std::string_view key) {
  return key == "enum" || key == "const" || key == "default" || key == "examples";
}

} // namespace

PatternMatcher native_matcher(std::string_view pattern) {
  for (const auto& k : k_known) {
    if (k.pattern == pattern) {
      return k.matcher;
    }
  }
  return nullptr;
}

void use_native_patterns(nlohmann::json& schema) {
  if (schema.is_object()) {
    auto it = schema.find("pattern");
    if (it != schema.end() && it->is_string() &&
        native_matcher(it->get_ref<const std::string&>()) != nullptr) {
      schema[std::string(k_native_pattern_keyword)] = std::move(*it);
      schema.erase("pattern");
    }
    for (auto& [key, value] : schema.items()) {
      if (!is_data_keyword(key)) {
        use_native_patterns(value);
      }
    }
  } else if (schema.is_array()) {
    for (auto& value : schema) {
      use_native_patterns(value);
    }
  }
}

} // namespace isvc::validate
