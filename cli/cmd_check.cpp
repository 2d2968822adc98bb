// SPDX-License-Identifier: Apache-2.0
#include "app/run_check.hpp"
#include "commands.hpp"
#include "kserve/config.hpp"
#include "prom_flags.hpp"

#include <iostream>

namespace isvc::cli {

Command add_check(CLI::App& root) {
  auto req = std::make_shared<app::CheckRequest>();
  auto format = std::make_shared<std::string>("text");
  auto config_file = std::make_shared<std::string>();
  auto replicas = std::make_shared<int>(0);
  CLI::App* sub = root.add_subcommand(
      "check", "Evaluate rendered trigger queries against a Prometheus and say what would scale");
  sub->add_option("paths", req->paths, "Files, directories (recursive) or - for stdin")->required();
  auto endpoint =
      add_prometheus_options(sub, req->endpoint, "Prometheus base URL (http:// or https://)", true);
  sub->add_option("--at", req->at, "Evaluation time: RFC 3339 or Unix seconds (default: now)");
  auto* rep = sub->add_option("--replicas", *replicas,
                              "Replicas running now (default: each object's minimum)");
  sub->add_option("-f,--format", *format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_option("--stdin-filename", req->stdin_name, "Name findings give the input read from -");
  sub->add_option("--namespace", req->options.ns, "Override metadata.namespace");
  sub->add_option("--kserve-config", *config_file,
                  "inferenceservice-config ConfigMap YAML (kubectl get cm -o yaml)");
  return Command{sub, [req, format, endpoint, config_file, replicas, rep]() {
                   req->json = *format == "json";
                   if (rep->count() > 0) {
                     req->replicas = *replicas;
                   }
                   endpoint();
                   if (!config_file->empty()) {
                     req->options.config = kserve::load_config_file(*config_file);
                   }
                   return app::run_check(*req, std::cin, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
