// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "simulate/scaler.hpp"
#include "simulate/trace.hpp"

#include <string>
#include <vector>

namespace isvc::simulate {

struct Options {
  int cold_start = 60;   ///< seconds from pod creation to ready
  double capacity = 10;  ///< demand model: requests/s one ready pod serves
  int step = 15;         ///< seconds between output ticks
  int flap_window = 600; ///< a reversal within this many seconds is a flap
  /// The Deployment's replicas (all ready) at t = 0; -1: minReplicaCount (KEDA) or
  /// minReplicas (HPA).
  int start_replicas = -1;
};

/// State after second `t`.
struct Tick {
  int t = 0;
  int replicas = 0; ///< the Deployment's spec replicas
  int ready = 0;
  std::vector<double> values; ///< per trigger, what its query returned (NaN = error)
  bool active = false;        ///< KEDA IsActive at the last poll
  double load = 0;            ///< demand model: offered requests/s
  double queue = 0;           ///< demand model: requests waiting
};

struct Summary {
  int seconds = 0;
  double replica_hours = 0;
  double gpu_hours = 0;
  int peak_replicas = 0;
  int seconds_at_max = 0;
  int seconds_at_zero = 0;
  int seconds_starting = 0; ///< seconds with a pod created but not ready
  int cold_starts = 0;      ///< pods created
  int scale_ups = 0;
  int scale_downs = 0;
  int flaps = 0;
  double arrivals_at_zero = 0; ///< requests (demand) or active seconds (replay) with no ready pod
  double max_wait = 0;         ///< longest such wait until a pod was ready, seconds
  double mean_wait = 0;
  double peak_queue = 0;
};

struct Run {
  bool demand = false;
  std::vector<Tick> ticks;
  Summary summary;
};

/// Replays `trace` through KEDA (if `s.keda`), the HPA and the pods. Returns false with `error`
/// if the trace's columns do not match the triggers.
bool simulate(
    const Scaler& s, const Trace& trace, const Options& opt, Run& out, std::string& error);

/// Demand model: the value trigger `t`'s query returns given the offered load, the backlog, the
/// requests being served and the utilization (0..1). See man isvc-scale-simulate(1) DEMAND.
double demand_signal(const Trigger& t, double load, double queue, double served, double util);

} // namespace isvc::simulate
