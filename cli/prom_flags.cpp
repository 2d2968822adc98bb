// SPDX-License-Identifier: Apache-2.0
#include "prom_flags.hpp"

#include "util/error.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace isvc::cli {
namespace {

std::string read_token(const std::string& path) {
  std::ifstream f(path);
  if (!f) {
    throw Error("cannot read --bearer-token-file " + path);
  }
  std::stringstream ss;
  ss << f.rdbuf();
  std::string token = ss.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  return token;
}

// "Name: value" (curl's -H spelling).
std::pair<std::string, std::string> split_header(const std::string& h) {
  auto colon = h.find(':');
  if (colon == std::string::npos || colon == 0) {
    throw Error("--header \"" + h + "\" is not Name: value");
  }
  std::string value = h.substr(colon + 1);
  value.erase(0, value.find_first_not_of(' '));
  return {h.substr(0, colon), value};
}

} // namespace

std::function<void()> add_prometheus_options(CLI::App* sub,
                                             prom::Endpoint& ep,
                                             const std::string& url_help,
                                             bool required) {
  auto token_file = std::make_shared<std::string>();
  auto headers = std::make_shared<std::vector<std::string>>();
  auto* url = sub->add_option("--prometheus", ep.url, url_help);
  if (required) {
    url->required();
  }
  sub->add_option("--bearer-token-file", *token_file, "Send Authorization: Bearer <file content>");
  sub->add_option("--header", *headers, "Extra request header \"Name: value\" (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--ca-file", ep.ca_file, "PEM bundle to verify an https server");
  sub->add_flag("--insecure-skip-tls-verify", ep.insecure_skip_verify,
                "Do not verify the https server's certificate");
  sub->add_option("--timeout", ep.timeout_seconds, "Seconds per request")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  return [&ep, token_file, headers]() {
    if (!token_file->empty()) {
      ep.bearer_token = read_token(*token_file);
    }
    for (const auto& h : *headers) {
      ep.headers.push_back(split_header(h));
    }
  };
}

} // namespace isvc::cli
