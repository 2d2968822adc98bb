// SPDX-License-Identifier: Apache-2.0
#include "app/run_render.hpp"
#include "commands.hpp"
#include "kserve/config.hpp"
#include "util/error.hpp"

#include <iostream>
#include <unistd.h>

namespace isvc::cli {

Command add_render(CLI::App& root) {
  auto req = std::make_shared<app::RenderRequest>();
  auto mode = std::make_shared<std::string>("external");
  auto format = std::make_shared<std::string>("yaml");
  auto config_file = std::make_shared<std::string>();
  CLI::App* sub =
      root.add_subcommand("render", "Render the autoscaling objects of InferenceServices");
  auto* paths =
      sub->add_option("paths", req->paths, "Files, directories (recursive) or - for stdin");
  auto* post = sub->add_flag("--post-render", req->post_render,
                             "Helm --post-renderer: stdin passes through unchanged, objects "
                             "appended");
  paths->excludes(post);
  sub->add_option("--mode", *mode, "external (isvc-scale owns scaling) or kserve (preview)")
      ->check(CLI::IsMember({"external", "kserve"}))
      ->capture_default_str();
  sub->add_option("-o,--output", *format, "yaml or json (a v1 List)")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  sub->add_flag("--include-input", req->include_input,
                "Pass documents of other kinds through to the output");
  sub->add_option("--output-dir", req->output_dir, "Write one file per object into DIR");
  sub->add_option("--stdin-filename", req->stdin_name,
                  "Name diagnostics and # Source: lines give the input read from - "
                  "(and --post-render's)");
  sub->add_option("--namespace", req->options.ns, "Override metadata.namespace");
  sub->add_option("--kserve-config", *config_file,
                  "inferenceservice-config ConfigMap YAML (kubectl get cm -o yaml)");
  sub->add_option("-j,--jobs", req->jobs, "Parallel jobs (0 = all cores)")->capture_default_str();
  sub->add_flag("-v,--verbose", req->verbose, "Say where KServe settings come from");
  return Command{sub, [req, mode, format, config_file, paths, post]() {
                   if (paths->count() == 0 && post->count() == 0) {
                     throw Error("render needs a PATH (or - for stdin), or --post-render");
                   }
                   req->options.mode =
                       *mode == "kserve" ? render::Mode::kserve : render::Mode::external;
                   req->json = *format == "json";
                   req->progress = isatty(STDERR_FILENO) == 1;
                   if (!config_file->empty()) {
                     req->options.config = kserve::load_config_file(*config_file);
                   }
                   return app::run_render(*req, std::cin, std::cout, std::cerr);
                 }};
}

} // namespace isvc::cli
