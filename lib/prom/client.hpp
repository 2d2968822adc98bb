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

} // namespace isvc::prom
