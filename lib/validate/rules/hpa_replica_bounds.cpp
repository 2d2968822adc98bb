// SPDX-License-Identifier: Apache-2.0
// autoscaling HPA replica bounds as the API server validates them
// (pkg/apis/autoscaling/validation validateHorizontalPodAutoscalerSpec).
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  const auto* s = spec(d);
  const auto* min_node = at(s, "minReplicas");
  const auto* max_node = at(s, "maxReplicas");
  // Quoted or non-integer values are schema-type findings; nothing to compare here.
  auto min = integer(min_node);
  auto max = integer(max_node);
  if (min && *min < 1) {
    r.at(min_node->mark, "/spec/minReplicas",
         fmt::format("spec.minReplicas: Invalid value: {}: must be greater than or equal to 1 (0 "
                     "needs the alpha HPAScaleToZero feature gate); set minReplicas >= 1, or "
                     "scale to zero with KEDA (minReplicaCount: 0)",
                     *min));
  }
  if (max && *max < 1) {
    r.at(max_node->mark, "/spec/maxReplicas",
         fmt::format("spec.maxReplicas: Invalid value: {}: must be greater than 0; set maxReplicas "
                     ">= 1 (an HPA cannot stop a workload: delete it and set the replicas instead)",
                     *max));
    return;
  }
  // The defaulter sets minReplicas to 1 before validation, so an unset minimum counts as 1.
  if (max && *max < min.value_or(1)) {
    r.at(max_node->mark, "/spec/maxReplicas",
         fmt::format("spec.maxReplicas: Invalid value: {}: must be greater than or equal to "
                     "`minReplicas` ({}); raise maxReplicas or lower minReplicas",
                     *max, min.value_or(1)));
  }
}

} // namespace

extern const Rule k_rule_hpa_replica_bounds = {
    "hpa-replica-bounds",
    diag::Severity::error,
    Applies::hpa,
    "HPA replica bounds the API server rejects",
    "The API server validates HorizontalPodAutoscalers in Go, not in the OpenAPI schema: "
    "minReplicas >= 1 (0 only with the alpha HPAScaleToZero gate), maxReplicas > 0 and "
    "maxReplicas >= minReplicas (an unset minReplicas is defaulted to 1 first). kubectl apply "
    "fails, so the workload keeps whatever replicas it had.",
    "Set 1 <= minReplicas <= maxReplicas; use KEDA for scale to zero.",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  "
    "scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: d\n  minReplicas: "
    "0\n  maxReplicas: 3\n",
    check,
};

} // namespace isvc::validate
