// SPDX-License-Identifier: Apache-2.0
// The HTTP transport of `check` and `simulate --prometheus`: GET requests to the Prometheus
// HTTP API over Debian's cpp-httplib (built with OpenSSL, so https works). Built as a module
// of its own (isvc-scale-http.so) that lib/prom/http.cpp loads on the first request, so that
// lint, render and --version neither load libssl/libcrypto nor run OpenSSL's initialiser.
#include "prom/http_module.hpp"

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

bool module_api_get(const Endpoint& ep,
                    const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& query,
                    std::string& body,
                    std::string& error) {
  Url url;
  if (!split_url(ep.url, url)) {
    error = "\"" + ep.url + "\" is not an http:// or https:// URL";
    return false;
  }
  httplib::Client cli(url.origin);
  if (!cli.is_valid()) {
    error = "cannot use \"" + ep.url + "\"";
    return false;
  }
  cli.set_connection_timeout(ep.timeout_seconds, 0);
  cli.set_read_timeout(ep.timeout_seconds, 0);
  if (!ep.ca_file.empty()) {
    cli.set_ca_cert_path(ep.ca_file);
  }
  cli.enable_server_certificate_verification(!ep.insecure_skip_verify);
  httplib::Headers headers(ep.headers.begin(), ep.headers.end());
  if (!ep.bearer_token.empty()) {
    cli.set_bearer_token_auth(ep.bearer_token);
  }
  httplib::Params params(query.begin(), query.end());
  auto res = cli.Get(url.prefix + path, params, headers);
  if (!res) {
    error = "cannot reach " + ep.url + ": " + httplib::to_string(res.error());
    return false;
  }
  // 400/422 carry the API's error envelope; other statuses are a proxy or auth answering.
  if (res->status != 200 && res->status != 400 && res->status != 422) {
    error = ep.url + " answered HTTP " + std::to_string(res->status);
    return false;
  }
  body = std::move(res->body);
  return true;
}

} // namespace isvc::prom

extern "C" bool isvc_prom_api_get(const isvc::prom::Endpoint& ep,
                                  const std::string& path,
                                  const std::vector<std::pair<std::string, std::string>>& query,
                                  std::string& body,
                                  std::string& error) {
  return isvc::prom::module_api_get(ep, path, query, body, error);
}
