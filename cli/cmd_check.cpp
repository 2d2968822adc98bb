// SPDX-License-Identifier: Apache-2.0
#include "app/run_check.hpp"
#include "commands.hpp"
#include "kserve/config.hpp"
#include "util/error.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

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

Command add_check(CLI::App& root) {
  auto req = std::make_shared<app::CheckRequest>();
  auto format = std::make_shared<std::string>("text");
  auto token_file = std::make_shared<std::string>();
  auto headers = std::make_shared<std::vector<std::string>>();
  auto config_file = std::make_shared<std::string>();
  auto replicas = std::make_shared<int>(0);
  CLI::App* sub = root.add_subcommand(
      "check", "Evaluate rendered trigger queries against a Prometheus and say what would scale");
  sub->add_option("paths", req->paths, "Files, directories (recursive) or - for stdin")->required();
  sub->add_option("--prometheus", req->endpoint.url, "Prometheus base URL (http:// or https://)")
      ->required();
  sub->add_option("--at", req->at, "Evaluation time: RFC 3339 or Unix seconds (default: now)");
  auto* rep = sub->add_option("--replicas", *replicas,
                              "Replicas running now (default: each object's minimum)");
  sub->add_option("-f,--format", *format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_option("--bearer-token-file", *token_file, "Send Authorization: Bearer <file content>");
  sub->add_option("--header", *headers, "Extra request header \"Name: value\" (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--ca-file", req->endpoint.ca_file, "PEM bundle to verify an https server");
  sub->add_flag("--insecure-skip-tls-verify", req->endpoint.insecure_skip_verify,
                "Do not verify the https server's certificate");
  sub->add_option("--timeout", req->endpoint.timeout_seconds, "Seconds per request")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  sub->add_option("--namespace", req->options.ns, "Override metadata.namespace");
  sub->add_option("--kserve-config", *config_file,
                  "inferenceservice-config ConfigMap YAML (kubectl get cm -o yaml)");
  return Command{sub, [req, format, token_file, headers, config_file, replicas, rep]() {
                   req->json = *format == "json";
                   if (rep->count() > 0) {
                     req->replicas = *replicas;
                   }
                   if (!token_file->empty()) {
                     req->endpoint.bearer_token = read_token(*token_file);
                   }
                   for (const auto& h : *headers) {
                     req->endpoint.headers.push_back(split_header(h));
                   }
                   if (!config_file->empty()) {
                     req->options.config = kserve::load_config_file(*config_file);
                   }
                   return app::run_check(*req, std::cin, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
