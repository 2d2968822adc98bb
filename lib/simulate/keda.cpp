// SPDX-License-Identifier: Apache-2.0
// kedacore/keda pkg/scaling/executor/scale_scaledobjects.go (commit 8b4f083c) RequestScale,
// the switch at :63-114, case by case.
#include "simulate/keda.hpp"

#include <algorithm>

namespace isvc::simulate {
namespace {

// :240-252 scaleFromZeroOrIdle: minReplicaCount if > 0, else 1.
int from_zero_or_idle(const Scaler& s) { return s.min > 0 ? s.min : 1; }

// :319-331 getIdleOrMinimumReplicaCount: idleReplicaCount if set, else minReplicaCount.
int idle_or_min(const Scaler& s) { return s.idle >= 0 ? s.idle : s.min; }

} // namespace

int Keda::poll(int now, int current, bool active, bool error) {
  bool idle_mode = s_.idle >= 0;
  if (active) {
    // :71-73 idle mode below minReplicaCount, or 0 replicas: scale up, and :285-286 record
    // lastActiveTime.
    if ((idle_mode && current < s_.min) || current == 0) {
      last_active_ = now;
      return from_zero_or_idle(s_);
    }
    // :74-77 some trigger errors: nothing, lastActiveTime is not refreshed; :78-80 otherwise
    // lastActiveTime = now and the HPA does the scaling.
    if (!error) {
      last_active_ = now;
    }
    return current;
  }
  if (error) {
    // :86-97 an erroring trigger while inactive: no scale-in (a fallback is served through
    // the HPA's metric, pkg/fallback/fallback.go).
    return current;
  }
  if ((idle_mode && current > s_.idle) || (current > 0 && s_.min == 0)) {
    // :98-101 -> :189-238 scaleToZeroOrIdle: lastActiveTime + cooldownPeriod before now, or
    // no lastActiveTime and creation + initialCooldownPeriod before now (:212-213, strict
    // Before), then idleReplicaCount or minReplicaCount (:215).
    bool cooled = last_active_ ? *last_active_ + s_.cooldown < now : s_.initial_cooldown < now;
    return cooled ? idle_or_min(s_) : current;
  }
  if (!idle_mode && current < s_.min) {
    return s_.min; // :102-109 below minReplicaCount, idle mode off: set to minReplicaCount
  }
  return current; // :110-112 no change
}

} // namespace isvc::simulate
