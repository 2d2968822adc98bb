// SPDX-License-Identifier: Apache-2.0
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "plan/extensions.hpp"

#include <doctest/doctest.h>
#include <memory>

namespace {

struct Parsed {
  isvc::parse::LoadedFile file;
  isvc::model::InferenceService isvc;
  isvc::diag::Sink sink;
};

// The file must outlive the model (fields point into it).
std::unique_ptr<Parsed> read_isvc(const std::string& yaml) {
  auto p = std::make_unique<Parsed>();
  p->file = isvc::parse::load_yaml("t.yaml", yaml, p->sink);
  REQUIRE(!p->file.docs.empty());
  p->isvc = isvc::parse::read_inference_service("t.yaml", p->file.docs[0], p->sink);
  return p;
}

const char* k_isvc = R"(apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m
  namespace: ml
  annotations:
    serving.kserve.io/autoscalerClass: keda
spec:
  predictor:
    minReplicas: 0
    maxReplicas: 4
    autoScaling:
      metrics:
      - type: External
        external:
          metric:
            backend: prometheus
            query: sum(x)
          authenticationRef:
            authenticationRef:
              name: auth
            authModes: bearer
          target:
            type: Value
            value: 123
      - type: PodMetric
        podmetric:
          metric:
            backend: opentelemetry
            metricNames: [a, b]
            query: a
          target:
            value: "2.5"
      behavior:
        scaleDown:
          stabilizationWindowSeconds: 120
          policies:
          - type: Pods
            value: 1
            periodSeconds: 60
  transformer:
    maxReplicas: 2
)";

} // namespace

