// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "simulate/scaler.hpp"

#include <optional>

namespace isvc::simulate {

/// The KEDA operator's scale loop for one ScaledObject (what it does besides the HPA).
class Keda {
public:
  explicit Keda(const Scaler& s) : s_(s) {}
  /// One poll at `now` (seconds since the ScaledObject was created): `active` is any trigger's
  /// IsActive, `error` any trigger failing. Returns the replicas KEDA sets, or `current`.
  int poll(int now, int current, bool active, bool error);
  std::optional<int> last_active() const { return last_active_; }

private:
  const Scaler& s_;
  std::optional<int> last_active_;
};

/// pkg/scalers/prometheus_scaler.go:319: IsActive = value > activationThreshold.
inline bool trigger_active(const Trigger& t, double value) { return value > t.activation; }

} // namespace isvc::simulate
