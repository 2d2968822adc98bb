// SPDX-License-Identifier: Apache-2.0
// isvc-scale check's pieces: the HTTP API envelope, KEDA's reading of a result and the
// replicas KEDA/the HPA ask for.
#include "check/evaluate.hpp"
#include "check/triggers.hpp"
#include "prom/client.hpp"

#include <doctest/doctest.h>

using namespace isvc;

namespace {

check::Trigger trigger(const char* type, double threshold) {
  check::Trigger t;
  t.kind = "ScaledObject";
  t.query = "q";
  t.metric_type = type;
  t.threshold = threshold;
  return t;
}

prom::QueryResult one(double v) {
  prom::QueryResult r;
  r.ok = true;
  r.series.push_back({{}, v});
  return r;
}

} // namespace

TEST_SUITE("check") {
  TEST_CASE("instant-query envelope: vector, scalar, error, garbage") {
    auto v = prom::parse_query_response(
        R"({"status":"success","data":{"resultType":"vector","result":[)"
        R"({"metric":{"model":"m"},"value":[1767225600,"2.5"]},{"metric":{},"value":[1,"NaN"]}]}})");
    REQUIRE(v.ok);
    REQUIRE(v.series.size() == 2);
    CHECK(v.series[0].labels.at("model") == "m");
    CHECK(v.series[0].value == 2.5);
    CHECK(v.series[1].value != v.series[1].value);
    auto s = prom::parse_query_response(
        R"({"status":"success","data":{"resultType":"scalar","result":[1,"3"]}})");
    REQUIRE(s.ok);
    CHECK(s.series.size() == 1);
    CHECK(s.series[0].value == 3);
    auto e = prom::parse_query_response(
        R"({"status":"error","errorType":"bad_data","error":"parse error at char 4"})");
    CHECK_FALSE(e.ok);
    CHECK(e.error == "query failed: bad_data: parse error at char 4");
    CHECK(prom::parse_query_response("<html>").error == "the answer is not JSON");
    auto bad = prom::parse_query_response(
        R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1]}]}})");
    CHECK_FALSE(bad.ok);
    CHECK(bad.series.empty());
  }

  TEST_CASE("an unreachable server is an error, not an exception") {
    prom::Endpoint ep;
    ep.url = "http://127.0.0.1:1";
    ep.timeout_seconds = 1;
    auto r = prom::instant_query(ep, "up", "");
    CHECK_FALSE(r.ok);
    CHECK(r.error.rfind("cannot reach http://127.0.0.1:1: ", 0) == 0);
    ep.url = "ftp://x";
    CHECK(prom::instant_query(ep, "up", "").error ==
          "\"ftp://x\" is not an http:// or https:// URL");
  }

  TEST_CASE("KEDA: empty is 0 with ignoreNullValues, an error without; two series fail") {
    auto t = trigger("AverageValue", 5);
    prom::QueryResult empty;
    empty.ok = true;
    auto r = check::evaluate(t, empty, 1);
    CHECK(r.rule.empty());
    CHECK(r.value == 0);
    CHECK_FALSE(r.active);
    t.ignore_null_values = false;
    CHECK(check::evaluate(t, empty, 1).rule == "check-empty-result");
    auto two = one(1);
    two.series.push_back({{}, 2});
    CHECK(check::evaluate(t, two, 1).rule == "check-multiple-series");
    prom::QueryResult down;
    down.error = "cannot reach";
    CHECK(check::evaluate(t, down, 1).rule == "check-query-failed");
  }

  TEST_CASE("an activation trigger reading 2 is a warning that keeps its value") {
    auto t = trigger("AverageValue", 1);
    t.name = "activation";
    auto r = check::evaluate(t, one(2), 0);
    CHECK(r.rule == "check-activation-not-0-1");
    CHECK(r.warning);
    CHECK(r.active);
    CHECK(check::desired_replicas({0, 4}, 0, {r}) == 1);
    CHECK(check::evaluate(t, one(1), 0).rule.empty());
  }

  TEST_CASE("activation is value > activationThreshold") {
    auto t = trigger("AverageValue", 1);
    CHECK_FALSE(check::evaluate(t, one(0), 0).active);
    CHECK(check::evaluate(t, one(1), 0).active);
    t.activation_threshold = 1;
    CHECK_FALSE(check::evaluate(t, one(1), 0).active);
  }

  TEST_CASE("HPA proposals: AverageValue ceil(v/t), Value ceil(current*v/t), 10% tolerance") {
    auto avg = trigger("AverageValue", 5);
    CHECK(check::evaluate(avg, one(27), 3).desired == 6);
    CHECK(check::evaluate(avg, one(15.5), 3).desired == 3); // ratio 1.03: within tolerance
    CHECK(check::evaluate(avg, one(0), 3).desired == 0);
    auto val = trigger("Value", 0.8);
    CHECK(check::evaluate(val, one(1.0), 3).desired == 4);  // ceil(3*1.25)
    CHECK(check::evaluate(val, one(0.84), 3).desired == 3); // ratio 1.05
    CHECK(check::evaluate(val, one(0.2), 4).desired == 1);
  }

  TEST_CASE("KEDA: to 0 when nothing is active, from 0 to max(min,1), else clamped") {
    auto t = trigger("AverageValue", 5);
    check::Bounds stz{0, 4};
    CHECK(check::desired_replicas(stz, 2, {check::evaluate(t, one(0), 2)}) == 0);
    CHECK(check::desired_replicas(stz, 0, {check::evaluate(t, one(27), 0)}) == 1);
    CHECK(check::desired_replicas(stz, 3, {check::evaluate(t, one(27), 3)}) == 4);
    check::Bounds fixed{2, 8};
    CHECK(check::desired_replicas(fixed, 2, {check::evaluate(t, one(0), 2)}) == 2);
    prom::QueryResult down;
    down.error = "x";
    CHECK(check::desired_replicas(fixed, 3, {check::evaluate(t, down, 3)}) == 3);
  }

  TEST_CASE("triggers_of reads KEDA's fields and defaults") {
    auto so = emit::Doc::parse(R"({"kind":"ScaledObject","metadata":{"name":"a","namespace":"n"},
      "spec":{"maxReplicaCount":4,"triggers":[
        {"type":"prometheus","name":"activation","metadata":{"query":"q","threshold":"1",
         "activationThreshold":"0.5","ignoreNullValues":"false"}},
        {"type":"cpu","metricType":"Utilization","metadata":{"value":"60"}}]}})");
    check::Bounds b;
    auto ts = check::triggers_of(so, b);
    CHECK(b.min_replicas == 0);
    CHECK(b.max_replicas == 4);
    REQUIRE(ts.size() == 2);
    CHECK(ts[0].query == "q");
    CHECK(ts[0].metric_type == "AverageValue");
    CHECK(ts[0].threshold == 1);
    CHECK(ts[0].activation_threshold == 0.5);
    CHECK_FALSE(ts[0].ignore_null_values);
    CHECK(ts[0].pointer == "/spec/triggers/0");
    CHECK(ts[1].query.empty());
    CHECK(ts[1].skipped == "cpu trigger, not a Prometheus query");
    CHECK(check::triggers_of(emit::Doc::parse(R"({"kind":"Pod"})"), b).empty());
  }
}
