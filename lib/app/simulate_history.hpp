// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/run_simulate.hpp"
#include "simulate/output.hpp"

#include <ostream>
#include <vector>

namespace isvc::app {

/// --prometheus: reads each trigger's query history over --from..--to every --step seconds
/// and turns it into a metric-replay trace (findings for gaps, series, step). Returns 0, or 2
/// after writing why to `err` (bad times, a trigger without a query, an unreachable server or
/// a failed query).
int history_trace(const SimulateRequest& req,
                  const std::string& path,
                  const simulate::Scaler& s,
                  simulate::Trace& trace,
                  std::vector<simulate::Finding>& findings,
                  std::ostream& err);

} // namespace isvc::app
