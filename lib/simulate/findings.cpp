// SPDX-License-Identifier: Apache-2.0
#include "simulate/output.hpp"

#include <fmt/format.h>

namespace isvc::simulate {

std::vector<Finding> findings_of(const Scaler& s, const Run& run, const Options& opt) {
  const Summary& m = run.summary;
  std::vector<Finding> out;
  if (m.flaps > 0) {
    out.push_back({"flapping", fmt::format("{} direction change(s) within {} s of the previous "
                                           "scale ({} up, {} down)",
                                           m.flaps, opt.flap_window, m.scale_ups, m.scale_downs)});
  }
  if (m.seconds_at_max > 0 && m.seconds > 0) {
    out.push_back(
        {"time-at-max", fmt::format("at maxReplicas {} for {} s ({:.1f} % of the run)", s.max,
                                    m.seconds_at_max, 100.0 * m.seconds_at_max / m.seconds)});
  }
  if (m.arrivals_at_zero > 0) {
    out.push_back({"scale-to-zero-wait",
                   fmt::format("{:g} {} arrived with no ready pod; they waited up to {:g} s "
                               "(mean {:.1f} s)",
                               m.arrivals_at_zero, run.demand ? "request(s)" : "active second(s)",
                               m.max_wait, m.mean_wait)});
  }
  if (m.peak_queue > 0) {
    out.push_back({"queue", fmt::format("peak queue {:.0f} request(s)", m.peak_queue)});
  }
  return out;
}

} // namespace isvc::simulate
