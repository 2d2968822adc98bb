// SPDX-License-Identifier: Apache-2.0
// Value grammars of the isvc-scale.io/ annotations, each checked without std::regex:
// a regex on an unbounded annotation value overflows the stack (issue 12's 32 KB value).
#include "plan/annotation_values.hpp"

#include <algorithm>

namespace isvc::plan {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Consumes [0-9]+ at s[i]; false when there is no digit.
bool digits(std::string_view s, std::size_t& i) {
  std::size_t from = i;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
  }
  return i > from;
}

} // namespace

// prometheus-operator's Duration pattern (PodMonitor endpoints[].interval), non-empty:
// 0|(N y)?(N w)?(N d)?(N h)?(N m)?(N s)?(N ms)?, each unit at most once and in that order.
bool prometheus_duration(std::string_view s) {
  if (s == "0") {
    return true;
  }
  static constexpr std::string_view k_units[] = {"y", "w", "d", "h", "m", "s", "ms"};
  std::size_t i = 0;
  std::size_t next_unit = 0;
  while (i < s.size()) {
    if (!digits(s, i)) {
      return false;
    }
    std::size_t u = next_unit;
    // "ms" must win over "m" followed by a number-less "s".
    while (u < std::size(k_units) && !(s.substr(i, k_units[u].size()) == k_units[u] &&
                                       (k_units[u] != "m" || s.substr(i, 2) != "ms"))) {
      ++u;
    }
    if (u == std::size(k_units)) {
      return false;
    }
    i += k_units[u].size();
    next_unit = u + 1;
  }
  return !s.empty();
}

// Kubernetes label name (apimachinery IsQualifiedName's name part, IsValidLabelValue):
// at most 63 of [A-Za-z0-9._-], alphanumeric at both ends.
bool label_name(std::string_view s) {
  if (s.empty() || s.size() > 63 || !is_alnum(s.front()) || !is_alnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

// DNS-1123 subdomain: dot-separated labels of [a-z0-9-], alphanumeric at both ends.
static bool dns_subdomain(std::string_view s) {
  auto lower_alnum = [](char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); };
  std::size_t from = 0;
  while (true) {
    std::size_t dot = s.find('.', from);
    std::string_view part = s.substr(from, dot == std::string_view::npos ? s.npos : dot - from);
    if (part.empty() || !lower_alnum(part.front()) || !lower_alnum(part.back()) ||
        !std::all_of(part.begin(), part.end(),
                     [&](char c) { return lower_alnum(c) || c == '-'; })) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    from = dot + 1;
  }
}

// A label key: an optional DNS-1123 subdomain prefix (<= 253) and '/', then a name.
std::optional<std::string> label_key_problem(std::string_view key) {
  std::size_t slash = key.find('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (slash != std::string_view::npos) {
    std::string_view prefix = key.substr(0, slash);
    if (prefix.empty() || prefix.size() > 253 || !dns_subdomain(prefix)) {
      return std::string("its prefix must be a DNS subdomain (lowercase a-z, 0-9, '-' and '.', at "
                         "most 253 characters)");
    }
  }
  if (!label_name(name)) {
    return std::string("its name must be 1 to 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', "
                       "beginning and ending with a letter or digit");
  }
  return std::nullopt;
}

// Labels every rendered object carries (render::managed_labels): they say which tool and
// which InferenceService component the object belongs to, so the annotation must not replace them.
bool managed_label(std::string_view key) {
  return key == "app.kubernetes.io/managed-by" || key == "serving.kserve.io/inferenceservice" ||
         key == "component";
}

// isvc-scale.io/podmonitor-labels: "k=v,k2=v2". Reports the first bad entry; empty map on error.

} // namespace isvc::plan
