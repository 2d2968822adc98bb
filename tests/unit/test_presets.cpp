// SPDX-License-Identifier: Apache-2.0
// Every preset in templates/presets renders a query that returns one series
// and is scoped to the InferenceService it is rendered for.
#include "plan/llm_d.hpp"
#include "promql/analyze.hpp"
#include "promql/presets.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <regex>
#include <set>

using namespace isvc::promql;

namespace {

// The labels each metric really has, read from its exporter's source (not
// from the presets): a preset matching on any other label matches nothing.
// namespace is added by the Prometheus scrape target for every metric.
const std::map<std::string, std::set<std::string>>& k_metric_labels() {
  static const std::map<std::string, std::set<std::string>> m = {
      // production-stack src/vllm_router/services/metrics_service/__init__.py: Counter(...,
      // ["model"])
      {"vllm:num_incoming_requests_total", {"namespace", "model"}},
      // Istio standard metrics
      {"istio_requests_total",
       {"destination_service_namespace", "destination_service_name", "destination_workload",
        "destination_workload_namespace", "reporter", "response_code", "source_workload"}},
      // Envoy cluster stats, tagged with the cluster name
      {"envoy_cluster_upstream_rq_total", {"envoy_cluster_name", "namespace"}},
      {"envoy_cluster_upstream_cx_none_healthy", {"envoy_cluster_name", "namespace"}},
      // llm-d EPP flow-control metrics
      {"llm_d_epp_flow_control_queue_size",
       {"namespace", "fairness_id", "priority", "outcome", "inference_pool", "model_name",
        "target_model_name"}},
      // vLLM engine metrics carry model_name and engine (vllm/v1/metrics/loggers.py:168);
      // pod is the PodMonitor target's (prometheus-operator pkg/prometheus/promcfg.go:1611)
      {"vllm:kv_cache_usage_perc", {"namespace", "pod", "model_name", "engine"}},
      {"vllm:num_requests_waiting", {"namespace", "pod", "model_name", "engine"}},
      {"vllm:num_requests_running", {"namespace", "pod", "model_name", "engine"}},
      {"vllm:generation_tokens_total", {"namespace", "pod", "model_name", "engine"}},
      {"vllm:time_to_first_token_seconds_bucket",
       {"namespace", "pod", "model_name", "engine", "le"}},
  };
  return m;
}

// Label values the series of InferenceService llama (team-a) carry, and those
// of a sibling whose name starts the same (llama-70b), which must not match.
struct Values {
  std::vector<std::string> own;
  std::vector<std::string> sibling;
};
const std::map<std::string, Values>& k_label_values() {
  static const std::map<std::string, Values> m = {
      {"namespace", {{"team-a"}, {"team-b"}}},
      {"destination_service_namespace", {{"team-a"}, {"team-b"}}},
      {"destination_service_name",
       {{"llama-predictor", "llama-predictor-00001", "llama-predictor-private"},
        {"llama-70b-predictor", "llama-70b", "llama"}}},
      {"envoy_cluster_name",
       {{"httproute/team-a/llama/rule/0"},
        {"httproute/team-a/llama-70b/rule/0", "httproute/team-b/llama/rule/0"}}},
      {"inference_pool", {{"llama"}, {"llama-70b", "llama-70b-pool"}}},
      {"model_name", {{"meta-llama/Llama-3.1-8B"}, {"meta-llama/Llama-3.1-70B"}}},
      {"model", {{"meta-llama/Llama-3.1-8B"}, {"meta-llama/Llama-3.1-70B"}}},
      // Pods of Deployment llama-predictor; not those of llama-70b-predictor.
      {"pod",
       {{"llama-predictor-7c9d8f6b5-x2k4p"}, {"llama-70b-predictor-5f4d-abcde", "llama-abc"}}},
  };
  return m;
}

// PromQL matchers are fully anchored; std::regex_match is too (RE2 and
// ECMAScript agree on the constructs the presets use).
bool matches(const Matcher& m, const std::string& v) {
  if (m.op == "=") {
    return v == m.value;
  }
  if (m.op == "=~") {
    return std::regex_match(v, std::regex(m.value));
  }
  return true;
}

} // namespace

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

  TEST_CASE("preset selectors use only labels their metrics have, documented in the preset") {
    PresetVars v{"team-a", "llama", "llama-predictor", "meta-llama/Llama-3.1-8B", "0"};
    PresetVars by_label = v;
    by_label.engine_model = "meta-llama/Llama-3.1-8B";
    for (const auto& p : presets()) {
      CAPTURE(p.name);
      std::set<std::string> used;
      // {{engine_match}}: model_name when the label tells services apart, pod otherwise.
      for (const auto* vars : {&v, &by_label}) {
        auto parsed = parse(expand(p, *vars));
        REQUIRE(parsed.expr);
        for (const auto* s : selectors(*parsed.expr)) {
          CAPTURE(s->name);
          auto known = k_metric_labels().find(s->name);
          REQUIRE_MESSAGE(known != k_metric_labels().end(), "metric missing from the label table");
          for (const auto& m : s->matchers) {
            CAPTURE(m.label);
            CHECK(known->second.count(m.label) == 1);
            used.insert(m.label);
          }
        }
      }
      std::set<std::string> documented(p.labels.begin(), p.labels.end());
      CHECK(used == documented);
    }
  }

  TEST_CASE("preset matchers select this InferenceService and not a sibling named alike") {
    PresetVars v{"team-a", "llama", "llama-predictor", "meta-llama/Llama-3.1-8B", "0"};
    PresetVars by_label = v;
    by_label.engine_model = "meta-llama/Llama-3.1-8B";
    // No structured bindings: clang 14 cannot capture them in CAPTURE's lambda.
    for (const auto& pv : [&] {
           std::vector<std::pair<const Preset*, const PresetVars*>> out;
           for (const auto& p : presets()) {
             out.emplace_back(&p, &v);
             out.emplace_back(&p, &by_label);
           }
           return out;
         }()) {
      const Preset* p = pv.first;
      const PresetVars* vars = pv.second;
      CAPTURE(p->name);
      auto parsed = parse(expand(*p, *vars));
      REQUIRE(parsed.expr);
      for (const auto* s : selectors(*parsed.expr)) {
        for (const auto& m : s->matchers) {
          CAPTURE(m.label);
          CAPTURE(m.value);
          auto values = k_label_values().find(m.label);
          REQUIRE_MESSAGE(values != k_label_values().end(), "no sample values for this label");
          for (const auto& own : values->second.own) {
            CAPTURE(own);
            CHECK(matches(m, own));
          }
          for (const auto& sibling : values->second.sibling) {
            CAPTURE(sibling);
            CHECK_FALSE(matches(m, sibling));
          }
        }
      }
    }
  }

  TEST_CASE("llm-d-epp is not an activation source: the EPP is silent without a ready backend") {
    const auto* p = find_preset("llm-d-epp");
    REQUIRE(p != nullptr);
    CHECK(p->role == "load");
    CHECK(p->notes.find("flowControl") != std::string::npos);
    CHECK(p->notes.find("cannot wake") != std::string::npos);
  }

  TEST_CASE("values are escaped for PromQL strings") {
    PresetVars v{"ns", "m", "m-predictor", "api", "0"};
    v.engine_model = "we\"ird\\name";
    std::string q = expand(*find_preset("vllm-queue-depth"), v);
    CHECK(q == "sum(vllm:num_requests_waiting{namespace=\"ns\",model_name=\"we\\\"ird\\\\name\"})");
    CHECK(parse(q).expr != nullptr);
  }

  TEST_CASE("{{engine_match}}: vLLM's model_name label, else this service's pods") {
    PresetVars v{"ml", "llama", "llama-predictor", "llama", "0"};
    const auto* p = find_preset("vllm-kv-cache");
    REQUIRE(p != nullptr);
    CHECK(uses_engine_match(*p));
    CHECK_FALSE(uses_engine_match(*find_preset("vllm-router")));
    CHECK(expand(*p, v) ==
          "avg(vllm:kv_cache_usage_perc{namespace=\"ml\",pod=~\"llama-predictor-.*\"})");
    v.engine_model = "meta-llama/Llama-3.1-8B";
    CHECK(expand(*p, v) ==
          "avg(vllm:kv_cache_usage_perc{namespace=\"ml\",model_name=\"meta-llama/Llama-3.1-8B\"})");
    // The router's model label is the API name, whatever vLLM labels its own series with.
    CHECK(expand(*find_preset("vllm-router"), v).find("model=\"llama\"") != std::string::npos);
  }
}

