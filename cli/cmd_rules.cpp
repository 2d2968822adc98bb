// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"

namespace isvc::cli {

Command add_rules(CLI::App& root) {
  CLI::App* sub = root.add_subcommand("rules", "List or explain lint rules");
  return Command{sub, [] { return 2; }};
}

} // namespace isvc::cli
