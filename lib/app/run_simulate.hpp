// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prom/client.hpp"
#include "render/render.hpp"
#include "simulate/simulate.hpp"

#include <istream>
#include <ostream>
#include <string>

namespace isvc::app {

/// Everything `isvc-scale simulate` takes, already parsed from flags.
struct SimulateRequest {
  std::string path;
  std::string compare; ///< --compare OTHER.yaml ("" = none)
  std::string trace;   ///< --trace load.csv
  std::string shape;   ///< --shape spec
  /// --prometheus URL (and auth/TLS) with --from/--to: replay each trigger's history.
  prom::Endpoint prometheus;
  std::string from; ///< RFC 3339 or Unix seconds
  std::string to;
  std::string format = "text";
  std::string svg; ///< --svg out.svg
  bool fail_on_flapping = false;
  render::Options render;
  simulate::Options sim;
};

/// Renders FILE (and OTHER), replays the trace, writes the report to `out`. Returns the exit
/// code: 0 simulated, 1 render refused the input or flapping with --fail-on-flapping, 2 bad
/// input (unreadable file, bad trace or shape, nothing to simulate).
int run_simulate(const SimulateRequest& req,
                 std::istream& in,
                 std::ostream& out,
                 std::ostream& err);

} // namespace isvc::app
