// SPDX-License-Identifier: Apache-2.0
// One-second event loop: pods become ready, the demand model serves, KEDA polls every
// pollingInterval (kedacore/keda pkg/scaling/scale_handler.go:267-290 startScaleLoop, default
// 30 s apis/keda/v1alpha1/withtriggers_types.go:51), the HPA syncs every 15 s
// (kube-controller-manager --horizontal-pod-autoscaler-sync-period, kubernetes v1.28.0
// pkg/controller/podautoscaler/config/v1alpha1/defaults.go:41), replicas change.
#include "simulate/simulate.hpp"

#include "simulate/hpa.hpp"
#include "simulate/keda.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace isvc::simulate {
namespace {

constexpr int kHpaSync = 15;

// Which trace column feeds each trigger: its position or its name.
bool map_columns(const Scaler& s,
                 const Trace& tr,
                 std::vector<std::size_t>& cols,
                 std::string& error) {
  for (std::size_t i = 0; i < s.triggers.size(); ++i) {
    auto pos = std::to_string(i);
    auto it = std::find_if(tr.columns.begin(), tr.columns.end(), [&](const std::string& c) {
      return c == pos || (!s.triggers[i].name.empty() && c == s.triggers[i].name);
    });
    if (it == tr.columns.end()) {
      error = fmt::format("the trace has no column `{}`{} for trigger {} ({}); columns: t,{}", pos,
                          s.triggers[i].name.empty() ? "" : " or `" + s.triggers[i].name + "`", i,
                          s.triggers[i].type, fmt::join(tr.columns, ","));
      return false;
    }
    cols.push_back(static_cast<std::size_t>(it - tr.columns.begin()));
  }
  return true;
}

struct World {
  const Scaler& s;
  const Options& opt;
  std::vector<int> ready_at = {}; // one per pod, sorted
  int replicas = 0;
  double backlog = 0;
  double served = 0;
  std::vector<int> failures = {}; // consecutive failed HPA reads per trigger (fallback.go)
  std::vector<std::pair<int, double>> waiting_at_zero = {};
  double wait_sum = 0;
  int last_dir = 0;
  int last_change = -1;
  long long replica_seconds = 0;

  int ready(int now) const {
    return static_cast<int>(
        std::count_if(ready_at.begin(), ready_at.end(), [&](int r) { return r <= now; }));
  }
  void set_replicas(int now, int n, Summary& sum) {
    if (n == replicas) {
      return;
    }
    int dir = n > replicas ? 1 : -1;
    (dir > 0 ? sum.scale_ups : sum.scale_downs)++;
    if (last_dir != 0 && dir != last_dir && now - last_change <= opt.flap_window) {
      ++sum.flaps;
    }
    last_dir = dir;
    last_change = now;
    while (static_cast<int>(ready_at.size()) < n) {
      ready_at.push_back(now + opt.cold_start);
      ++sum.cold_starts;
    }
    // ReplicaSet scale-down deletes not-ready (youngest) pods first.
    ready_at.resize(static_cast<std::size_t>(n));
    replicas = n;
  }
};

// fallback.go:114-170 GetMetricsWithFallback: after more than failureThreshold consecutive
// failures KEDA serves fallback.replicas x target (AverageValue) or that / readyReplicas
// (Value, :273-285) so the HPA lands on fallback.replicas.
MetricSample hpa_sample(World& w, std::size_t i, double v, int ready) {
  const Trigger& t = w.s.triggers[i];
  MetricSample m{&t, v, !std::isnan(v)};
  w.failures[i] = m.valid ? 0 : w.failures[i] + 1;
  if (!m.valid && w.s.keda && w.s.fallback_replicas > 0 && w.failures[i] > w.s.fallback_failures &&
      !t.resource()) {
    double r = w.s.fallback_replicas;
    if (t.target == Target::value) {
      r = ready > 0 ? r / ready : std::nan("");
    }
    m.value = r * t.threshold;
    m.valid = !std::isnan(m.value);
  }
  return m;
}

void finish(World& w, Run& out) {
  Summary& s = out.summary;
  s.replica_hours = static_cast<double>(w.replica_seconds) / 3600.0;
  s.gpu_hours = s.replica_hours * w.s.gpus_per_pod;
  for (const auto& tk : out.ticks) {
    s.peak_replicas = std::max(s.peak_replicas, tk.replicas);
  }
  s.mean_wait = s.arrivals_at_zero > 0 ? w.wait_sum / s.arrivals_at_zero : 0;
}

// The trigger values at second `t`; returns IsActive over the triggers and sets `any_error`.
bool signals(World& w,
             const Trace& trace,
             const std::vector<std::size_t>& cols,
             bool demand,
             int t,
             std::vector<double>& vals,
             bool& any_error) {
  const Scaler& s = w.s;
  if (demand) {
    double load = trace.at(0, t);
    double cap = w.ready(t) * w.opt.capacity;
    w.served = std::min(w.backlog + load, cap);
    w.backlog = w.backlog + load - w.served;
    double util = cap > 0 ? w.served / cap : 0;
    for (std::size_t i = 0; i < vals.size(); ++i) {
      vals[i] = demand_signal(s.triggers[i], load, w.backlog, w.served, util);
    }
  } else {
    for (std::size_t i = 0; i < vals.size(); ++i) {
      vals[i] = trace.at(cols[i], t);
    }
  }
  any_error = false;
  bool active = false;
  bool only_resource = true;
  for (std::size_t i = 0; i < vals.size(); ++i) {
    any_error = any_error || std::isnan(vals[i]);
    active = active || (!std::isnan(vals[i]) && trigger_active(s.triggers[i], vals[i]));
    only_resource = only_resource && s.triggers[i].resource();
  }
  // scale_handler.go:936-943 IsActive is any trigger's; :1004-1008 a ScaledObject of only
  // cpu/memory triggers is always active.
  return active || only_resource;
}

// What arrives with no ready pod waits until one is (demand: requests; replay: active seconds).
void account_waits(World& w, Summary& sum, int t, double arriving) {
  if (w.ready(t) == 0 && arriving > 0) {
    w.waiting_at_zero.emplace_back(t, arriving);
    sum.arrivals_at_zero += arriving;
  } else if (w.ready(t) > 0 && !w.waiting_at_zero.empty()) {
    for (const auto& [at, n] : w.waiting_at_zero) {
      w.wait_sum += (t - at) * n;
      sum.max_wait = std::max(sum.max_wait, static_cast<double>(t - at));
    }
    w.waiting_at_zero.clear();
  }
}

void account_second(World& w, Summary& sum, int t) {
  sum.seconds = t + 1;
  w.replica_seconds += w.replicas;
  sum.seconds_at_max += w.replicas == w.s.max ? 1 : 0;
  sum.seconds_at_zero += w.replicas == 0 ? 1 : 0;
  sum.seconds_starting += w.ready(t) < w.replicas ? 1 : 0;
  sum.peak_queue = std::max(sum.peak_queue, w.backlog);
}

} // namespace

