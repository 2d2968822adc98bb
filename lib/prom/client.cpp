// SPDX-License-Identifier: Apache-2.0
// Instant queries over Debian's cpp-httplib (built with OpenSSL, so https works).
#include "prom/client.hpp"

#include <httplib.h>

namespace isvc::prom {
namespace {

struct Url {
  std::string origin; // scheme://host[:port]
  std::string prefix; // "" or "/path" without a trailing slash
};

bool split_url(const std::string& url, Url& out) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return false;
  }
  std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return false;
  }
  auto path = url.find('/', scheme_end + 3);
  out.origin = url.substr(0, path);
  out.prefix = path == std::string::npos ? "" : url.substr(path);
  while (!out.prefix.empty() && out.prefix.back() == '/') {
    out.prefix.pop_back();
  }
  return out.origin.size() > scheme.size() + 3;
}

} // namespace

QueryResult instant_query(const Endpoint& ep, const std::string& query, const std::string& time) {
  QueryResult out;
  Url url;
  if (!split_url(ep.url, url)) {
    out.error = "\"" + ep.url + "\" is not an http:// or https:// URL";
    return out;
  }
  httplib::Client cli(url.origin);
  if (!cli.is_valid()) {
    out.error = "cannot use \"" + ep.url + "\"";
    return out;
  }
  cli.set_connection_timeout(ep.timeout_seconds, 0);
  cli.set_read_timeout(ep.timeout_seconds, 0);
  if (!ep.ca_file.empty()) {
    cli.set_ca_cert_path(ep.ca_file);
  }
  cli.enable_server_certificate_verification(!ep.insecure_skip_verify);
  httplib::Headers headers;
  for (const auto& [k, v] : ep.headers) {
    headers.emplace(k, v);
  }
  if (!ep.bearer_token.empty()) {
    cli.set_bearer_token_auth(ep.bearer_token);
  }
  httplib::Params params{{"query", query}};
  if (!time.empty()) {
    params.emplace("time", time);
  }
  auto res = cli.Get(url.prefix + "/api/v1/query", params, headers);
  if (!res) {
    out.error = "cannot reach " + ep.url + ": " + httplib::to_string(res.error());
    return out;
  }
  // 400/422 carry the API's error envelope; other statuses are a proxy or auth answering.
  if (res->status != 200 && res->status != 400 && res->status != 422) {
    out.error = ep.url + " answered HTTP " + std::to_string(res->status);
    return out;
  }
  return parse_query_response(res->body);
}

} // namespace isvc::prom
