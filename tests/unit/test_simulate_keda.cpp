// SPDX-License-Identifier: Apache-2.0
// KEDA's scale loop against hand-computed cases (kedacore/keda pkg/scaling/executor).
#include "simulate/keda.hpp"

#include <doctest/doctest.h>

using namespace isvc::simulate;

TEST_CASE("simulate keda: 0 -> 1 on activation, 1 -> 0 after cooldownPeriod since last active") {
  Scaler s;
  s.keda = true;
  s.min = 0;
  s.cooldown = 300;
  Keda k(s);
  CHECK(k.poll(0, 0, false, false) == 0);
  CHECK(k.poll(30, 0, true, false) == 1); // max(minReplicaCount 0, 1) = 1
  CHECK(k.last_active() == 30);
  CHECK(k.poll(60, 3, true, false) == 3); // active with replicas: the HPA's business
  CHECK(k.last_active() == 60);
  // 60 + 300 = 360 is not Before(360): keep
  CHECK(k.poll(360, 3, false, false) == 3);
  // 360 < 390 -> scale to zero
  CHECK(k.poll(390, 3, false, false) == 0);
}

TEST_CASE("simulate keda: initialCooldownPeriod, errors, minReplicaCount") {
  Scaler s;
  s.keda = true;
  s.min = 0;
  s.initial_cooldown = 120;
  Keda k(s);
  // never active: creation (0) + 120 before 90? no -> keep
  CHECK(k.poll(90, 1, false, false) == 1);
  CHECK(k.poll(150, 1, false, false) == 0);
  // an erroring trigger while inactive: no scale to zero
  CHECK(k.poll(160, 1, false, true) == 1);
  // active but another trigger errors: lastActiveTime is not refreshed
  CHECK(k.poll(170, 1, true, true) == 1);
  CHECK_FALSE(k.last_active().has_value());
  Scaler m;
  m.keda = true;
  m.min = 2;
  Keda km(m);
  CHECK(km.poll(0, 0, true, false) == 2);   // from zero to minReplicaCount 2
  CHECK(km.poll(15, 1, false, false) == 2); // below minReplicaCount: corrected
}

TEST_CASE("simulate keda: IsActive is value > activationThreshold") {
  Trigger t;
  t.activation = 0;
  CHECK_FALSE(trigger_active(t, 0));
  CHECK(trigger_active(t, 0.5));
  t.activation = 2;
  CHECK_FALSE(trigger_active(t, 2));
  CHECK(trigger_active(t, 2.01));
}
