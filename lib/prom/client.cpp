// SPDX-License-Identifier: Apache-2.0
// Instant queries to the Prometheus HTTP API (the transport is lib/prom/http.cpp); range
// queries in range.cpp.
#include "prom/client.hpp"

#include "prom/http.hpp"

namespace isvc::prom {

QueryResult instant_query(const Endpoint& ep, const std::string& query, const std::string& time) {
  std::vector<std::pair<std::string, std::string>> params{{"query", query}};
  if (!time.empty()) {
    params.emplace_back("time", time);
  }
  std::string body;
  QueryResult out;
  if (!api_get(ep, "/api/v1/query", params, body, out.error)) {
    return out;
  }
  return parse_query_response(body);
}

} // namespace isvc::prom
