// SPDX-License-Identifier: Apache-2.0
// kedacore/keda pkg/scaling/executor/scale_scaledobjects.go (commit 8b4f083c) RequestScale.
#include "simulate/keda.hpp"

#include <algorithm>

namespace isvc::simulate {

int Keda::poll(int now, int current, bool active, bool error) {
  if (active) {
    // scale_scaledobjects.go:70-72,240-286 scaleFromZeroOrIdle: 0 -> max(minReplicaCount, 1),
    // and lastActiveTime = now; :78-80 active with replicas > 0 only refreshes lastActiveTime
    // (not when a trigger errors, :73-76).
    if (current == 0) {
      last_active_ = now;
      return std::max(s_.min, 1);
    }
    if (!error) {
      last_active_ = now;
    }
    return current;
  }
  if (error) {
    return current; // :86-97 fallback is served through the HPA metric, not here
  }
  if (current > 0 && s_.min == 0) {
    // :189-235 scaleToZeroOrIdle: lastActiveTime + cooldownPeriod before now, or no
    // lastActiveTime and creation + initialCooldownPeriod before now (strict Before).
    bool cooled = last_active_ ? *last_active_ + s_.cooldown < now : s_.initial_cooldown < now;
    return cooled ? 0 : current;
  }
  if (current < s_.min) {
    return s_.min; // :102-108 below minReplicaCount: set to minReplicaCount
  }
  return current;
}

} // namespace isvc::simulate
