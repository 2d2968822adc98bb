// SPDX-License-Identifier: Apache-2.0
// The HPA controller's arithmetic, after kubernetes pkg/controller/podautoscaler
// (replica_calculator.go and horizontal.go, release-1.33).
#include "simulate/hpa.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace isvc::simulate {
namespace {

int ceil_int(double v) { return static_cast<int>(std::ceil(v - 1e-9)); }

// replica_calculator.go calcPlainMetricReplicas / GetResourceReplicas: per-pod averages over
// ready pods; when scaling up, not-yet-ready pods count as 0 usage and the ratio is recomputed;
// a recomputed ratio inside the tolerance, or one that flips direction, keeps the count.
int per_pod(double ratio, int spec, int ready, double tol) {
  int unready = std::max(0, spec - ready);
  if (ready == 0) {
    return -1; // "did not receive metrics for any ready pods"
  }
  if (std::abs(1.0 - ratio) <= tol) {
    return spec;
  }
  if (ratio <= 1.0 || unready == 0) {
    return ceil_int(ratio * ready);
  }
  double recomputed = ratio * ready / static_cast<double>(ready + unready);
  if (std::abs(1.0 - recomputed) <= tol || recomputed < 1.0) {
    return spec;
  }
  int n = ceil_int(recomputed * (ready + unready));
  return n < spec ? spec : n;
}

int changed_in_period(const std::vector<ScaleEvent>& events, int period, int now) {
  int sum = 0;
  for (const auto& e : events) {
    if (e.t > now - period) { // horizontal.go getReplicasChangePerPeriod: timestamp.After(cutoff)
      sum += e.change;
    }
  }
  return sum;
}

} // namespace

int replicas_for_metric(const MetricSample& m, int spec, int ready, double tol) {
  if (!m.valid || m.trigger == nullptr || m.trigger->threshold <= 0) {
    return -1;
  }
  const Trigger& t = *m.trigger;
  double ratio = m.value / t.threshold;
  if (!t.resource() && t.type != "pods" && t.target == Target::average_value) {
    // GetExternalPerPodMetricReplicas: usageRatio = usage / (target * statusReplicas);
    // outside the tolerance, ceil(usage / target).
    double usage_ratio = m.value / (t.threshold * spec);
    return std::abs(1.0 - usage_ratio) > tol ? ceil_int(ratio) : spec;
  }
  if (!t.resource() && t.type != "pods") {
    // GetExternalMetricReplicas -> getUsageRatioReplicaCount: ceil(ratio * readyPodCount).
    if (std::abs(1.0 - ratio) <= tol) {
      return spec;
    }
    return ceil_int(ratio * ready);
  }
  return per_pod(ratio, spec, ready, tol);
}

int scale_up_limit(int current,
                   const std::vector<ScaleEvent>& up,
                   const std::vector<ScaleEvent>& down,
                   const Rules& rules,
                   int now) {
  if (rules.select == Rules::Select::disabled) {
    return current;
  }
  bool pick_min = rules.select == Rules::Select::min;
  int result = pick_min ? INT_MAX : INT_MIN;
  for (const auto& p : rules.policies) {
    int start =
        current - changed_in_period(up, p.period, now) + changed_in_period(down, p.period, now);
    int proposed =
        p.pods ? start + p.value : static_cast<int>(std::ceil(start * (1.0 + p.value / 100.0)));
    result = pick_min ? std::min(result, proposed) : std::max(result, proposed);
  }
  return result;
}

int scale_down_limit(int current,
                     const std::vector<ScaleEvent>& up,
                     const std::vector<ScaleEvent>& down,
                     const Rules& rules,
                     int now) {
  if (rules.select == Rules::Select::disabled) {
    return current;
  }
  // selectPolicy Min picks the smallest change: the largest limit.
  bool pick_max = rules.select == Rules::Select::min;
  int result = pick_max ? INT_MIN : INT_MAX;
  for (const auto& p : rules.policies) {
    int start =
        current + changed_in_period(down, p.period, now) - changed_in_period(up, p.period, now);
    int proposed = p.pods ? start - p.value : static_cast<int>(start * (1.0 - p.value / 100.0));
    result = pick_max ? std::max(result, proposed) : std::min(result, proposed);
  }
  return result;
}

Hpa::Hpa(const Scaler& s, int min) : s_(s), min_(min) {}

// horizontal.go stabilizeRecommendationWithBehaviors: the up recommendation is the minimum
// proposal inside the scale-up window, the down one the maximum inside the scale-down window
// (timestamp.After(now - window), so a 0 s window holds only the current proposal).
int Hpa::stabilize(int now, int current, int proposal) {
  int up_rec = proposal;
  int down_rec = proposal;
  for (const auto& r : history_) {
    if (r.t > now - s_.up.window) {
      up_rec = std::min(up_rec, r.replicas);
    }
    if (r.t > now - s_.down.window) {
      down_rec = std::max(down_rec, r.replicas);
    }
  }
  int longest = std::max(s_.up.window, s_.down.window);
  std::erase_if(history_, [&](const Recommendation& r) { return r.t <= now - longest; });
  history_.push_back(Recommendation{now, proposal});
  int rec = current;
  rec = std::max(rec, up_rec);
  return std::min(rec, down_rec);
}

// horizontal.go convertDesiredReplicasWithBehaviorRate: policies limit the change, then
// min/max clamp the result.
int Hpa::limit_rate(int now, int current, int desired) const {
  if (desired > current) {
    int limit = std::max(current, scale_up_limit(current, up_, down_, s_.up, now));
    return std::min(desired, std::min(s_.max, limit));
  }
  if (desired < current) {
    int limit = std::min(current, scale_down_limit(current, up_, down_, s_.down, now));
    return std::max(desired, std::max(min_, limit));
  }
  return std::clamp(desired, min_, s_.max);
}

int Hpa::sync(int now, int spec, int ready, const std::vector<MetricSample>& metrics) {
  proposal_ = -1;
  // horizontal.go reconcileAutoscaler: replicas 0 with minReplicas > 0 disables scaling;
  // outside [min, max] the count is corrected without consulting metrics.
  if (spec == 0) {
    return 0;
  }
  if (spec > s_.max) {
    return s_.max;
  }
  if (spec < min_) {
    return min_;
  }
  for (const auto& m : metrics) { // computeReplicasForMetrics: the largest proposal wins
    proposal_ = std::max(proposal_, replicas_for_metric(m, spec, ready, s_.tolerance));
  }
  if (proposal_ < 0) {
    return spec; // no usable metric: the HPA reports an error and keeps the count
  }
  int desired = limit_rate(now, spec, stabilize(now, spec, proposal_));
  if (desired != spec) { // storeScaleEvent
    auto& events = desired > spec ? up_ : down_;
    events.push_back(ScaleEvent{now, std::abs(desired - spec)});
    int longest = 0;
    for (const auto* r : {&s_.up, &s_.down}) {
      for (const auto& p : r->policies) {
        longest = std::max(longest, p.period);
      }
    }
    std::erase_if(events, [&](const ScaleEvent& e) { return e.t <= now - longest; });
  }
  return desired;
}

} // namespace isvc::simulate
