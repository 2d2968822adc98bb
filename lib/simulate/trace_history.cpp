// SPDX-License-Identifier: Apache-2.0
// A Prometheus history as metric replay. A range query at step S returns what an instant
// query at each from + k*S returns (prometheus/prometheus docs/querying/api.md "Range
// queries"), which is what KEDA's prometheus scaler asks at each poll; it is then read the
// way kedacore/keda pkg/scalers/prometheus_scaler.go (commit 8b4f083c) ExecutePromQuery reads
// an instant answer.
#include "simulate/history.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace isvc::simulate {
namespace {

constexpr double kError = std::numeric_limits<double>::quiet_NaN();

struct Column {
  std::vector<double> values;
  int gaps = 0;        // steps with no series or a NaN/Inf value
  int multiple = 0;    // steps with more than one series
  int most_series = 0; // the largest number of series at one step
  int first_multiple = -1;
  int longest_from = 0; // longest run of gap steps, as step indices
  int longest_to = -1;
};

void track_gap(Column& c, std::size_t k, int& run_start) {
  ++c.gaps;
  if (run_start < 0) {
    run_start = static_cast<int>(k);
  }
  if (static_cast<int>(k) - run_start > c.longest_to - c.longest_from) {
    c.longest_from = run_start;
    c.longest_to = static_cast<int>(k);
  }
}

Column
column_of(const Trigger& t, const prom::RangeResult& r, const HistoryRange& range, std::size_t n) {
  std::vector<int> count(n, 0);
  std::vector<double> v(n, kError);
  for (const auto& s : r.series) {
    for (const auto& p : s.points) {
      double k = std::round((p.t - static_cast<double>(range.from)) / range.step);
      if (k >= 0 && k < static_cast<double>(n)) {
        ++count[static_cast<std::size_t>(k)];
        v[static_cast<std::size_t>(k)] = p.value;
      }
    }
  }
  Column c;
  c.values.resize(n);
  int run_start = -1;
  for (std::size_t k = 0; k < n; ++k) {
    c.most_series = std::max(c.most_series, count[k]);
    if (count[k] > 1) { // :273-274 "returned multiple elements": the poll fails
      c.values[k] = kError;
      c.first_multiple = c.first_multiple < 0 ? static_cast<int>(k) : c.first_multiple;
      ++c.multiple;
      run_start = -1;
    } else if (count[k] == 0 || !std::isfinite(v[k])) {
      // :267-272 empty result, :298-305 NaN/Inf: 0 with ignoreNullValues, else an error.
      c.values[k] = t.ignore_null ? 0 : kError;
      track_gap(c, k, run_start);
    } else {
      c.values[k] = v[k];
      run_start = -1;
    }
  }
  return c;
}

void column_findings(std::size_t i,
                     const Trigger& t,
                     const Column& c,
                     std::size_t n,
                     int step,
                     std::vector<Finding>& out) {
  std::string who = fmt::format("trigger {} ({})", i, label_of(t));
  if (c.gaps > 0) {
    out.push_back(
        {"history-gap",
         fmt::format("{} had no value at {} of {} steps (longest from t={} to t={} s); KEDA "
                     "reads an empty result as {} because ignoreNullValues is {} "
                     "(pkg/scalers/prometheus_scaler.go:267-272), and so does the replay",
                     who, c.gaps, n, c.longest_from * step, c.longest_to * step,
                     t.ignore_null ? "0" : "a failed query (fallback applies)",
                     t.ignore_null ? "true" : "false")});
  }
  if (c.multiple > 0) {
    out.push_back(
        {"history-multiple-series",
         fmt::format("{} returned up to {} series at {} of {} steps (first at t={} s); KEDA "
                     "fails such a poll (\"returned multiple elements\", "
                     "pkg/scalers/prometheus_scaler.go:273-274): replayed as a failed query; "
                     "aggregate the query, e.g. sum(...)",
                     who, c.most_series, c.multiple, n, c.first_multiple * step)});
  }
}

} // namespace

bool trace_from_history(const Scaler& s,
                        const std::vector<prom::RangeResult>& answers,
                        const HistoryRange& range,
                        Trace& out,
                        std::vector<Finding>& findings,
                        std::string& error) {
  if (answers.size() != s.triggers.size() || range.step <= 0 || range.to < range.from) {
    error = "the history does not match the triggers";
    return false;
  }
  auto n = static_cast<std::size_t>((range.to - range.from) / range.step) + 1;
  out = Trace{};
  out.rows.assign(n, std::vector<double>(s.triggers.size()));
  for (std::size_t k = 0; k < n; ++k) {
    out.t.push_back(static_cast<int>(k) * range.step);
  }
  for (std::size_t i = 0; i < s.triggers.size(); ++i) {
    if (!answers[i].ok) {
      error = fmt::format("trigger {} ({}): {}", i, label_of(s.triggers[i]), answers[i].error);
      return false;
    }
    out.columns.push_back(std::to_string(i));
    Column c = column_of(s.triggers[i], answers[i], range, n);
    for (std::size_t k = 0; k < n; ++k) {
      out.rows[k][i] = c.values[k];
    }
    column_findings(i, s.triggers[i], c, n, range.step, findings);
  }
  // KEDA polls every pollingInterval, the HPA syncs every 15 s: a coarser step hides changes.
  int poll = s.keda ? s.polling : 15;
  if (range.step > poll) {
    findings.push_back(
        {"history-step",
         fmt::format("--step {} s is coarser than {} {} s: each sample is held "
                     "for {} s, so the replay misses what happened between "
                     "samples; use --step {} or less",
                     range.step, s.keda ? "pollingInterval" : "the HPA's sync period", poll,
                     range.step, poll)});
  }
  return true;
}

} // namespace isvc::simulate
