// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"

namespace isvc::cli {

Command add_lint(CLI::App& root) {
  CLI::App* sub = root.add_subcommand("lint", "Lint InferenceServices and autoscaling objects");
  return Command{sub, [] { return 2; }};
}

} // namespace isvc::cli
