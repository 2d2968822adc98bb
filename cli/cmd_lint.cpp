// SPDX-License-Identifier: Apache-2.0
#include "app/run_lint.hpp"
#include "commands.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace isvc::cli {

Command add_lint(CLI::App& root) {
  auto req = std::make_shared<app::LintRequest>();
  auto format = std::make_shared<std::string>("text");
  auto fail_on = std::make_shared<std::string>("error");
  auto kserve_config = std::make_shared<std::string>();
  CLI::App* sub = root.add_subcommand("lint", "Lint InferenceServices and autoscaling objects");
  sub->add_option("paths", req->paths, "Files, directories (recursive) or - for stdin")->required();
  std::string formats;
  for (const auto& name : diag::format_names()) {
    formats += (formats.empty() ? "" : ", ") + name;
  }
  auto* fmt_opt =
      sub->add_option("-f,--format", *format, formats + " (github under GITHUB_ACTIONS=true)")
          ->check(CLI::IsMember(diag::format_names()))
          ->capture_default_str();
  auto* fo =
      sub->add_option("--fail-on", *fail_on, "Exit 1 on findings at or above: error|warning|never")
          ->check(CLI::IsMember({"error", "warning", "never"}))
          ->capture_default_str();
  sub->add_option("--disable", req->disable, "Turn rules off (repeatable, comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("--enable", req->enable, "Turn rules on (repeatable, comma-separated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  sub->add_option("--stdin-filename", req->stdin_name,
                  "Name findings give the input read from - (every format)");
  sub->add_flag("-q,--quiet", req->quiet, "No summary line on stderr");
  auto color = std::make_shared<std::string>("auto");
  sub->add_option("--color", *color, "auto (a terminal, no NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub->add_flag("--fail-if-no-objects", req->fail_if_no_objects,
                "Exit 1 when no object of a kind lint checks was found");
  sub->add_option("--config", req->config_file,
                  "Config file (default: .isvc-scale.yaml or .yml found from the cwd upward)");
  sub->add_flag("--no-config", req->no_config, "Ignore .isvc-scale.yaml");
  sub->add_option("--kserve-config", *kserve_config,
                  "inferenceservice-config ConfigMap YAML (kubectl get cm -o yaml)");
  sub->add_flag("--fix", req->fix, "Apply every safe fix in place, then report what is left");
  sub->add_flag("--diff", req->diff,
                "Print the safe fixes as a unified diff (exit 1 if there is one); write nothing");
  sub->add_option("-j,--jobs", req->jobs, "Parallel jobs (0 = all cores)")->capture_default_str();
  return Command{sub, [req, format, fmt_opt, fail_on, fo, kserve_config, color]() {
                   const char* no_color = std::getenv("NO_COLOR");
                   bool allowed = no_color == nullptr || *no_color == '\0';
                   req->progress = !req->quiet && isatty(STDERR_FILENO) == 1;
                   req->color = allowed && (*color == "always" ||
                                            (*color == "auto" && isatty(STDOUT_FILENO) == 1));
                   const char* gha = std::getenv("GITHUB_ACTIONS");
                   if (fmt_opt->count() == 0 && gha != nullptr && std::string(gha) == "true") {
                     *format = "github"; // a workflow step gets annotations without a flag
                   }
                   diag::parse_format(*format, req->format);
                   if (fo->count() > 0) {
                     app::FailOn value;
                     app::parse_fail_on(*fail_on, value);
                     req->fail_on = value;
                   }
                   req->version = ISVC_SCALE_VERSION;
                   if (!kserve_config->empty()) {
                     req->kserve = kserve::load_config_file(*kserve_config);
                   }
                   return app::run_lint(*req, std::cin, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
