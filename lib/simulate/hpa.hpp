// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "simulate/scaler.hpp"

#include <vector>

namespace isvc::simulate {

/// What the HPA sees for one metric at one sync.
struct MetricSample {
  const Trigger* trigger = nullptr;
  /// External: the query's value (total); Resource/Pods: the average over ready pods
  /// (percent of the request for Utilization).
  double value = 0;
  bool valid = true;
};

/// Replicas one metric proposes (kubernetes pkg/controller/podautoscaler/replica_calculator.go).
/// Returns -1 for a metric the HPA cannot use (it is skipped, as in computeReplicasForMetrics).
int replicas_for_metric(const MetricSample& m, int spec_replicas, int ready, double tolerance);

/// Scale event as kept by horizontal.go storeScaleEvent.
struct ScaleEvent {
  int t = 0;
  int change = 0;
};

/// calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors (horizontal.go).
int scale_up_limit(int current,
                   const std::vector<ScaleEvent>& up,
                   const std::vector<ScaleEvent>& down,
                   const Rules& rules,
                   int now);
int scale_down_limit(int current,
                     const std::vector<ScaleEvent>& up,
                     const std::vector<ScaleEvent>& down,
                     const Rules& rules,
                     int now);

/// One HorizontalPodAutoscaler with its controller state (recommendation history, events).
class Hpa {
public:
  /// `min` is the HPA's minReplicas (KEDA creates it with max(minReplicaCount, 1)).
  Hpa(const Scaler& s, int min);
  /// One reconcile at `now`: returns the Deployment's new spec replicas.
  int sync(int now, int spec_replicas, int ready, const std::vector<MetricSample>& metrics);
  /// Raw metric proposal of the last sync (before stabilization), -1 if none.
  int last_proposal() const { return proposal_; }

private:
  struct Recommendation {
    int t;
    int replicas;
  };
  int stabilize(int now, int current, int proposal);
  int limit_rate(int now, int current, int desired) const;
  int legacy(int now, int current, int proposal);

  const Scaler& s_;
  int min_;
  int proposal_ = -1;
  bool initialized_ = false;
  std::vector<Recommendation> history_;
  std::vector<ScaleEvent> up_;
  std::vector<ScaleEvent> down_;
};

} // namespace isvc::simulate
