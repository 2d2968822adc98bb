// SPDX-License-Identifier: Apache-2.0
// The HPA controller's arithmetic. Line numbers are kubernetes v1.28.0
// pkg/controller/podautoscaler/replica_calculator.go (rc:) and horizontal.go (h:); the logic is
// the same through release-1.33 (which only splits the tolerance into up/down, rc isWithin).
#include "simulate/hpa.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace isvc::simulate {
namespace {

// Go's int32(math.Ceil(x)), no fudge: float64 products decide as they do upstream.
int ceil_int(double v) { return static_cast<int>(std::ceil(v)); }

// KEDA serves each value as a "%.3f" quantity (kedacore/keda pkg/scalers/scaler.go:150-169),
// and the HPA reads targets and values with MilliValue(): both are whole milli-units.
double milli(double v) { return static_cast<double>(std::llround(std::max(v, 0.0) * 1000.0)); }

// Resource Utilization is a whole percent, truncated (metrics/utilization.go:49-51).
double ratio_of(const Trigger& t, double value) {
  if (t.target == Target::utilization) {
    return std::trunc(std::max(value, 0.0)) / std::trunc(t.threshold);
  }
  return milli(value) / milli(t.threshold);
}

// rc:178-246 calcPlainMetricReplicas / rc:65-150 GetResourceReplicas: per-pod averages over
// ready pods (not-yet-ready pods' metrics are removed, rc:188-189); a ratio inside the
// tolerance keeps the count (rc:202-205); scaling up with unready pods counts them as 0 usage
// and recomputes (rc:224-233); a recomputed ratio inside the tolerance or flipping direction
// keeps the count (rc:235-239), and so does a new count against the direction (rc:241-245).
int per_pod(double ratio, int spec, int ready, double tol) {
  int unready = std::max(0, spec - ready);
  if (ready == 0) {
    return -1; // rc:193-195 "did not receive metrics for any ready pods"
  }
  if (std::abs(1.0 - ratio) <= tol) {
    return spec;
  }
  if (ratio <= 1.0 || unready == 0) {
    return ceil_int(ratio * ready); // rc:208
  }
  double recomputed = ratio * ready / static_cast<double>(ready + unready);
  if (std::abs(1.0 - recomputed) <= tol || recomputed < 1.0) {
    return spec;
  }
  int n = ceil_int(recomputed * (ready + unready));
  return n < spec ? spec : n;
}

// h:1022-1033 getReplicasChangePerPeriod: events with timestamp.After(now - period).
int changed_in_period(const std::vector<ScaleEvent>& events, int period, int now) {
  int sum = 0;
  for (const auto& e : events) {
    if (e.t > now - period) {
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
  double ratio = ratio_of(t, m.value);
  if (!t.resource() && t.type != "pods" && t.target == Target::average_value) {
    // h:686-687 -> rc:354-376 GetExternalPerPodMetricReplicas: usageRatio =
    // usage / (target * statusReplicas); outside the tolerance ceil(usage / target) (rc:370-373).
    double usage_ratio = milli(m.value) / (milli(t.threshold) * spec);
    return std::abs(1.0 - usage_ratio) > tol ? ceil_int(ratio) : spec;
  }
  if (!t.resource() && t.type != "pods") {
    // h:707-708 -> rc:332-351 GetExternalMetricReplicas -> rc:267-285
    // getUsageRatioReplicaCount: inside the tolerance keep (rc:269-272), else
    // ceil(ratio * readyPodCount) (rc:278).
    if (std::abs(1.0 - ratio) <= tol) {
      return spec;
    }
    return ceil_int(ratio * ready);
  }
  return per_pod(ratio, spec, ready, tol);
}

// h:1275-1301 calculateScaleUpLimitWithScalingRules.
int scale_up_limit(int current,
                   const std::vector<ScaleEvent>& up,
                   const std::vector<ScaleEvent>& down,
                   const Rules& rules,
                   int now) {
  if (rules.select == Rules::Select::disabled) {
    return current; // h:1279-1280
  }
  // h:1281-1287 Min picks the smallest proposal, Max (default) the largest.
  bool pick_min = rules.select == Rules::Select::min;
  int result = pick_min ? INT_MAX : INT_MIN;
  for (const auto& p : rules.policies) {
    // h:1289-1291 period start = current - added + deleted within the period
    int start =
        current - changed_in_period(up, p.period, now) + changed_in_period(down, p.period, now);
    // h:1292-1297 Pods adds value; Percent multiplies by 1 + value/100, rounded up
    int proposed =
        p.pods ? start + p.value : static_cast<int>(std::ceil(start * (1.0 + p.value / 100.0)));
    result = pick_min ? std::min(result, proposed) : std::max(result, proposed);
  }
  return result;
}

// h:1304-1329 calculateScaleDownLimitWithBehaviors.
int scale_down_limit(int current,
                     const std::vector<ScaleEvent>& up,
                     const std::vector<ScaleEvent>& down,
                     const Rules& rules,
                     int now) {
  if (rules.select == Rules::Select::disabled) {
    return current; // h:1308-1309
  }
  // h:1310-1316 selectPolicy Min picks the smallest change: the largest limit.
  bool pick_max = rules.select == Rules::Select::min;
  int result = pick_max ? INT_MIN : INT_MAX;
  for (const auto& p : rules.policies) {
    int start =
        current - changed_in_period(up, p.period, now) + changed_in_period(down, p.period, now);
    // h:1321-1325 Pods subtracts value; Percent multiplies by 1 - value/100, truncated
    int proposed = p.pods ? start - p.value : static_cast<int>(start * (1.0 - p.value / 100.0));
    result = pick_max ? std::max(result, proposed) : std::min(result, proposed);
  }
  return result;
}

Hpa::Hpa(const Scaler& s, int min) : s_(s), min_(min) {}

// h:1098-1155 stabilizeRecommendationWithBehaviors: the up recommendation is the minimum
// proposal inside the scale-up window, the down one the maximum inside the scale-down window
// (timestamp.After(now - window) h:1116-1121, so a 0 s window holds only the current
// proposal); the count is raised to the first and lowered to the second (h:1128-1135).
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

// h:1158-1209 convertDesiredReplicasWithBehaviorRate: policies limit the change (a limit past
// the current count is the current count, h:1168-1171 and h:1191-1194), then min/max.
int Hpa::limit_rate(int now, int current, int desired) const {
  if (desired > current) {
    int limit = std::max(current, scale_up_limit(current, up_, down_, s_.up, now));
    return std::min(desired, std::min(s_.max, limit));
  }
  if (desired < current) {
    int limit = std::min(current, scale_down_limit(current, up_, down_, s_.down, now));
    return std::max(desired, std::max(min_, limit));
  }
  return desired;
}

// Without spec.behavior (h:868-869 normalizeDesiredReplicas, h:950): h:924-946
// stabilizeRecommendation takes the largest proposal not Before(now - 300 s) (the
// controller's --horizontal-pod-autoscaler-downscale-stabilization, config/v1alpha1/
// defaults.go:47; note the boundary sample counts here, unlike h:1119), then h:1212-1246
// convertDesiredReplicasWithRules clamps to [minReplicas, min(maxReplicas, scale-up limit)]
// with the limit max(2 x current, 4) (h:59-60, h:1248-1250).
int Hpa::legacy(int now, int current, int proposal) {
  constexpr int kWindow = 300;
  int rec = proposal;
  for (const auto& r : history_) {
    if (r.t >= now - kWindow) {
      rec = std::max(rec, r.replicas);
    }
  }
  std::erase_if(history_, [&](const Recommendation& r) { return r.t < now - kWindow; });
  history_.push_back(Recommendation{now, proposal});
  int up_limit = std::max(2 * current, 4);
  int max_allowed = s_.max > up_limit ? up_limit : s_.max;
  if (rec < min_) {
    return min_;
  }
  return std::min(rec, max_allowed);
}

int Hpa::sync(int now, int spec, int ready, const std::vector<MetricSample>& metrics) {
  proposal_ = -1;
  // h:732-738, 799 recordInitialRecommendation: the first reconcile records the current count
  // as a recommendation, so a fresh HPA does not drop it before its scale-down window passed.
  if (!initialized_) {
    history_.push_back(Recommendation{now, spec});
    initialized_ = true;
  }
  // h:822-833 reconcileAutoscaler: replicas 0 with minReplicas > 0 disables scaling; outside
  // [min, max] the count is corrected without consulting metrics.
  if (spec == 0) {
    return 0;
  }
  if (spec > s_.max) {
    return s_.max;
  }
  if (spec < min_) {
    return min_;
  }
  // h:314-330 computeReplicasForMetrics: the largest proposal over the usable metrics; h:337-343
  // if all are unusable, or some are and the rest would scale down, the HPA reports an error
  // and keeps the count (h:837-844).
  int invalid = 0;
  for (const auto& m : metrics) {
    int p = replicas_for_metric(m, spec, ready, s_.tolerance);
    invalid += p < 0 ? 1 : 0;
    proposal_ = std::max(proposal_, p);
  }
  if (invalid == static_cast<int>(metrics.size()) || (invalid > 0 && proposal_ < spec)) {
    proposal_ = -1;
    return spec;
  }
  if (!s_.behavior) {
    return legacy(now, spec, proposal_);
  }
  int desired = limit_rate(now, spec, stabilize(now, spec, proposal_));
  if (desired != spec) { // h:1047-1096 storeScaleEvent, kept for the longest policy period
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
