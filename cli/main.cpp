// SPDX-License-Identifier: Apache-2.0
// Thin entry point: bind flags, run one command, map failures to exit codes.
#include "commands.hpp"
#include "util/error.hpp"
#include "util/spellcheck.hpp"
#include "util/versions.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
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

// Walks the words down the subcommand tree before CLI11 does, which at nested levels only
// says "A subcommand is required" or "not expected": a word that is no subcommand where one is
// required, or a --long option the current command lacks, gets "did you mean".
bool words_known(const CLI::App& root, int argc, char** argv) {
  const CLI::App* cur = &root;
  for (int i = 1; i < argc; ++i) {
    std::string w = argv[i];
    if (w == "--") {
      return true;
    }
    if (w.rfind("--", 0) == 0) {
      std::string name = w.substr(0, w.find('='));
      auto names = known_names(*cur);
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        suggest(names, {name});
        return false;
      }
      continue;
    }
    if (w.empty() || w[0] == '-') {
      continue; // short options are CLI11's to judge
    }
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : cur->get_subcommands([](const CLI::App*) { return true; })) {
      sub = s->get_name() == w ? s : sub;
    }
    if (sub != nullptr) {
      cur = sub;
    } else if (cur->get_require_subcommand_min() > 0) {
      suggest(known_names(*cur), {w});
      return false;
    }
  }
  return true;
}

// kustomize runs a legacy exec plugin as `<plugin> <config file> [args]` with
// KUSTOMIZE_PLUGIN_CONFIG_ROOT set (api/internal/plugins/execplugin/execplugin.go): that
// call means `isvc-scale krm <config file>`, so the binary itself can be the plugin.
bool kustomize_exec_plugin(const CLI::App& app, const std::vector<std::string>& words) {
  if (words.size() < 2 || std::getenv("KUSTOMIZE_PLUGIN_CONFIG_ROOT") == nullptr ||
      words[1].empty() || words[1][0] == '-') {
    return false;
  }
  auto names = known_names(app);
  return std::find(names.begin(), names.end(), words[1]) == names.end() &&
         std::filesystem::is_regular_file(words[1]);
}

struct Subcommand {
  std::string_view name;
  isvc::cli::Command (*add)(CLI::App&);
};

const Subcommand k_subcommands[] = {
    {"render", isvc::cli::add_render},     {"lint", isvc::cli::add_lint},
    {"rules", isvc::cli::add_rules},       {"check", isvc::cli::add_check},
    {"simulate", isvc::cli::add_simulate}, {"krm", isvc::cli::add_krm}};

// Only the subcommand the first word names, when it names one: setting up all six in
// CLI11 was 1.3 M instructions, an eighth of a one-file lint (callgrind). Anything else
// (--help, a typo, a kustomize plugin call) gets the whole tree.
std::vector<isvc::cli::Command> add_commands(CLI::App& app, int argc, char** argv) {
  const Subcommand* only = nullptr;
  for (const auto& s : k_subcommands) {
    only = argc > 1 && s.name == argv[1] ? &s : only;
  }
  std::vector<isvc::cli::Command> commands;
  for (const auto& s : k_subcommands) {
    if (only == nullptr || only == &s) {
      commands.push_back(s.add(app));
    }
  }
  return commands;
}

} // namespace

int main(int argc, char** argv) try {
  CLI::App app{"isvc-scale: lint and render KServe InferenceService autoscaling", "isvc-scale"};
  app.set_version_flag("--version", isvc::util::version_text(ISVC_SCALE_VERSION));
  app.require_subcommand(1);
  std::vector<isvc::cli::Command> commands = add_commands(app, argc, argv);
  std::vector<std::string> words(argv, argv + argc);
  if (kustomize_exec_plugin(app, words)) {
    words.insert(words.begin() + 1, "krm");
  }
  std::vector<char*> args;
  for (auto& w : words) {
    args.push_back(w.data());
  }
  argc = static_cast<int>(args.size());
  argv = args.data();
  if (!words_known(app, argc, argv)) {
    std::cerr << "Run with --help for more information.\n";
    return 2;
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
