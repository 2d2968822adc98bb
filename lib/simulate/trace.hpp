// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace isvc::simulate {

/// A load trace: one column per signal, sampled at `t` (seconds, increasing), held until the
/// next row. A NaN cell is a failed query (the scaler returns an error).
struct Trace {
  std::vector<std::string> columns;
  std::vector<int> t;
  std::vector<std::vector<double>> rows; ///< rows[i][column]
  /// Value of `column` at `time` (the last row with t <= time; the first row before it).
  double at(std::size_t column, int time) const;
  int end() const { return t.empty() ? 0 : t.back(); }
};

/// CSV with a header row: `t`, then one column per signal. Empty cells or `error` are failed
/// queries. On bad input returns false and `error` names the line and column.
bool parse_csv(const std::string& text, Trace& out, std::string& error);

/// Synthetic offered load in one column `load` (requests/s), one row per second; see
/// man isvc-scale-simulate(1) SHAPES for the grammar.
bool parse_shape(const std::string& spec, Trace& out, std::string& error);

} // namespace isvc::simulate
