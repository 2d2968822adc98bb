// SPDX-License-Identifier: Apache-2.0
// An HPA's External/Pods/Object metric is only as good as the metrics adapter serving its API.
#include "validate/rules/hpa_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using keda::at;
using keda::str;

std::string message(const std::string& type, const std::string& name) {
  std::string metric = name.empty() ? std::string() : fmt::format(" \"{}\"", name);
  if (type == "External") {
    // KEDA installs APIService v1beta1.external.metrics.k8s.io pointing at its own metrics
    // server (KEDA config/metrics-server/api_service.yaml:1-17), and that server answers only
    // queries that name a ScaledObject (pkg/provider/provider.go:98-103 GetExternalMetric:
    // "scaledObject name is not specified").
    return fmt::format(
        "External metric{} is read from external.metrics.k8s.io, which a metrics adapter must "
        "serve; where KEDA runs, KEDA's APIService v1beta1.external.metrics.k8s.io owns that API "
        "and answers only for ScaledObjects, so this HPA gets no value",
        metric);
  }
  return fmt::format("{} metric{} is read from custom.metrics.k8s.io, which only a metrics "
                     "adapter (e.g. prometheus-adapter with a rule exposing it) serves; without "
                     "one the HPA cannot read it and does not scale on it",
                     type, metric);
}

void check(const Subject& d, Reporter& r) {
  if (!hpa::is_v2(d)) {
    return;
  }
  const auto* metrics = at(d.root().get("spec"), "metrics");
  if (metrics == nullptr || !metrics->is_seq()) {
    return;
  }
  for (std::size_t i = 0; i < metrics->items.size(); ++i) {
    const auto& m = metrics->items[i];
    const auto* type = m.get("type");
    std::string t = str(type);
    if (t != "External" && t != "Pods" && t != "Object") {
      continue;
    }
    std::string field = t == "External" ? "external" : t == "Pods" ? "pods" : "object";
    std::string name = str(at(at(m.get(field.c_str()), "metric"), "name"));
    r.at(type->mark, fmt::format("/spec/metrics/{}/type", i), message(t, name));
  }
}

} // namespace

extern const Rule k_rule_hpa_metrics_adapter = {
    "hpa-metrics-adapter",
    diag::Severity::note,
    Applies::hpa,
    "HPA External/Pods/Object metrics need a metrics adapter",
    "The HPA controller reads Resource metrics from metrics-server, but External metrics from "
    "the external.metrics.k8s.io API and Pods/Object metrics from custom.metrics.k8s.io, which "
    "exist only where a metrics adapter registers them (prometheus-adapter, KEDA). Only one "
    "APIService can own a group version: KEDA registers v1beta1.external.metrics.k8s.io for its "
    "own metrics server (KEDA config/metrics-server/api_service.yaml), which serves only the "
    "metrics of ScaledObjects, so on a cluster with KEDA an HPA with an External metric gets no "
    "value. Pods metrics still work there through prometheus-adapter's custom.metrics.k8s.io.",
    "Install a metrics adapter that serves the metric (prometheus-adapter for Pods metrics, or "
    "for External metrics only where KEDA does not run), or scale with a KEDA ScaledObject "
    "(isvc-scale.io/autoscaler: keda).",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  "
    "scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: d\n  "
    "maxReplicas: 3\n  metrics:\n  - type: External\n    external:\n      metric:\n        "
    "name: vllm_queue\n      target:\n        type: AverageValue\n        averageValue: \"4\"\n",
    check,
};

} // namespace isvc::validate
