// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prom/client.hpp"
#include "simulate/output.hpp"
#include "simulate/scaler.hpp"
#include "simulate/trace.hpp"

#include <string>
#include <vector>

namespace isvc::simulate {

/// The stretch of history replayed: Unix seconds, both ends included, sampled every `step`.
struct HistoryRange {
  long from = 0;
  long to = 0;
  int step = 15;
};

/// Metric replay from each trigger's range-query answer (`answers[i]` for `s.triggers[i]`):
/// column `i` at t = k * step holds what KEDA's prometheus scaler would have read at
/// from + k * step. Appends findings for gaps, more than one series and a step coarser than
/// pollingInterval. Returns false with `error` set if an answer is missing or failed.
bool trace_from_history(const Scaler& s,
                        const std::vector<prom::RangeResult>& answers,
                        const HistoryRange& range,
                        Trace& out,
                        std::vector<Finding>& findings,
                        std::string& error);

} // namespace isvc::simulate
