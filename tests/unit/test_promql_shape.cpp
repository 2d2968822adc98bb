// SPDX-License-Identifier: Apache-2.0
// What KEDA reads from a query: 0/1, a count of series, rate windows (promql/shape).
#include "promql/presets.hpp"
#include "promql/shape.hpp"

#include <doctest/doctest.h>

using namespace isvc::promql;

namespace {

Parsed q(const char* text) {
  auto p = parse(text);
  REQUIRE(p.expr);
  return p;
}

} // namespace

TEST_SUITE("promql shape") {
  TEST_CASE("seed 003's sum(rate(x[1m]) > bool 0) counts series; compared outside it does not") {
    CHECK(counts_series(*q("sum(rate(x[1m]) > bool 0)").expr) == 0U);
    CHECK(counts_series(*q("1 + count(x > bool 1)").expr) == 4U);
    CHECK_FALSE(counts_series(*q("sum(rate(x[1m])) > bool 0").expr));
    CHECK_FALSE(counts_series(*q("(sum(rate(x[1m]) > bool 0)) > bool 0").expr));
    CHECK_FALSE(counts_series(*q("sum(x > 0)").expr)); // a filter, not a count
    CHECK(is_zero_one(*q("((sum(x)) or vector(0)) > bool 1").expr));
    CHECK_FALSE(is_zero_one(*q("sum(x) > 1").expr));
  }
  TEST_CASE("render compares a counting activation query again, so it reads 0 or 1") {
    CHECK(activation_query("sum(rate(x[1m]) > bool 0)", "0") ==
          "(sum(rate(x[1m]) > bool 0)) > bool 0");
    CHECK(activation_query("sum(rate(x[1m])) > bool 0", "0") == "sum(rate(x[1m])) > bool 0");
    CHECK(activation_query("rate(x[1m])", "0.5") == "sum(rate(x[1m])) > bool 0.5");
  }
  TEST_CASE("durations and rate windows") {
    CHECK(duration_seconds("1m30s") == 90.0);
    CHECK(duration_seconds("500ms") == 0.5);
    CHECK(duration_seconds("45") == 45.0);
    CHECK_FALSE(duration_seconds("1x"));
    CHECK_FALSE(duration_seconds(""));
    auto w = rate_windows(
        *q("sum(rate(a[1m])) + increase(b{c=\"d\"}[5m]) + avg_over_time(e[10s])").expr);
    REQUIRE(w.size() == 2);
    CHECK(w[0].metric == "a");
    CHECK(w[0].seconds == 60.0);
    CHECK(w[1].range == "5m");
    CHECK(w[1].offset == 28U);
  }
  TEST_CASE("a load preset's window is at least four scrape intervals") {
    const auto* p = find_preset("vllm-token-throughput");
    REQUIRE(p != nullptr);
    PresetVars v{"ns", "m", "m-predictor", "m", "0"};
    CHECK(expand(*p, v).find("[1m]") != std::string::npos);
    v.scrape_seconds = 15;
    CHECK(expand(*p, v).find("[1m]") != std::string::npos);
    v.scrape_seconds = 30;
    CHECK(expand(*p, v).find("[120s]") != std::string::npos);
  }
}
