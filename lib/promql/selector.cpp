// SPDX-License-Identifier: Apache-2.0
#include "promql/selector.hpp"

#include "util/strings.hpp"

#include <cctype>

namespace isvc::promql {
namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}
bool name_char(char c) { return name_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

} // namespace

bool is_metric_name(std::string_view s) {
  if (s.empty() || !name_start(s[0])) {
    return false;
  }
  for (char c : s) {
    if (!name_char(c)) {
      return false;
    }
  }
  return true;
}

std::optional<SimpleQuery> parse_simple(std::string_view text) {
  std::string_view s = util::trim(text);
  SimpleQuery q;
  for (std::string_view agg : {"sum", "avg", "min", "max", "count"}) {
    if (util::starts_with(s, agg) && s.size() > agg.size() + 1) {
      std::string_view rest = util::trim(s.substr(agg.size()));
      if (!rest.empty() && rest.front() == '(' && rest.back() == ')') {
        q.aggregation = std::string(agg);
        s = util::trim(rest.substr(1, rest.size() - 2));
        break;
      }
    }
  }
  std::size_t i = 0;
  while (i < s.size() && name_char(s[i])) {
    ++i;
  }
  q.name = std::string(s.substr(0, i));
  if (!is_metric_name(q.name)) {
    return std::nullopt;
  }
  std::string_view rest = util::trim(s.substr(i));
  if (rest.empty()) {
    return q;
  }
  if (rest.front() != '{' || rest.back() != '}') {
    return std::nullopt;
  }
  auto kv = util::split_key_values(rest.substr(1, rest.size() - 2));
  if (kv.bad) {
    return std::nullopt;
  }
  for (auto [key, value] : kv.pairs) {
    if (key.back() == '!' || (!value.empty() && (value.front() == '~' || value.front() == '='))) {
      return std::nullopt; // != , =~ , !~ are not exact matches
    }
    // The add-on splits each label on '=' and wants two parts, and its admission policy
    // allows no '=' in a value: so x{a="b"}{namespace="n"} (value `"b"}{namespace="n"`) fails.
    if (value.find('=') != std::string_view::npos) {
      return std::nullopt;
    }
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    for (char c : key) {
      if (!name_char(c) || c == ':') {
        return std::nullopt;
      }
    }
    q.labels.emplace_back(std::string(key), std::string(value));
  }
  return q;
}

std::string to_string(const SimpleQuery& q) {
  std::string out = q.name;
  if (!q.labels.empty()) {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : q.labels) {
      if (!first) {
        out += ',';
      }
      first = false;
      out.append(k).append("=\"").append(v).append("\"");
    }
    out += '}';
  }
  if (!q.aggregation.empty()) {
    out = q.aggregation + "(" + out + ")";
  }
  return out;
}

} // namespace isvc::promql
