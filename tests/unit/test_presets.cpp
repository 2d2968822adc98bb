// SPDX-License-Identifier: Apache-2.0
// Every preset in templates/presets renders a query that returns one series
// and is scoped to the InferenceService it is rendered for.
#include "promql/analyze.hpp"
#include "promql/presets.hpp"

#include <doctest/doctest.h>

using namespace isvc::promql;

TEST_SUITE("promql::presets") {
  TEST_CASE("the expected presets exist, with roles and metric types") {
    std::vector<std::string> names;
    for (const auto& p : presets()) {
      names.push_back(p.name);
      CAPTURE(p.name);
      CHECK((p.role == "activation" || p.role == "load"));
      CHECK((p.metric_type == "Value" || p.metric_type == "AverageValue"));
      CHECK_FALSE(p.threshold.empty());
      CHECK_FALSE(p.summary.empty());
      CHECK_FALSE(p.notes.empty());
    }
    CHECK(names == std::vector<std::string>{"envoy-gateway", "istio", "llm-d-epp", "vllm-kv-cache",
                                            "vllm-queue-depth", "vllm-router",
                                            "vllm-running-requests", "vllm-token-throughput",
                                            "vllm-ttft-p95"});
    CHECK(find_preset("vllm-kv-cache")->metric_type == "Value");
    CHECK(find_preset("vllm-ttft-p95")->metric_type == "Value");
    CHECK(find_preset("vllm-queue-depth")->metric_type == "AverageValue");
  }

  TEST_CASE("every preset renders one series, scoped to this InferenceService") {
    PresetVars v{"team-a", "llama", "llama-predictor", "meta-llama/Llama-3.1-8B", "0"};
    for (const auto& p : presets()) {
      CAPTURE(p.name);
      std::string q = expand(p, v);
      CAPTURE(q);
      CHECK(q.find("{{") == std::string::npos);
      auto parsed = parse(q);
      REQUIRE_MESSAGE(parsed.expr, (parsed.error ? parsed.error->message : std::string()));
      CHECK(returns_single_series(*parsed.expr));
      CHECK(is_scoped(*parsed.expr, "team-a", "llama", v.model));
      // Scoped means: not scoped to another namespace, service or model.
      CHECK_FALSE(is_scoped(*parsed.expr, "team-b", "llama", v.model));
      CHECK_FALSE(is_scoped(*parsed.expr, "team-a", "mistral", "mistral-7b"));
      if (p.role == "activation") {
        CHECK_FALSE(is_latency_quantile(*parsed.expr));
        CHECK(q.find("> bool 0") != std::string::npos);
      }
    }
  }

  TEST_CASE("values are escaped for PromQL strings") {
    PresetVars v{"ns", "m", "m-predictor", "we\"ird\\name", "0"};
    std::string q = expand(*find_preset("vllm-queue-depth"), v);
    CHECK(q == "sum(vllm:num_requests_waiting{namespace=\"ns\",model_name=\"we\\\"ird\\\\name\"})");
    CHECK(parse(q).expr != nullptr);
  }
}
