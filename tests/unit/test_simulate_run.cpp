// SPDX-License-Identifier: Apache-2.0
// KEDA + HPA + pods together on a small trace, every step worked by hand.
#include "simulate/simulate.hpp"

#include <doctest/doctest.h>

using namespace isvc::simulate;

namespace {

// seed-003's shape: a queue trigger (AverageValue 5) and the activation trigger (threshold 1,
// activationThreshold 0), min 0, max 2, polling 15 s, cooldown 300 s.
Scaler dual() {
  Scaler s;
  s.keda = true;
  s.min = 0;
  s.max = 2;
  s.polling = 15;
  s.cooldown = 300;
  s.up = default_up();
  s.down = default_down();
  Trigger q;
  q.type = "prometheus";
  q.threshold = 5;
  Trigger a = q;
  a.name = "activation";
  a.threshold = 1;
  s.triggers = {q, a};
  return s;
}

int replicas_at(const Run& r, int t) {
  for (const auto& tk : r.ticks) {
    if (tk.t == t) {
      return tk.replicas;
    }
  }
  return -1;
}

} // namespace

TEST_CASE("simulate run: scale from zero, rate-limited up, window-held down, cooldown to zero") {
  Trace tr;
  std::string error;
  REQUIRE(parse_csv("t,0,activation\n0,0,0\n60,12,1\n600,0,0\n1000,0,0\n", tr, error));
  Options opt;
  opt.cold_start = 30;
  Run run;
  Scaler s = dual();
  REQUIRE(simulate(s, tr, opt, run, error));
  // t=0..45: nothing active, 0 replicas
  CHECK(replicas_at(run, 45) == 0);
  // t=60: KEDA 0 -> 1 (active); then the HPA: queue 12 / (5 * 1) = 2.4 -> ceil(12 / 5) = 3,
  // activation 1 / (1 * 1) = 1 inside the tolerance -> 1; max 3. No behavior rendered: the
  // legacy path, scale-up limit max(2 * 1, 4) = 4, maxReplicas 2 -> 2
  CHECK(replicas_at(run, 60) == 2);
  CHECK(run.ticks[4].ready == 0); // t=60: both pods starting (ready at 60 + 30)
  CHECK(run.ticks[6].ready == 2); // t=90
  // t=75..585: 12 / (5 * 2) = 1.2 -> ceil(2.4) = 3 recommendations; from t=600 they are 0.
  // The legacy 300 s window counts samples not Before(now - 300): at t=885 the 3 of t=585
  // still counts -> 2. KEDA polls first: last active 585 + 300 = 885 is not Before(885).
  CHECK(replicas_at(run, 870) == 2);
  CHECK(replicas_at(run, 885) == 2);
  // t=900: KEDA first (885 < 900) -> 0; the HPA then sees 0 replicas and stays off
  CHECK(replicas_at(run, 900) == 0);
  CHECK(run.summary.cold_starts == 2);
  CHECK(run.summary.flaps == 0);
  // 0 replicas for t=0..59 (60 s) and t=900..1000 (101 s)
  CHECK(run.summary.seconds_at_zero == 161);
  // active seconds t=60..89 with no ready pod: 30 seconds, the first waited 30 s
  CHECK(run.summary.arrivals_at_zero == 30);
  CHECK(run.summary.max_wait == 30);
}

TEST_CASE("simulate run: fallback replicas after failureThreshold failed reads") {
  Scaler s = dual();
  s.min = 1;
  s.max = 10;
  s.fallback_failures = 2;
  s.fallback_replicas = 6;
  s.triggers.pop_back();
  Trace tr;
  std::string error;
  REQUIRE(parse_csv("t,0\n0,5\n10,error\n100,error\n", tr, error));
  Run run;
  REQUIRE(simulate(s, tr, Options{}, run, error));
  // t=0: 5 / (5 * 1) = 1 -> 1. t=15, 30: failures 1, 2 (not > 2): no usable metric, keep 1.
  // t=45: failures 3 > 2: KEDA serves 6 x 5 = 30 -> ceil(30 / 5) = 6; no behavior: legacy
  // scale-up limit max(2 * 1, 4) = 4
  CHECK(replicas_at(run, 30) == 1);
  CHECK(replicas_at(run, 45) == 4);
  // t=60: 30 / (5 * 4) = 1.5 -> ceil(30 / 5) = 6; limit max(2 * 4, 4) = 8 -> 6
  CHECK(replicas_at(run, 60) == 6);
}

TEST_CASE("simulate run: a trace without the trigger's column is refused with the columns") {
  Trace tr;
  std::string error;
  REQUIRE(parse_csv("t,x\n0,1\n", tr, error));
  Run run;
  CHECK_FALSE(simulate(dual(), tr, Options{}, run, error));
  CHECK(error == "the trace has no column `0` for trigger 0 (prometheus); columns: t,x");
}

TEST_CASE("simulate run: fallback for a Value trigger divides by the ready replicas") {
  Scaler s = dual();
  s.min = 1;
  s.max = 10;
  s.fallback_failures = 0;
  s.fallback_replicas = 4;
  s.triggers.pop_back();
  s.triggers[0].target = Target::value;
  s.triggers[0].threshold = 2;
  Trace tr;
  std::string error;
  REQUIRE(parse_csv("t,0\n0,error\n30,error\n", tr, error));
  Run run;
  Options opt;
  opt.cold_start = 0;
  REQUIRE(simulate(s, tr, opt, run, error));
  // t=0: failures 1 > 0: KEDA serves 4 / 1 ready x 2 = 8 (fallback.go:273-285); the HPA:
  // 8 / 2 = 4 -> ceil(4 * 1 ready) = 4; legacy limit max(2 * 1, 4) = 4 -> 4
  CHECK(replicas_at(run, 0) == 4);
  // t=15: 4 / 4 ready x 2 = 2 -> ratio 1 -> keep 4: the HPA lands on fallback.replicas
  CHECK(replicas_at(run, 15) == 4);
}

TEST_CASE("simulate run: idleReplicaCount 0 below minReplicaCount 2") {
  Scaler s = dual();
  s.min = 2;
  s.idle = 0;
  s.cooldown = 60;
  Trace tr;
  std::string error;
  REQUIRE(parse_csv("t,0,activation\n0,0,1\n30,0,0\n300,10,1\n", tr, error));
  Options opt;
  opt.cold_start = 30;
  Run run;
  REQUIRE(simulate(s, tr, opt, run, error));
  // starts at minReplicaCount 2; polls at t=0 and 15 are active (activation 1 > 0; the row
  // of t=0 holds until t=30) -> lastActiveTime 15
  CHECK(replicas_at(run, 15) == 2);
  // t=30..: inactive; 15 + 60 < now first at the poll t=90 -> idleReplicaCount 0
  CHECK(replicas_at(run, 75) == 2);
  CHECK(replicas_at(run, 90) == 0);
  // the HPA sees 0 replicas (minReplicas 2 > 0): scaling disabled, stays 0
  CHECK(replicas_at(run, 285) == 0);
  // t=300: active at 0 < minReplicaCount 2 -> 2 (scale_scaledobjects.go:71-73, 248-249)
  CHECK(replicas_at(run, 300) == 2);
}
