// SPDX-License-Identifier: Apache-2.0
// What a query's result looks like to KEDA: 0/1, a count of series, the rate windows it uses.
#pragma once

#include "promql/analyze.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::promql {

/// Seconds in a Prometheus duration ("90s", "1m30s", "500ms", a plain number of seconds);
/// nullopt if it is not one.
std::optional<double> duration_seconds(std::string_view text);

/// True if the top (after parentheses) is a comparison with `bool`: the value is 0 or 1 per
/// series, so one series of it reads 0 or 1.
bool is_zero_one(const Expr& e);

/// The offset of a sum()/count() over a `bool` comparison (`sum(rate(x[1m]) > bool 0)`),
/// which counts matching series instead of answering 0/1; nullopt if there is none or the
/// whole query is compared with `bool` again.
std::optional<std::size_t> counts_series(const Expr& e);

/// A range vector read by rate(), irate(), increase() or delta().
struct RateWindow {
  std::size_t offset = 0; ///< of the selector
  std::string metric;
  std::string range; ///< as written
  double seconds = 0;
};

/// Every such window, in source order.
std::vector<RateWindow> rate_windows(const Expr& e);

/// Prometheus' rate() needs two samples in the window; with jitter and a missed scrape, a
/// window of four scrape intervals is the usual floor.
inline constexpr int k_min_scrapes_per_window = 4;

} // namespace isvc::promql
