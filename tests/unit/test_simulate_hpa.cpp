// SPDX-License-Identifier: Apache-2.0
// HPA arithmetic against hand-computed cases (kubernetes pkg/controller/podautoscaler).
#include "simulate/hpa.hpp"

#include <doctest/doctest.h>

using namespace isvc::simulate;

namespace {

Trigger trig(const char* type, Target target, double threshold) {
  Trigger t;
  t.type = type;
  t.target = target;
  t.threshold = threshold;
  return t;
}

int propose(const Trigger& t, double v, int spec, int ready) {
  return replicas_for_metric(MetricSample{&t, v, true}, spec, ready, 0.1);
}

} // namespace

TEST_CASE("simulate hpa: external AverageValue is ceil(total / target) outside the tolerance") {
  Trigger t = trig("prometheus", Target::average_value, 5);
  // usageRatio = 23 / (5 * 2) = 2.3, |1 - 2.3| > 0.1 -> ceil(23 / 5) = ceil(4.6) = 5
  CHECK(propose(t, 23, 2, 2) == 5);
  // usageRatio = 10.5 / (5 * 2) = 1.05, |1 - 1.05| = 0.05 <= 0.1 -> keep 2
  CHECK(propose(t, 10.5, 2, 2) == 2);
  // usageRatio = 0 / 10 = 0 -> ceil(0 / 5) = 0 (min clamps later)
  CHECK(propose(t, 0, 2, 2) == 0);
}

TEST_CASE("simulate hpa: external Value scales the ready pods by the ratio") {
  Trigger t = trig("prometheus", Target::value, 2);
  // ratio = 3 / 2 = 1.5; ready pods 3 (spec 4) -> ceil(1.5 * 3) = ceil(4.5) = 5
  CHECK(propose(t, 3, 4, 3) == 5);
  // ratio = 2.1 / 2 = 1.05 inside the tolerance -> spec replicas 4
  CHECK(propose(t, 2.1, 4, 3) == 4);
  // no ready pod: ceil(1.5 * 0) = 0 (getUsageRatioReplicaCount with readyPodCount 0)
  CHECK(propose(t, 3, 2, 0) == 0);
}

TEST_CASE("simulate hpa: Utilization and not-yet-ready pods") {
  Trigger t = trig("cpu", Target::utilization, 60);
  // ratio = 90 / 60 = 1.5, 4 ready of 4 -> ceil(1.5 * 4) = 6
  CHECK(propose(t, 90, 4, 4) == 6);
  // 2 ready of 4: unready count as 0 % when scaling up: 1.5 * 2 / 4 = 0.75 < 1 flips
  // direction -> keep 4
  CHECK(propose(t, 90, 4, 2) == 4);
  Trigger u = trig("cpu", Target::utilization, 50);
  // ratio = 150 / 50 = 3, 2 ready of 3: 3 * 2 / 3 = 2 -> ceil(2 * 3) = 6
  CHECK(propose(u, 150, 3, 2) == 6);
  // ratio = 20 / 50 = 0.4 scaling down: ceil(0.4 * 3 ready) = ceil(1.2) = 2
  CHECK(propose(u, 20, 3, 3) == 2);
  // an invalid (failed) metric proposes nothing
  CHECK(replicas_for_metric(MetricSample{&u, 0, false}, 3, 3, 0.1) == -1);
}

TEST_CASE("simulate hpa: scale-up policies per period, selectPolicy Max and Min") {
  Rules up = default_up(); // Pods 4 / 15 s, Percent 100 / 15 s, Max
  // no events: Pods 3 + 4 = 7, Percent ceil(3 * 2) = 6 -> Max 7
  CHECK(scale_up_limit(3, {}, {}, up, 100) == 7);
  // +4 at t=90 is inside (100 - 15, 100]: period start 7 - 4 = 3 -> still 7
  CHECK(scale_up_limit(7, {{90, 4}}, {}, up, 100) == 7);
  // +4 at t=85 is not After(85): start 7 -> Pods 11, Percent 14 -> 14
  CHECK(scale_up_limit(7, {{85, 4}}, {}, up, 100) == 14);
  up.select = Rules::Select::min; // Min of 7 and 6
  CHECK(scale_up_limit(3, {}, {}, up, 100) == 6);
  up.select = Rules::Select::disabled;
  CHECK(scale_up_limit(3, {}, {}, up, 100) == 3);
}

TEST_CASE("simulate hpa: scale-down policies") {
  Rules down = default_down(); // Percent 100 / 15 s
  // int(5 * (1 - 1)) = 0
  CHECK(scale_down_limit(5, {}, {}, down, 100) == 0);
  Rules one{300, Rules::Select::min, {Policy{true, 1, 120}, Policy{false, 50, 60}}};
  // Min picks the smallest change: Pods 5 - 1 = 4, Percent int(5 * 0.5) = 2 -> 4
  CHECK(scale_down_limit(5, {}, {}, one, 200) == 4);
  // -1 at t=100 is inside (200 - 120, 200]: start 5 + 1 = 6 -> Pods 6 - 1 = 5; Percent's
  // 60 s period does not hold it: int(5 * 0.5) = 2 -> max(5, 2) = 5, no further scale-down
  CHECK(scale_down_limit(5, {}, {{100, 1}}, one, 200) == 5);
}

TEST_CASE("simulate hpa: the 300 s scale-down window holds the highest recommendation") {
  Scaler s;
  s.min = 1;
  s.max = 10;
  s.up = default_up();
  s.down = default_down();
  s.triggers = {trig("prometheus", Target::average_value, 5)};
  Hpa hpa(s, 1);
  MetricSample high{&s.triggers[0], 20, true}; // ceil(20 / 5) = 4
  MetricSample zero{&s.triggers[0], 0, true};  // ceil(0 / 5) = 0
  CHECK(hpa.sync(0, 4, 4, {high}) == 4);
  // t=15..285: proposal 0, but the window (t - 300, t] still holds 4 from t=0
  for (int t = 15; t <= 285; t += 15) {
    CHECK(hpa.sync(t, 4, 4, {zero}) == 4);
  }
  // t=300: t=0 is not After(0); max(0, ..., 0) = 0 -> clamp to min 1; 100 % per 15 s allows
  // int(4 * 0) = 0 -> max(min 1, 0) = 1
  CHECK(hpa.sync(300, 4, 4, {zero}) == 1);
  CHECK(hpa.last_proposal() == 0);
}

TEST_CASE("simulate hpa: scale-up is rate limited and clamped to max, 0 replicas disable it") {
  Scaler s;
  s.min = 1;
  s.max = 10;
  s.up = default_up();
  s.down = default_down();
  s.triggers = {trig("prometheus", Target::average_value, 1)};
  Hpa hpa(s, 1);
  MetricSample big{&s.triggers[0], 100, true}; // ceil(100 / 1) = 100
  // 1 -> max(1 + 4, ceil(1 * 2)) = 5
  CHECK(hpa.sync(0, 1, 1, {big}) == 5);
  // t=15: the +4 at t=0 is outside (0, 15]: max(5 + 4, 10) = 10 -> clamp max 10
  CHECK(hpa.sync(15, 5, 5, {big}) == 10);
  // spec replicas 0 (KEDA scaled to zero): the HPA leaves it alone
  CHECK(hpa.sync(30, 0, 0, {big}) == 0);
  // above max: corrected to max without metrics
  CHECK(hpa.sync(45, 12, 12, {big}) == 10);
}
