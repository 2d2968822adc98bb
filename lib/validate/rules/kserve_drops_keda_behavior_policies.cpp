// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "keda") {
      continue;
    }
    for (const auto* side :
         {&c.autoscaling.behavior.scale_up, &c.autoscaling.behavior.scale_down}) {
      if (!side->present) {
        continue;
      }
      std::vector<std::string> lost;
      if (!side->policies.empty()) {
        lost.emplace_back("policies");
      }
      if (side->select_policy) {
        lost.emplace_back("selectPolicy");
      }
      if (side->tolerance) {
        lost.emplace_back("tolerance");
      }
      if (!lost.empty()) {
        r.at(side->mark, c.autoscaling.behavior.pointer,
             fmt::format("KServe keeps only stabilizationWindowSeconds for KEDA; {} dropped; "
                         "`isvc-scale render --mode external` keeps them",
                         fmt::join(lost, ", ")));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_drops_keda_behavior_policies = {
    "kserve-drops-keda-behavior-policies",
    diag::Severity::warning,
    Applies::inference_service,
    "behavior policies with the keda class",
    "KServe copies only the two stabilization windows into the ScaledObject; policies, "
    "selectPolicy and tolerance are dropped (KServe keda_reconciler.go createKedaScaledObject).",
    "Keep only stabilization windows, or render with `isvc-scale render --mode external` (full "
    "behavior).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: cpu\n          target:\n "
    "           type: Utilization\n            averageUtilization: 50\n      behavior:\n        "
    "scaleUp:\n          policies:\n          - type: Pods\n            value: 2\n            "
    "periodSeconds: 60\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
