// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "simulate/scaler.hpp"
#include "simulate/simulate.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace isvc::simulate {

struct Finding {
  std::string id; ///< flapping, scale-to-zero-wait, time-at-max, queue
  std::string message;
};

/// One simulated configuration.
struct Sim {
  std::string label; ///< the input file
  Scaler scaler;
  Run run;
  std::vector<Finding> findings;
};

/// Findings of one run (flapping, time at max, waits at zero, queueing).
std::vector<Finding> findings_of(const Scaler& s, const Run& run, const Options& opt);

/// `sims` holds one run, or two with --compare (the second is OTHER).
void write_text(std::ostream& out, const std::vector<Sim>& sims);
void write_json(std::ostream& out, const std::vector<Sim>& sims);
void write_csv(std::ostream& out, const std::vector<Sim>& sims);
void write_svg(std::ostream& out, const std::vector<Sim>& sims);

/// Unicode sparkline of `values` squeezed into `width` cells (maximum per cell).
std::string sparkline(const std::vector<double>& values, std::size_t width);

} // namespace isvc::simulate
