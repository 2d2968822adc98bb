// SPDX-License-Identifier: Apache-2.0
#include "app/run_krm.hpp"
#include "commands.hpp"
#include "kserve/config.hpp"

#include <iostream>

namespace isvc::cli {

Command add_krm(CLI::App& root) {
  auto req = std::make_shared<app::KrmRequest>();
  auto config_file = std::make_shared<std::string>();
  CLI::App* sub = root.add_subcommand(
      "krm", "KRM function (ResourceList on stdin) or, given CONFIG, kustomize exec plugin");
  sub->add_option("config", req->exec_config,
                  "kustomize exec plugin config file (then stdin is a plain YAML stream)");
  sub->add_option("--kserve-config", *config_file,
                  "inferenceservice-config ConfigMap YAML (kubectl get cm -o yaml)");
  return Command{sub, [req, config_file]() {
                   if (!config_file->empty()) {
                     req->kserve = kserve::load_config_file(*config_file);
                   }
                   return app::run_krm(*req, std::cin, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
