// SPDX-License-Identifier: Apache-2.0
// KServe's KEDA reconciler copies minReplicas and maxReplicas into the ScaledObject, lifting
// max only to min (plan::kserve_keda_replicas). With minReplicas 0 and maxReplicas unset or 0
// that is maxReplicaCount 0, which KEDA's ScaledObject CRD rejects (KEDA
// config/crd/bases/keda.sh_scaledobjects.yaml: maxReplicaCount minimum 1, as in
// ../crds/strict, which tests/validate_goldens.cmake applies to every rendered object).
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  if (mode(d) != "Standard") {
    return; // KServe's KEDA reconciler runs only in Standard mode
  }
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "keda") {
      continue;
    }
    if (plan::kserve_keda_replicas(c).max > 0) {
      continue;
    }
    const auto& at = c.max_replicas ? c.max_replicas : c.min_replicas;
    r.at(at, fmt::format("KServe's ScaledObject for the {} gets maxReplicaCount 0 (minReplicas 0, "
                         "maxReplicas {}): KEDA rejects a maxReplicaCount below 1, so nothing "
                         "scales it",
                         model::to_string(c.kind), c.max_replicas ? "0" : "unset"));
  }
}

} // namespace

extern const Rule k_rule_kserve_keda_max_replicas_zero = {
    "kserve-keda-max-replicas-zero",
    diag::Severity::error,
    Applies::inference_service,
    "KServe's ScaledObject would get maxReplicaCount 0",
    "With autoscalerClass keda, KServe writes minReplicas and maxReplicas into the ScaledObject "
    "and raises maxReplicas only to minReplicas. Scale to zero (minReplicas 0) without a "
    "maxReplicas therefore yields maxReplicaCount 0, which the KEDA ScaledObject CRD refuses: the "
    "InferenceService is accepted, its ScaledObject is not, and nothing scales. (`isvc-scale "
    "render --mode external` writes at least 1.)",
    "Set maxReplicas (at least 1).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    minReplicas: 0\n    "
    "autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n          name: "
    "cpu\n          target:\n            type: Utilization\n            averageUtilization: 50\n   "
    " model:\n      modelFormat:\n        name: sklearn\n",
    check,
    nullptr,
    true,
    Fixes::none,
    true, // judges KServe's own objects
};

} // namespace isvc::validate