TEST_SUITE("promql::presets llm-d") {
  TEST_CASE("istio matches KServe's Service and the InferencePool's shadow Service only") {
    // istio pilot/pkg/config/kube/gateway/inferencepool_collection.go:487-510: the shadow
    // Service is <pool>-ip-<first 8 hex of sha256(pool)>; sha256("llama") starts fc5a1047.
    const auto* p = find_preset("istio");
    REQUIRE(p != nullptr);
    std::string q = expand(*p, PresetVars{"team-c", "llama", "llama-predictor", "m", "0"});
    const std::string key = "destination_service_name=~\"";
    auto at = q.find(key);
    REQUIRE(at != std::string::npos);
    std::string re = q.substr(at + key.size(), q.find('"', at + key.size()) - at - key.size());
    CHECK(re == "llama-predictor(-.*)?|llama-ip-[0-9a-f]{8}");
    std::regex anchored("^(?:" + re + ")$"); // Prometheus anchors label regexes
    for (const char* yes : {"llama-predictor", "llama-predictor-00001", "llama-ip-fc5a1047"}) {
      CHECK_MESSAGE(std::regex_match(yes, anchored), yes);
    }
    for (const char* no : {"llama-70b-predictor", "llama-70b-ip-0123abcd", "other-ip-fc5a1047",
                           "llama-ip-fc5a104", "llama"}) {
      CHECK_FALSE_MESSAGE(std::regex_match(no, anchored), no);
    }
  }
  TEST_CASE("llm-d-version: from v0.9.0 the EPP queue is an activation source") {
    using isvc::plan::llm_d_version;
    CHECK(llm_d_version("v0.9.0") == std::make_pair(0, 9));
    CHECK(llm_d_version("0.10") == std::make_pair(0, 10));
    CHECK(llm_d_version("v0.9.0-rc.1") == std::make_pair(0, 9));
    CHECK_FALSE(llm_d_version("latest"));
    CHECK_FALSE(llm_d_version("v0"));
    CHECK(llm_d_version("v0.9-rc") == std::make_pair(0, 9));
    CHECK(llm_d_version("v1234.5678.9999") == std::make_pair(1234, 5678));
    for (const char* no : {"", "v", "vv0.9", "v.9.0", "v0.", "v0.9.", "v0.9.0.1", "v0.9.0-",
                           "v0.9.0-rc!1", "v12345.0", "v0.12345", "v0.9.12345", " v0.9", "v0.9 "}) {
      CHECK_FALSE_MESSAGE(llm_d_version(no), no);
    }
    // A 200 KB pre-release suffix: read in one pass (std::regex overflowed the stack here).
    CHECK(llm_d_version("v0.9.0-" + std::string(200000, 'a')) == std::make_pair(0, 9));
    CHECK_FALSE(llm_d_version("v0.9.0-" + std::string(200000, 'a') + "!"));
    for (const auto& vw : std::vector<std::pair<std::string, bool>>{
             {"v0.8.1", false}, {"v0.9.0", true}, {"v0.10.0", true}, {"v1.0.0", true}}) {
      const std::string& v = vw.first; // not a structured binding: clang 14 cannot capture one
      bool wakes = vw.second;
      isvc::model::Extensions ext;
      ext.llm_d_version.value = v;
      ext.llm_d_version.set = true;
      CHECK_MESSAGE(isvc::plan::epp_queues_at_zero(ext) == wakes, v);
    }
    auto q = parse("sum(llm_d_epp_flow_control_queue_size{namespace=\"ml\"})");
    REQUIRE(q.expr);
    CHECK(reads_only_pod_metrics(*q.expr));
    CHECK_FALSE(reads_only_pod_metrics(*q.expr, true));
    auto other = parse("sum(llm_d_epp_flow_control_queue_bytes{namespace=\"ml\"})");
    CHECK(reads_only_pod_metrics(*other.expr, true)); // only the queue size counts requests
  }
  TEST_CASE("inference_pool=<isvc> scopes a query to the Deployment <isvc>-predictor") {
    auto q =
        parse("sum(llm_d_epp_flow_control_queue_size{namespace=\"ml\",inference_pool=\"llama\"})");
    REQUIRE(q.expr);
    CHECK(is_scoped(*q.expr, "ml", "llama-predictor", ""));
    CHECK_FALSE(is_scoped(*q.expr, "ml", "llama-70b-predictor", ""));
    CHECK_FALSE(is_scoped(*q.expr, "other", "llama-predictor", ""));
  }
}
