// SPDX-License-Identifier: Apache-2.0
#include "simulate/output.hpp"

#include <cmath>
#include <fmt/format.h>

namespace isvc::simulate {

// One row per tick: `config` is 0 (FILE) or 1 (--compare OTHER).
void write_csv(std::ostream& out, const std::vector<Sim>& sims) {
  std::size_t n = 0;
  for (const auto& s : sims) {
    n = std::max(n, s.scaler.triggers.size());
  }
  out << "config,t,replicas,ready,active,load,queue";
  for (std::size_t i = 0; i < n; ++i) {
    out << ',' << i;
  }
  out << '\n';
  for (std::size_t c = 0; c < sims.size(); ++c) {
    for (const auto& tk : sims[c].run.ticks) {
      out << fmt::format("{},{},{},{},{},{:g},{:g}", c, tk.t, tk.replicas, tk.ready,
                         tk.active ? 1 : 0, tk.load, tk.queue);
      for (std::size_t i = 0; i < n; ++i) {
        double v = i < tk.values.size() ? tk.values[i] : std::nan("");
        out << ',' << (std::isnan(v) ? std::string() : fmt::format("{:g}", v));
      }
      out << '\n';
    }
  }
}

} // namespace isvc::simulate
