// SPDX-License-Identifier: Apache-2.0
#include "app/run_lint.hpp"
#include "commands.hpp"

#include <iostream>

namespace isvc::cli {

Command add_rules(CLI::App& root) {
  auto format = std::make_shared<std::string>("text");
  auto id = std::make_shared<std::string>();
  CLI::App* sub = root.add_subcommand("rules", "List or explain lint rules");
  sub->require_subcommand(1);
  CLI::App* list = sub->add_subcommand("list", "List every rule");
  list->add_option("-f,--format", *format, "text, json, markdown or man")->capture_default_str();
  CLI::App* annotations = sub->add_subcommand("annotations", "List the isvc-scale.io/ annotations");
  annotations->add_option("-f,--format", *format, "text or man")->capture_default_str();
  CLI::App* explain = sub->add_subcommand("explain", "Explain one rule");
  explain->add_option("rule", *id, "Rule id")->required();
  return Command{sub, [list, annotations, format, id]() {
                   if (annotations->parsed()) {
                     return app::run_annotations(*format, std::cout, std::cerr);
                   }
                   return list->parsed() ? app::run_rules_list(*format, std::cout, std::cerr)
                                         : app::run_rules_explain(*id, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
