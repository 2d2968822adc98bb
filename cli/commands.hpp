// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

namespace isvc::cli {

/// A subcommand: its CLI11 node and what to run once flags are bound.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_check(CLI::App& root);
Command add_render(CLI::App& root);
Command add_krm(CLI::App& root);
Command add_lint(CLI::App& root);
Command add_rules(CLI::App& root);
Command add_simulate(CLI::App& root);

} // namespace isvc::cli