bool simulate(
    const Scaler& s, const Trace& trace, const Options& opt, Run& out, std::string& error) {
  out = Run{};
  out.demand = trace.columns.size() == 1 && trace.columns[0] == "load";
  std::vector<std::size_t> cols;
  if (!out.demand && !map_columns(s, trace, cols, error)) {
    return false;
  }
  World w{s, opt};
  w.failures.assign(s.triggers.size(), 0);
  Keda keda(s);
  Hpa hpa(s, s.keda ? std::max(s.min, 1) : s.min);
  Summary& sum = out.summary;
  // The run starts warm at --replicas, else minReplicaCount (KEDA) or minReplicas (HPA).
  w.replicas = opt.start_replicas >= 0 ? opt.start_replicas
               : s.keda                ? std::max(s.min, 0)
                                       : std::max(s.min, 1);
  w.ready_at.assign(static_cast<std::size_t>(w.replicas), 0);
  bool resource_only = std::all_of(s.triggers.begin(), s.triggers.end(),
                                   [](const Trigger& tr) { return tr.resource(); });
  bool active = false;
  bool any_error = false;
  std::vector<double> vals(s.triggers.size());
  for (int t = 0; t <= trace.end(); ++t) {
    int ready = w.ready(t);
    bool any_active = signals(w, trace, cols, out.demand, t, vals, any_error);
    double load = out.demand ? trace.at(0, t) : 0;
    account_waits(w, sum, t, out.demand ? load : (any_active && !resource_only ? 1 : 0));
    if (s.keda && t % std::max(1, s.polling) == 0) {
      active = any_active;
      w.set_replicas(t, keda.poll(t, w.replicas, any_active, any_error), sum);
    }
    if (t % kHpaSync == 0) {
      std::vector<MetricSample> ms;
      for (std::size_t i = 0; i < vals.size(); ++i) {
        ms.push_back(hpa_sample(w, i, vals[i], ready));
      }
      w.set_replicas(t, hpa.sync(t, w.replicas, ready, ms), sum);
    }
    account_second(w, sum, t);
    if (t % std::max(1, opt.step) == 0 || t == trace.end()) {
      out.ticks.push_back(Tick{t, w.replicas, w.ready(t), vals, active, load, w.backlog});
    }
  }
  finish(w, out);
  return true;
}

} // namespace isvc::simulate
