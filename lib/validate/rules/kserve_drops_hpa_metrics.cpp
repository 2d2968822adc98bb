// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  if (mode(d) != "Standard" || class_annotation(d) != nullptr) {
    return; // an explicit hpa class is rejected by the webhook (kserve-hpa-metric-type)
  }
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "hpa") {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      if (m.type && (*m.type == "External" || *m.type == "PodMetric")) {
        r.at(m.type, fmt::format("KServe's HPA drops {} metrics: with no autoscalerClass this "
                                 "metric is silently ignored",
                                 *m.type));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_drops_hpa_metrics = {
    "kserve-drops-hpa-metrics",
    diag::Severity::warning,
    Applies::inference_service,
    "External/PodMetric metrics on the default HPA path",
    "With no autoscalerClass the webhook validates nothing and KServe's HPA reconciler skips every "
    "metric without a resource block: External and PodMetric metrics silently vanish.",
    "Set autoscalerClass keda, or render with `isvc-scale render --mode external` (External/Pods "
    "HPA metrics).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  "
    "predictor:\n    autoScaling:\n      metrics:\n      - type: External\n        external:\n     "
    "     metric:\n            backend: prometheus\n            serverAddress: http://p:9090\n     "
    "       query: sum(x)\n          target:\n            value: \"1\"\n    model:\n      "
    "modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
