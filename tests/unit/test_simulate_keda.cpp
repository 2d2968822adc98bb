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

TEST_CASE("simulate keda: idleReplicaCount is where an inactive ScaledObject goes, not 0") {
  // minReplicaCount 2, idleReplicaCount 0, cooldown 60 (scale_scaledobjects.go:98-101, 215)
  Scaler s;
  s.keda = true;
  s.min = 2;
  s.idle = 0;
  s.cooldown = 60;
  Keda k(s);
  // active at 2 replicas (not below min 2): :78-80 only lastActiveTime = 0
  CHECK(k.poll(0, 2, true, false) == 2);
  CHECK(k.last_active() == 0);
  // inactive, 2 > idle 0: cooling until 0 + 60 is before now; 60 < 60 is false -> keep 2
  CHECK(k.poll(60, 2, false, false) == 2);
  // 60 < 61 -> idleReplicaCount 0 (not minReplicaCount 2, which the old branch would keep)
  CHECK(k.poll(61, 2, false, false) == 0);
  // inactive at 0 = idle: 0 > 0 false, and idle mode skips the below-min correction (:102)
  CHECK(k.poll(75, 0, false, false) == 0);
  // active at 0 < min 2: :71-73 scaleFromZeroOrIdle -> minReplicaCount 2, lastActiveTime 90
  CHECK(k.poll(90, 0, true, false) == 2);
  CHECK(k.last_active() == 90);
}

TEST_CASE("simulate keda: idleReplicaCount 1 below minReplicaCount 3") {
  Scaler s;
  s.keda = true;
  s.min = 3;
  s.idle = 1;
  s.cooldown = 0;
  Keda k(s);
  // never active, initialCooldownPeriod 0: 0 < 15 -> idle 1
  CHECK(k.poll(15, 3, false, false) == 1);
  // active at 1 < min 3 (idle mode): back to minReplicaCount 3, though replicas > 0
  CHECK(k.poll(30, 1, true, false) == 3);
  // inactive with 1 = idle: no change (no below-minReplicaCount correction in idle mode)
  CHECK(k.poll(45, 1, false, false) == 1);
  // without idle mode the same state is corrected to minReplicaCount (:102-109)
  Scaler m = s;
  m.idle = -1;
  Keda km(m);
  CHECK(km.poll(45, 1, false, false) == 3);
}
