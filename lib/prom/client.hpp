// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace isvc::prom {

/// Where and how to reach the Prometheus HTTP API.
struct Endpoint {
  /// http[s]://host[:port][/path prefix], e.g. http://127.0.0.1:9090.
  std::string url;
  /// Extra request headers ("Name", "value"), e.g. Authorization or X-Scope-OrgID.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string bearer_token;
  /// PEM bundle to verify an https server with ("" = the system store).
  std::string ca_file;
  bool insecure_skip_verify = false;
  int timeout_seconds = 10;
};

/// One series of an instant-query result.
struct Series {
  std::map<std::string, std::string> labels;
  double value = 0;
};

/// An instant query's answer; `error` is set (and `ok` false) when there is none.
struct QueryResult {
  bool ok = false;
  std::string error;
  /// "vector" or "scalar" (a scalar is one series without labels).
  std::string result_type;
  std::vector<Series> series;
};

/// GET /api/v1/query?query=...&time=... (time "" = the server's now).
QueryResult instant_query(const Endpoint& ep, const std::string& query, const std::string& time);

/// Reads a /api/v1/query response body (the HTTP API's JSON envelope).
QueryResult parse_query_response(std::string_view body);

/// One sample of a range-query series: Unix seconds and value.
struct Point {
  double t = 0;
  double value = 0;
};

/// One series of a range-query (matrix) result, points in time order.
struct RangeSeries {
  std::map<std::string, std::string> labels;
  std::vector<Point> points;
};

/// A range query's answer; `error` is set (and `ok` false) when there is none.
struct RangeResult {
  bool ok = false;
  std::string error;
  std::vector<RangeSeries> series;
};

/// GET /api/v1/query_range?query=...&start=...&end=...&step=... (Unix seconds). The query is
/// evaluated at start, start + step, ... <= end, as an instant query at each of those times
/// would be. Long ranges are asked in pieces below the server's 11,000 points per series and
/// the pieces joined by label set.
RangeResult
range_query(const Endpoint& ep, const std::string& query, long start, long end, int step);

/// Reads a /api/v1/query_range response body (resultType "matrix").
RangeResult parse_range_response(std::string_view body);

/// The API's time parameter forms: Unix seconds ("1767225600", "1767225600.5") or RFC 3339
/// ("2026-01-01T00:00:00Z", "...+01:00"). Returns false if `text` is neither.
bool parse_time(const std::string& text, double& unix_seconds);

} // namespace isvc::prom
