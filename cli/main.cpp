// SPDX-License-Identifier: Apache-2.0
// Thin entry point: bind flags, run one command, map failures to exit codes.
#include "commands.hpp"
#include "util/error.hpp"
#include "util/spellcheck.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

namespace {

// CLI11 only says "not expected"; name the closest known word (ninja style).
void suggest(const std::vector<std::string>& known, const std::vector<std::string>& extras) {
  std::vector<std::string_view> views(known.begin(), known.end());
  for (const auto& e : extras) {
    std::cerr << "isvc-scale: unknown argument '" << e << "'" << isvc::util::did_you_mean(e, views)
              << '\n';
  }
}

std::vector<std::string> known_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) {
      names.push_back("--" + l);
    }
  }
  return names;
}

} // namespace

int main(int argc, char** argv) try {
  CLI::App app{"isvc-scale: lint and render KServe InferenceService autoscaling", "isvc-scale"};
  app.set_version_flag("--version", ISVC_SCALE_VERSION);
  app.require_subcommand(1);
  std::vector<isvc::cli::Command> commands = {isvc::cli::add_render(app), isvc::cli::add_lint(app),
                                              isvc::cli::add_rules(app)};
  if (argc > 1 && argv[1][0] != '-') {
    std::string first = argv[1];
    bool known = false;
    for (const auto& c : commands) {
      known = known || c.app->get_name() == first;
    }
    if (!known) {
      suggest(known_names(app), {first});
      std::cerr << "Run with --help for more information.\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      for (const auto& c : commands) {
        if (c.app->parsed()) {
          suggest(known_names(*c.app), c.app->remaining());
        }
      }
    }
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    for (const auto& c : commands) {
      if (c.app->parsed()) {
        int rc = c.run();
        // A full disk or a closed pipe must not look like success.
        std::cout.flush();
        if (!std::cout) {
          std::cerr << "isvc-scale: error: cannot write to standard output\n";
          return 2;
        }
        return rc;
      }
    }
  } catch (const isvc::Error& e) {
    std::cerr << "isvc-scale: error: " << e.what() << '\n';
    return 2;
  }
  return 2;
} catch (const std::exception& e) {
  // Last resort: a bug, not bad input (that is a diagnostic) or the environment (isvc::Error).
  std::cerr << "isvc-scale: internal error: " << e.what() << '\n';
  return 2;
}
