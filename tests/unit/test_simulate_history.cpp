// SPDX-License-Identifier: Apache-2.0
// --prometheus: the range-query envelope, the API's time forms, and how a history becomes
// metric replay (kedacore/keda pkg/scalers/prometheus_scaler.go ExecutePromQuery).
#include "prom/client.hpp"
#include "simulate/history.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace isvc;
using namespace isvc::simulate;

namespace {

prom::RangeSeries series(std::vector<std::pair<double, double>> points) {
  prom::RangeSeries s;
  for (auto [t, v] : points) {
    s.points.push_back({t, v});
  }
  return s;
}

Scaler two_triggers() {
  Scaler s;
  s.keda = true;
  s.polling = 15;
  s.triggers.resize(2);
  s.triggers[0].type = "prometheus";
  s.triggers[0].query = "sum(vllm:num_requests_waiting{namespace=\"default\"})";
  s.triggers[1].type = "prometheus";
  s.triggers[1].name = "activation";
  return s;
}

} // namespace

TEST_CASE("range-query envelope: matrix, error, wrong type") {
  auto r = prom::parse_range_response(
      R"({"status":"success","data":{"resultType":"matrix","result":[)"
      R"({"metric":{"pod":"a"},"values":[[100,"1"],[115,"2.5"],[130,"NaN"]]}]}})");
  REQUIRE(r.ok);
  REQUIRE(r.series.size() == 1);
  CHECK(r.series[0].labels.at("pod") == "a");
  REQUIRE(r.series[0].points.size() == 3);
  CHECK(r.series[0].points[1].t == 115);
  CHECK(r.series[0].points[1].value == 2.5);
  CHECK(std::isnan(r.series[0].points[2].value));
  auto e = prom::parse_range_response(
      R"({"status":"error","errorType":"bad_data","error":"exceeded maximum resolution"})");
  CHECK_FALSE(e.ok);
  CHECK(e.error == "query failed: bad_data: exceeded maximum resolution");
  auto v = prom::parse_range_response(
      R"({"status":"success","data":{"resultType":"vector","result":[]}})");
  CHECK(v.error == "unexpected result (resultType \"vector\")");
}

TEST_CASE("the API's time forms: Unix seconds and RFC 3339") {
  double t = 0;
  CHECK(prom::parse_time("1767312000", t));
  CHECK(t == 1767312000);
  CHECK(prom::parse_time("2026-01-02T00:00:00Z", t));
  CHECK(t == 1767312000); // 2026-01-01 is 1767225600, plus one day
  CHECK(prom::parse_time("2026-01-02T01:30:00.5+01:00", t));
  CHECK(t == 1767312000 + 1800 + 0.5);
  CHECK_FALSE(prom::parse_time("2026-01-02", t));
  CHECK_FALSE(prom::parse_time("2026-01-02T00:00:00", t)); // no zone
  CHECK_FALSE(prom::parse_time("yesterday", t));
}

TEST_CASE("history: gaps read as 0 (ignoreNullValues) or errors; two series fail the poll") {
  Scaler s = two_triggers();
  s.triggers[1].ignore_null = false;
  HistoryRange range{1000, 1060, 15}; // steps 1000, 1015, 1030, 1045, 1060 -> t 0..60
  prom::RangeResult load{true, "", {series({{1000, 3}, {1015, 4}, {1060, 5}})}};
  prom::RangeResult act{true, "", {series({{1000, 1}, {1015, 1}}), series({{1015, 1}})}};
  Trace tr;
  std::vector<Finding> findings;
  std::string error;
  REQUIRE(trace_from_history(s, {load, act}, range, tr, findings, error));
  CHECK(tr.columns == std::vector<std::string>{"0", "1"});
  CHECK(tr.t == std::vector<int>{0, 15, 30, 45, 60});
  // trigger 0: 1030 and 1045 have no sample -> 0 (ignoreNullValues defaults to true)
  CHECK(tr.at(0, 0) == 3);
  CHECK(tr.at(0, 30) == 0);
  CHECK(tr.at(0, 45) == 0);
  CHECK(tr.at(0, 60) == 5);
  // trigger 1: 1015 has two series -> error; 1030.. empty with ignoreNullValues false -> error
  CHECK(tr.at(1, 0) == 1);
  CHECK(std::isnan(tr.at(1, 15)));
  CHECK(std::isnan(tr.at(1, 60)));
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].id == "history-gap");
  CHECK(findings[0].message ==
        "trigger 0 (vllm:num_requests_waiting) had no value at 2 of 5 steps (longest from t=30 "
        "to t=45 s); KEDA reads an empty result as 0 because ignoreNullValues is true "
        "(pkg/scalers/prometheus_scaler.go:267-272), and so does the replay");
  CHECK(findings[1].id == "history-gap");
  CHECK(findings[1].message.find("at 3 of 5 steps (longest from t=30 to t=60 s); KEDA reads an "
                                 "empty result as a failed query (fallback applies)") !=
        std::string::npos);
  CHECK(findings[2].id == "history-multiple-series");
  CHECK(findings[2].message.find("trigger 1 (activation) returned up to 2 series at 1 of 5 "
                                 "steps (first at t=15 s)") == 0);
}

TEST_CASE("history: NaN is a gap; a step coarser than pollingInterval is a finding") {
  Scaler s = two_triggers();
  s.triggers.pop_back();
  HistoryRange range{0, 120, 60};
  prom::RangeResult r{true, "", {series({{0, 2}, {60, std::nan("")}, {120, 1}})}};
  Trace tr;
  std::vector<Finding> findings;
  std::string error;
  REQUIRE(trace_from_history(s, {r}, range, tr, findings, error));
  CHECK(tr.at(0, 60) == 0); // prometheus_scaler.go:298-301: NaN with ignoreNullValues -> 0
  REQUIRE(findings.size() == 2);
  CHECK(findings[1].id == "history-step");
  CHECK(findings[1].message ==
        "--step 60 s is coarser than pollingInterval 15 s: each sample is held for 60 s, so "
        "the replay misses what happened between samples; use --step 15 or less");
  prom::RangeResult failed;
  failed.error = "cannot reach http://127.0.0.1:1: Connection";
  CHECK_FALSE(trace_from_history(s, {failed}, range, tr, findings, error));
  CHECK(error == "trigger 0 (vllm:num_requests_waiting): cannot reach http://127.0.0.1:1: "
                 "Connection");
}

TEST_CASE("range_query: an unreachable server is an error, not an exception") {
  prom::Endpoint ep;
  ep.url = "http://127.0.0.1:1";
  ep.timeout_seconds = 1;
  auto r = prom::range_query(ep, "up", 0, 60, 15);
  CHECK_FALSE(r.ok);
  CHECK(r.error.rfind("cannot reach http://127.0.0.1:1: ", 0) == 0);
  ep.url = "ftp://x";
  CHECK(prom::range_query(ep, "up", 0, 60, 15).error ==
        "\"ftp://x\" is not an http:// or https:// URL");
}
