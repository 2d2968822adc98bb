// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isvc::promql {

/// `[agg(]name[{k="v",...}][)]`: the shape the kedify otel add-on reads
/// (metric/simple_parser.go) and the shape an HPA metric name can take.
struct SimpleQuery {
  std::string aggregation; // "" when bare
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels; // exact matches only
};

/// Parses a simple query; nullopt for anything else (functions, ranges, `!=`, `=~`, ...).
std::optional<SimpleQuery> parse_simple(std::string_view text);

/// Back to text: `agg(name{k="v",...})` (no spaces, labels in given order).
std::string to_string(const SimpleQuery& q);

/// True for a valid Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).
bool is_metric_name(std::string_view s);

} // namespace isvc::promql
