// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "render/render.hpp"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace isvc::app {

/// Everything `isvc-scale render` takes, already parsed from flags.
struct RenderRequest {
  std::vector<std::string> paths;
  render::Options options;
  bool json = false;
  bool include_input = false;
  std::string output_dir;
  unsigned jobs = 0; // 0 = all cores
  bool verbose = false;
  /// A progress line on `err` for runs over a second (the CLI sets it when stderr is a
  /// terminal); never with --post-render.
  bool progress = false;
  /// --post-render: Helm's manifests on stdin pass through byte for byte, objects appended.
  bool post_render = false;
  /// What diagnostics and `# Source:` comments call the input read from `-` (--stdin-filename).
  std::string stdin_name = "<stdin>";
  /// --no-config: ignore `.isvc-scale.yaml` (render reads it as lint does).
  bool no_config = false;
};

/// Renders every input. Manifests go to `out` only if every input rendered;
/// diagnostics and notes go to `err`. Returns the exit code: 0 rendered,
/// 1 refused (findings), 2 unreadable or unparsable input.
int run_render(const RenderRequest& req, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace isvc::app
