// SPDX-License-Identifier: Apache-2.0
#include "check/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace isvc::check {
namespace {

// The HPA controller's default --horizontal-pod-autoscaler-tolerance.
constexpr double k_tolerance = 0.1;

// kubernetes pkg/controller/podautoscaler/replica_calculator.go:
// GetExternalPerPodMetricReplicas (AverageValue): usageRatio = value/(target*current);
// outside the tolerance, ceil(value/target). GetExternalMetricReplicas (Value):
// usageRatio = value/target, then getUsageRatioReplicaCount: ceil(usageRatio*current)
// (ceil(usageRatio) at zero current replicas).
int hpa_proposal(const Trigger& t, double value, int current) {
  if (t.threshold <= 0) {
    return current;
  }
  if (t.metric_type == "Value") {
    double ratio = value / t.threshold;
    if (current > 0 && std::fabs(1.0 - ratio) <= k_tolerance) {
      return current;
    }
    return static_cast<int>(std::ceil(ratio * std::max(current, 1)));
  }
  if (current > 0 && std::fabs(1.0 - value / (t.threshold * current)) <= k_tolerance) {
    return current;
  }
  return static_cast<int>(std::ceil(value / t.threshold));
}

} // namespace

// kedacore/keda pkg/scalers/prometheus_scaler.go ExecutePromQuery: an empty result is 0
// with ignoreNullValues (the default) and an error without; more than one element is an
// error; NaN/Inf likewise. GetMetricsAndActivity: active is value > activationThreshold.
TriggerReport evaluate(const Trigger& t, const prom::QueryResult& r, int current) {
  TriggerReport out;
  out.trigger = t;
  out.evaluated = true;
  if (!r.ok) {
    out.rule = "check-query-failed";
    out.problem = r.error;
    return out;
  }
  out.series = r.series.size();
  if (out.series > 1) {
    out.rule = "check-multiple-series";
    out.problem = fmt::format("the query returns {} series; KEDA's prometheus scaler fails on "
                              "more than one (\"returned multiple elements\"), so this trigger "
                              "never scales: aggregate it to one series (sum, max)",
                              out.series);
    return out;
  }
  bool null_value = out.series == 0 || !std::isfinite(r.series.front().value);
  if (null_value && !t.ignore_null_values) {
    out.rule = "check-empty-result";
    out.problem = out.series == 0
                      ? "the query returns no series and ignoreNullValues is \"false\": "
                        "KEDA reports an error instead of a value"
                      : "the query returns NaN or Inf and ignoreNullValues is \"false\"";
    return out;
  }
  out.value = null_value ? 0 : r.series.front().value;
  out.active = out.value > t.activation_threshold;
  out.desired = hpa_proposal(t, out.value, current);
  // isvc-scale's activation trigger is meant to read 0 or 1 for this service alone; more is
  // a count of series (e.g. sum(rate(x[1m]) > bool 0)), usually other services' traffic.
  if (t.name == "activation" && out.value != 0 && out.value != 1) {
    out.rule = "check-activation-not-0-1";
    out.warning = true;
    out.problem = fmt::format("the activation query reads {}, not 0 or 1: it counts series "
                              "(compare after aggregating, and scope it to this service)",
                              out.value);
  }
  return out;
}

// KEDA scales a scale-to-zero workload to 0 when no trigger is active and from 0 to
// max(minReplicaCount, 1) when one is (pkg/scaling/executor/scale_scaledobjects.go);
// in between the HPA takes the largest proposal of the metrics it could read,
// clamped to [min, max] (horizontal.go computeReplicasForMetrics).
int desired_replicas(const Bounds& b, int current, const std::vector<TriggerReport>& ts) {
  bool any_active = false;
  bool any_value = false;
  int proposal = 0;
  for (const auto& t : ts) {
    if (!t.evaluated || (!t.rule.empty() && !t.warning)) {
      continue;
    }
    any_value = true;
    any_active = any_active || t.active;
    proposal = std::max(proposal, t.desired);
  }
  int floor = std::max(b.min_replicas, 1);
  if (!any_value) {
    return current;
  }
  if (b.min_replicas == 0 && !any_active) {
    return 0;
  }
  if (current == 0) {
    return std::min(floor, std::max(b.max_replicas, 1));
  }
  return std::clamp(proposal, std::min(floor, b.max_replicas), std::max(b.max_replicas, 1));
}

} // namespace isvc::check
