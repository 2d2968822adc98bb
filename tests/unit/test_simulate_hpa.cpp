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
  s.behavior = true; // spec.behavior set: the defaulted rules apply
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
  s.behavior = true;
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

TEST_CASE("simulate hpa: without spec.behavior, the legacy limit and 300 s window") {
  Scaler s; // s.behavior false: horizontal.go normalizeDesiredReplicas
  s.min = 1;
  s.max = 20;
  s.triggers = {trig("prometheus", Target::average_value, 1)};
  Hpa hpa(s, 1);
  MetricSample big{&s.triggers[0], 100, true}; // ceil(100 / 1) = 100
  // scale-up limit max(2 * 1, 4) = 4 (the behavior defaults would allow max(1 + 4, 2) = 5)
  CHECK(hpa.sync(0, 1, 1, {big}) == 4);
  // max(2 * 4, 4) = 8, then max(16, 4) = 16, then maxReplicas 20 < 32 -> 20
  CHECK(hpa.sync(15, 4, 4, {big}) == 8);
  CHECK(hpa.sync(30, 8, 8, {big}) == 16);
  CHECK(hpa.sync(45, 16, 16, {big}) == 20);
  MetricSample two{&s.triggers[0], 2, true}; // 2 / (1 * 20) = 0.1 -> ceil(2 / 1) = 2
  // t=60..345: the 100 of t=45 is not Before(now - 300) -> max 100, clamp to max 20
  CHECK(hpa.sync(60, 20, 20, {two}) == 20);
  CHECK(hpa.sync(345, 20, 20, {two}) == 20);
  // t=360: 45 is Before(60); 60..345 proposed 2 -> 2, no scale-down rate limit
  CHECK(hpa.sync(360, 20, 20, {two}) == 2);
}

TEST_CASE("simulate hpa: tolerance boundary 1.1 vs 1.1001 (float64, as upstream)") {
  Trigger u = trig("prometheus", Target::value, 2); // 2000 milli
  // 2200 / 2000 = 1.1 as float64 (1.100000000000000088...); |1 - 1.1| = 0.10000000000000009,
  // which is > 0.1 (0.1000000000000000055...): outside the tolerance, Go does the same ->
  // ceil(1.1 * 4) = ceil(4.4) = 5
  CHECK(propose(u, 2.2, 4, 4) == 5);
  // 2200.2 milli rounds to 2200: KEDA's "%.3f" quantity -> the same 5
  CHECK(propose(u, 2.2002, 4, 4) == 5);
  // 2199 / 2000 = 1.0995: |1 - 1.0995| = 0.0995 <= 0.1 -> keep 4
  CHECK(propose(u, 2.199, 4, 4) == 4);
  // 1800 / 2000 = 0.9: 1 - 0.9 = 0.09999999999999998 <= 0.1 -> keep 10
  CHECK(propose(u, 1.8, 10, 10) == 10);
  // 1799 / 2000 = 0.8995 -> ceil(0.8995 * 10) = ceil(8.995) = 9
  CHECK(propose(u, 1.799, 10, 10) == 9);
  // tolerance 0.2 (spec.behavior tolerance / the controller flag): 1.1 and 0.9 keep
  CHECK(replicas_for_metric(MetricSample{&u, 2.2, true}, 4, 4, 0.2) == 4);
  // Utilization: whole percents, 66.9 % reads as 66: 66 / 60 = 1.1 (float64 just above)
  // -> ceil(1.1 * 4) = 5; 65.9 % reads as 65: 65 / 60 = 1.0833 -> keep 4
  Trigger c = trig("cpu", Target::utilization, 60);
  CHECK(propose(c, 66.9, 4, 4) == 5);
  CHECK(propose(c, 65.9, 4, 4) == 4);
}

TEST_CASE("simulate hpa: max over metrics; an unusable metric blocks a scale-down only") {
  Scaler s;
  s.min = 1;
  s.max = 10;
  s.behavior = true;
  s.up = default_up();
  s.down = default_down();
  s.down.window = 0;
  s.triggers = {trig("prometheus", Target::average_value, 5), trig("prometheus", Target::value, 2)};
  Hpa hpa(s, 1);
  // AverageValue: 15 / (5 * 3) = 1 -> keep 3; Value: 3 / 2 = 1.5 -> ceil(1.5 * 3) = 5 -> max 5
  CHECK(hpa.sync(0, 3, 3, {{&s.triggers[0], 15, true}, {&s.triggers[1], 3, true}}) == 5);
  CHECK(hpa.last_proposal() == 5);
  // both low: 5 / 5 = 1 -> ceil(5 / 5) = 1 ... usageRatio 5 / (5 * 5) = 0.2 -> 1;
  // Value 1 / 2 = 0.5 -> ceil(0.5 * 5) = 3 -> max 3: scale down 5 -> 3
  CHECK(hpa.sync(15, 5, 5, {{&s.triggers[0], 5, true}, {&s.triggers[1], 1, true}}) == 3);
  // the Value metric fails: the other proposes ceil(5 / 5) = 1 < 3, a scale-down with an
  // invalid metric -> keep 3 (horizontal.go:339)
  CHECK(hpa.sync(30, 3, 3, {{&s.triggers[0], 5, true}, {&s.triggers[1], 0, false}}) == 3);
  CHECK(hpa.last_proposal() == -1);
  // the same failure while the other scales up: 40 / 5 = 8 > 3 -> scales (limit 3 + 4 = 7)
  CHECK(hpa.sync(45, 3, 3, {{&s.triggers[0], 40, true}, {&s.triggers[1], 0, false}}) == 7);
}