TEST_SUITE("parse::InferenceService") {
  TEST_CASE("fields carry values, 1-based positions and JSON pointers") {
    auto p = read_isvc(k_isvc);
    CHECK(p->sink.items().empty());
    const auto& m = p->isvc;
    CHECK(*m.name == "m");
    CHECK(*m.ns == "ml");
    CHECK(m.annotation("serving.kserve.io/autoscalerClass")->value == "keda");
    const auto& pred = m.predictor();
    CHECK(pred.present);
    CHECK(*pred.min_replicas == 0);
    CHECK(pred.min_replicas.mark.line == 10);
    CHECK(pred.min_replicas.mark.col == 18);
    CHECK(pred.min_replicas.pointer == "/spec/predictor/minReplicas");
    REQUIRE(pred.autoscaling.metrics.size() == 2);
    const auto& ext = pred.autoscaling.metrics[0].external;
    CHECK(*ext.query == "sum(x)");
    CHECK(*ext.auth_name == "auth");
    CHECK(*ext.auth_modes == "bearer");
    CHECK(*ext.target.value == "123"); // a YAML integer keeps its text
    CHECK(ext.target.value.pointer ==
          "/spec/predictor/autoScaling/metrics/0/external/target/value");
    const auto& pod = pred.autoscaling.metrics[1].podmetric;
    REQUIRE(pod.metric_names.size() == 2);
    CHECK(*pod.metric_names[1] == "b");
    CHECK(*pod.target.value == "2.5");
    CHECK(*pred.autoscaling.behavior.scale_down.stabilization_window_seconds == 120);
    CHECK(*pred.autoscaling.behavior.scale_down.policies.at(0).period_seconds == 60);
    CHECK(m.components[1].present);
    CHECK(*m.components[1].max_replicas == 2);
    CHECK_FALSE(m.components[2].present);
  }
  TEST_CASE("wrong types are schema-type errors at the value") {
    auto p = read_isvc("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                       "  name: m\n  annotations:\n    a: true\nspec:\n  predictor:\n"
                       "    minReplicas: \"2\"\n    autoScaling: [1]\n");
    REQUIRE(p->sink.items().size() == 3);
    const auto& d = p->sink.items();
    CHECK(d[0].message == "annotations value of \"a\" must be a string; quote it");
    CHECK(d[0].mark.line == 6);
    CHECK(d[1].message == "minReplicas must be an integer, not \"2\"");
    CHECK(d[1].mark.col == 18);
    CHECK(d[2].message == "autoScaling must be a mapping, not a list");
    for (const auto& x : d) {
      CHECK(x.rule == "schema-type");
    }
  }
  TEST_CASE("quantities: plain 0.5 is rejected as KServe does; 500m, \"2\" and 3 are kept") {
    auto p =
        read_isvc("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                  "  name: m\nspec:\n  predictor:\n    autoScaling:\n      metrics:\n"
                  "      - type: Resource\n        resource:\n          name: cpu\n"
                  "          target:\n            averageValue: 500m\n            value: 0.5\n");
    REQUIRE(p->sink.items().size() == 1);
    CHECK(p->sink.items()[0].message.find("value must be string or integer") != std::string::npos);
    CHECK(p->sink.items()[0].mark.line == 14);
    CHECK(*p->isvc.predictor().autoscaling.metrics[0].resource.target.average_value == "500m");
  }
  TEST_CASE("extension annotations: values parsed, unknown keys suggested") {
    auto p = read_isvc(
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
        "  name: m\n  annotations:\n    isvc-scale.io/cooldown-period: \"360\"\n"
        "    isvc-scale.io/cooldownperiod: \"1\"\n    isvc-scale.io/polling-interval: 15s\n"
        "spec:\n  predictor: {}\n");
    isvc::diag::Sink sink;
    auto ext = isvc::plan::read_extensions(p->isvc, sink);
    CHECK(*ext.cooldown_period == 360);
    CHECK_FALSE(ext.polling_interval);
    REQUIRE(sink.items().size() == 2);
    CHECK(sink.items()[0].message ==
          "unknown annotation isvc-scale.io/cooldownperiod (did you mean "
          "'isvc-scale.io/cooldown-period'?)");
    CHECK(sink.items()[1].rule == "isvc-annotation-value");
    CHECK(sink.items()[1].mark.line == 8);
    CHECK(sink.items()[1].message.find("whole number of seconds >= 1") != std::string::npos);
  }
  TEST_CASE("extension annotations: the unknown-annotation caret is on the key; cooldown") {
    auto p = read_isvc("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                       "  name: m\n  annotations:\n    isvc-scale.io/cooldown: \"360\"\n"
                       "spec:\n  predictor: {}\n");
    isvc::diag::Sink sink;
    isvc::plan::read_extensions(p->isvc, sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule == "isvc-unknown-annotation");
    CHECK(sink.items()[0].message.find("did you mean 'isvc-scale.io/cooldown-period'") !=
          std::string::npos);
    CHECK(sink.items()[0].mark.line == 6);
    CHECK(sink.items()[0].mark.col == 5);
  }
  TEST_CASE("extension annotations: values render would turn into broken output are refused") {
    struct Case {
      std::string annotation;
      std::string rule;
      std::string message;
      isvc::diag::Severity severity = isvc::diag::Severity::error;
    };
    const std::vector<Case> cases = {
        {"isvc-scale.io/activation-threshold: abc", "isvc-annotation-value",
         "must be a non-negative number"},
        {"isvc-scale.io/activation-threshold: \"-1\"", "isvc-annotation-value",
         "must be a non-negative number"},
        {"isvc-scale.io/polling-interval: \"0\"", "isvc-annotation-value",
         "whole number of seconds >= 1"},
        {"isvc-scale.io/fallback-replicas: x", "isvc-annotation-value",
         "whole number of replicas >= 0"},
        {"isvc-scale.io/scrape-interval: \"15\"", "isvc-annotation-value", "Prometheus duration"},
        {"isvc-scale.io/activation-query: sum(rate(x[1m]", "promql-parse-error",
         "PromQL does not parse"},
        {"isvc-scale.io/fallback-replicas: \"9\"", "isvc-annotation-value",
         "exceeds maxReplicas (4)", isvc::diag::Severity::warning},
        {"isvc-scale.io/activation-preset: istio\n    isvc-scale.io/activation-query: "
         "sum(rate(istio_requests_total[1m]))",
         "isvc-annotation-value", "both set"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.annotation);
      auto p = read_isvc("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                         "metadata:\n  name: m\n  annotations:\n    " +
                         c.annotation + "\nspec:\n  predictor:\n    maxReplicas: 4\n");
      isvc::diag::Sink sink;
      isvc::plan::read_extensions(p->isvc, sink);
      REQUIRE(sink.items().size() == 1);
      CHECK(sink.items()[0].rule == c.rule);
      CHECK(sink.items()[0].severity == c.severity);
      CHECK(sink.items()[0].mark.line >= 6);
      CHECK(sink.items()[0].message.find(c.message) != std::string::npos);
    }
    // What stays allowed: cooldown 0 (CRD minimum 0), 0.5 thresholds, 1m30s intervals.
    auto ok = read_isvc("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                        "metadata:\n  name: m\n  annotations:\n"
                        "    isvc-scale.io/cooldown-period: \"0\"\n"
                        "    isvc-scale.io/activation-threshold: \"0.5\"\n"
                        "    isvc-scale.io/scrape-interval: 1m30s\n"
                        "spec:\n  predictor: {}\n");
    isvc::diag::Sink sink;
    auto ext = isvc::plan::read_extensions(ok->isvc, sink);
    CHECK(sink.items().empty());
    CHECK(*ext.cooldown_period == 0);
  }
}
