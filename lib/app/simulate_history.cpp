// SPDX-License-Identifier: Apache-2.0
#include "app/simulate_history.hpp"

#include "simulate/history.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>

namespace isvc::app {
namespace {

constexpr long kMaxSeconds = 31L * 86400; // as a --trace

bool read_range(const SimulateRequest& req, simulate::HistoryRange& r, std::ostream& err) {
  double from = 0;
  double to = 0;
  if (!prom::parse_time(req.from, from) || !prom::parse_time(req.to, to)) {
    err << fmt::format("isvc-scale: --from '{}' and --to '{}' must be RFC 3339 "
                       "(2026-01-01T00:00:00Z) or Unix seconds\n",
                       req.from, req.to);
    return false;
  }
  r.from = static_cast<long>(std::floor(from));
  r.to = static_cast<long>(std::floor(to));
  r.step = req.sim.step;
  if (r.to <= r.from || r.to - r.from > kMaxSeconds) {
    err << fmt::format("isvc-scale: --to must be after --from and at most 31 days later "
                       "(got {} s)\n",
                       r.to - r.from);
    return false;
  }
  return true;
}

} // namespace

int history_trace(const SimulateRequest& req,
                  const std::string& path,
                  const simulate::Scaler& s,
                  simulate::Trace& trace,
                  std::vector<simulate::Finding>& findings,
                  std::ostream& err) {
  simulate::HistoryRange range;
  if (!read_range(req, range, err)) {
    return 2;
  }
  std::map<std::string, prom::RangeResult> asked; // one query asked once
  std::vector<prom::RangeResult> answers;
  for (std::size_t i = 0; i < s.triggers.size(); ++i) {
    const auto& t = s.triggers[i];
    if (t.type != "prometheus" || t.query.empty()) {
      err << fmt::format("isvc-scale: {}: trigger {} ({}) has no Prometheus query to read; "
                         "replay it with --trace\n",
                         path, i, t.type);
      return 2;
    }
    auto it = asked.find(t.query);
    if (it == asked.end()) {
      auto answer = prom::range_query(req.prometheus, t.query, range.from, range.to, range.step);
      it = asked.emplace(t.query, std::move(answer)).first;
    }
    answers.push_back(it->second);
  }
  std::string error;
  if (!simulate::trace_from_history(s, answers, range, trace, findings, error)) {
    err << fmt::format("isvc-scale: {}: {}\n", path, error);
    return 2;
  }
  return 0;
}

} // namespace isvc::app
