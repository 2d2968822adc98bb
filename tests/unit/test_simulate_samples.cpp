// SPDX-License-Identifier: Apache-2.0
// What the sample runs (the simulate goldens) mean, with the deciding steps worked by hand.
#include "rendered_scaler.hpp"
#include "simulate/simulate.hpp"

#include <doctest/doctest.h>

using namespace isvc::simulate;

namespace {

Run run(const std::string& sample, const std::string& shape, double capacity, int cold_start) {
  Trace tr;
  std::string error;
  REQUIRE(parse_shape(shape, tr, error));
  Options opt;
  opt.capacity = capacity;
  opt.cold_start = cold_start;
  opt.step = 15; // a tick per HPA sync
  Run r;
  REQUIRE(simulate(rendered(sample), tr, opt, r, error));
  return r;
}

const Tick& at(const Run& r, int t) {
  for (const auto& tk : r.ticks) {
    if (tk.t == t) {
      return tk;
    }
  }
  FAIL("no tick at ", t);
  return r.ticks.front();
}

} // namespace

TEST_CASE("simulate samples: seed 003 scales to zero after the idle gap and wakes on the burst") {
  // the golden seed-003-idle-burst: 12 req/s from 5:00 to 15:00, idle, 15 req/s from 30:00 to
  // 35:00, idle; 10 req/s per pod, 90 s cold start; ScaledObject min 0, max 2, polling 15 s,
  // cooldown 360 s, no behavior (the HPA's legacy path)
  Run r = run("seed-003-scale-to-zero.yaml", "idle:5m,step:12@10m,idle:15m,step:15@5m,idle:10m", 10,
              90);
  CHECK(at(r, 285).replicas == 0);
  // t=300, the first request: activation 1 > 0 -> KEDA 0 -> 1; the HPA in the same second:
  // queue 12 / (5 x 1) = 2.4 -> ceil(12 / 5) = 3, legacy limit max(2 x 1, 4) = 4, max 2 -> 2
  CHECK(at(r, 300).replicas == 2);
  CHECK(at(r, 300).ready == 0);
  CHECK(at(r, 390).ready == 2); // 300 + 90 s cold start
  // t=900: no load, but the queue still holds 138 > activationThreshold 0: active, last
  // active 900; t=915 the queue is 0: inactive. 900 + 360 = 1260 is not Before(1260) -> 0 at 1275
  CHECK(at(r, 900).active);
  CHECK_FALSE(at(r, 915).active);
  CHECK(at(r, 1260).replicas == 1);
  CHECK(at(r, 1275).replicas == 0);
  // on the way: the proposal of t=900 (ceil(138 / 5) = 28) is the last high one; the legacy
  // window keeps it while 900 is not Before(now - 300): 2 at 1200, then proposals 0 -> min 1
  CHECK(at(r, 1200).replicas == 2);
  CHECK(at(r, 1215).replicas == 1);
  // the burst at t=1800 wakes it: 0 -> 2 as at t=300; the first requests wait the cold start
  CHECK(at(r, 1785).replicas == 0);
  CHECK(at(r, 1800).replicas == 2);
  CHECK(at(r, 1875).ready == 0);
  CHECK(at(r, 1890).ready == 2);
  CHECK(r.summary.max_wait == 90);
  // load ends at 2100 (queue 280 still active), inactive from 2115: 2100 + 360 < 2475 -> 0
  CHECK(at(r, 2460).replicas > 0);
  CHECK(at(r, 2475).replicas == 0);
}

TEST_CASE("simulate samples: seed 002's three triggers under a spike") {
  // 4 req/s, a 60 req/s triangle from 5:00 to 15:00, 4 req/s; 8 req/s per pod, 120 s cold
  // start; ScaledObject min 1, max 5, scale-up window 30 s, scale-down window 120 s
  Run r = run("seed-002-three-triggers.yaml", "step:4@5m,spike:60@10m,step:4@15m", 8, 120);
  // t=330: running 6.01 / (4 x 1) = 1.5 -> ceil(6.01 / 4) = 2, but the scale-up window
  // (300, 330] also holds t=315's proposal 1 (running 3 / 4 -> 1) -> min 1
  CHECK(at(r, 330).replicas == 1);
  // t=345: the window (315, 345] holds 2 (t=330) and 2 (running 8 / 4) -> 2
  CHECK(at(r, 345).replicas == 2);
  CHECK(at(r, 390).replicas == 5);
  // the time-to-first-token trigger (Value 2) reads queue / served: far over its threshold
  CHECK(at(r, 600).values[0] > 2);
  // t=900: running 40 / (4 x 5) = 2 -> ceil(40 / 4) = 10, the last high proposal; from 915
  // every proposal is 1. The scale-down window (now - 120, now] holds 900 until t=1020
  CHECK(at(r, 1005).replicas == 5);
  CHECK(at(r, 1020).replicas == 1); // 100 % per 15 s: int(5 x 0) = 0 -> minReplicas 1
  CHECK(r.summary.peak_replicas == 5);
  CHECK(r.summary.seconds_at_zero == 0);
}

TEST_CASE("simulate samples: a diurnal day for the HPA cpu setup keeps its policies") {
  // hpa-behavior-policies: cpu Utilization 65, min 2, max 10; up 4 pods or 100 % per 60 s
  // (Max); down 1 pod per 120 s (Min) after a 300 s window
  Run r = run("hpa-behavior-policies.yaml", "diurnal:20..300@24h,noise:1", 50, 60);
  CHECK(r.ticks.front().replicas == 2);
  CHECK(r.summary.peak_replicas == 10);
  CHECK(r.ticks.back().replicas == 2);
  int last_down = -1000;
  for (std::size_t i = 1; i < r.ticks.size(); ++i) {
    int change = r.ticks[i].replicas - r.ticks[i - 1].replicas;
    CHECK(r.ticks[i].replicas >= 2);
    CHECK(r.ticks[i].replicas <= 10);
    if (change < 0) {
      // Pods 1 per 120 s: one pod at a time, the next at least 120 s later (an event at t
      // leaves the period once it is not After(now - 120))
      CHECK(change == -1);
      CHECK(r.ticks[i].t - last_down >= 120);
      last_down = r.ticks[i].t;
    }
    // up: at most +4 pods or +100 % within 60 s; from 2 that is 6, never more than doubling+
    CHECK(change <= std::max(4, r.ticks[i - 1].replicas));
  }
}
