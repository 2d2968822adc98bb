// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  if (mode(d) != "Standard") {
    return;
  }
  for (const auto& c : d.isvc->components) {
    if (c.present && c.autoscaling.behavior.present && component_class(d, c) == "hpa") {
      r.at(c.autoscaling.behavior.mark, c.autoscaling.behavior.pointer,
           "KServe's HPA ignores autoScaling.behavior (it writes behavior: {}); `isvc-scale "
           "render --mode external` keeps it");
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_ignores_hpa_behavior = {
    "kserve-ignores-hpa-behavior",
    diag::Severity::warning,
    Applies::inference_service,
    "behavior on the HPA path",
    "KServe's HPA reconciler always writes behavior: {} and ignores autoScaling.behavior and the "
    "ConfigMap windows (KServe issue #6246).",
    "Render with `isvc-scale render --mode external`, which keeps the whole behavior, or drop it.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: hpa\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: cpu\n          target:\n "
    "           type: Utilization\n            averageUtilization: 50\n      behavior:\n        "
    "scaleDown:\n          stabilizationWindowSeconds: 600\n    model:\n      modelFormat:\n       "
    " name: sklearn\n",
    check,
};

} // namespace isvc::validate