TEST_CASE("simulate hpa: a scale-up stabilization window holds the lowest recommendation") {
  Scaler s;
  s.min = 1;
  s.max = 10;
  s.behavior = true;
  s.up = default_up();
  s.up.window = 60;
  s.down = default_down();
  s.triggers = {trig("prometheus", Target::average_value, 5)};
  Hpa hpa(s, 1);
  MetricSample low{&s.triggers[0], 10, true};  // 10 / (5 * 2) = 1 -> keep 2
  MetricSample high{&s.triggers[0], 30, true}; // 30 / (5 * 2) = 3 -> ceil(30 / 5) = 6
  CHECK(hpa.sync(0, 2, 2, {low}) == 2);
  // t=15: up window (15 - 60, 15] holds 2 (t=0) -> min(2, 6) = 2, the count stays 2
  CHECK(hpa.sync(15, 2, 2, {high}) == 2);
  CHECK(hpa.sync(45, 2, 2, {high}) == 2);
  // t=60: t=0 is not After(0); window holds 6 (t=15, 30 .. not synced, 45) -> 6; limit
  // max(2 + 4, ceil(2 * 2)) = 6 -> 6
  CHECK(hpa.sync(60, 2, 2, {high}) == 6);
}

TEST_CASE("simulate hpa: scale-down selectPolicy Max, Min and Disabled through sync") {
  Scaler s;
  s.min = 1;
  s.max = 20;
  s.behavior = true;
  s.up = default_up();
  // window 0, two policies: Pods 2 / 60 s, Percent 50 / 60 s
  s.down = Rules{0, Rules::Select::max, {Policy{true, 2, 60}, Policy{false, 50, 60}}};
  s.triggers = {trig("prometheus", Target::average_value, 1)};
  MetricSample one{&s.triggers[0], 1, true}; // ceil(1 / 1) = 1
  {
    Hpa hpa(s, 1);
    // Max (the biggest change): Pods 10 - 2 = 8, Percent int(10 * 0.5) = 5 -> min(8, 5) = 5
    CHECK(hpa.sync(0, 10, 10, {one}) == 5);
    // t=15: -5 at t=0 is inside (15 - 60, 15]: start 5 + 5 = 10 -> Pods 8, Percent 5 -> 5,
    // not below the current 5: no further scale-down until t=60
    CHECK(hpa.sync(15, 5, 5, {one}) == 5);
    // t=60: t=0 is not After(0): start 5 -> Pods 3, Percent int(2.5) = 2 -> 2
    CHECK(hpa.sync(60, 5, 5, {one}) == 2);
  }
  {
    s.down.select = Rules::Select::min;
    Hpa hpa(s, 1);
    // Min (the smallest change): max(8, 5) = 8
    CHECK(hpa.sync(0, 10, 10, {one}) == 8);
  }
  {
    s.down.select = Rules::Select::disabled;
    Hpa hpa(s, 1);
    // Disabled: the limit is the current count -> never scales down
    CHECK(hpa.sync(0, 10, 10, {one}) == 10);
    CHECK(hpa.sync(600, 10, 10, {one}) == 10);
  }
}

TEST_CASE("simulate hpa: min and max clamp the stabilized, rate-limited count") {
  Scaler s;
  s.min = 3;
  s.max = 6;
  s.behavior = true;
  s.up = default_up();
  s.down = default_down();
  s.down.window = 0;
  s.triggers = {trig("prometheus", Target::average_value, 10)};
  Hpa hpa(s, 3);
  // 0 / (10 * 4) = 0 -> ceil(0 / 10) = 0; 100 % down allows int(4 * 0) = 0 -> max(min 3, 0) = 3
  CHECK(hpa.sync(0, 4, 4, {{&s.triggers[0], 0, true}}) == 3);
  // 200 / (10 * 3) = 6.67 -> ceil(20) = 20; up limit max(3 + 4, 6) = 7; max 6 -> 6
  CHECK(hpa.sync(15, 3, 3, {{&s.triggers[0], 200, true}}) == 6);
}
