// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  const auto* s = spec(d);
  auto min = integer(at(s, "minReplicas"));
  auto max = integer(at(s, "maxReplicas"));
  if (min && *min < 1) {
    r.at(at(s, "minReplicas")->mark, "/spec/minReplicas",
         "spec.minReplicas: Invalid value: must be greater than or equal to 1");
  }
  if (max && *max < 1) {
    r.at(at(s, "maxReplicas")->mark, "/spec/maxReplicas",
         "spec.maxReplicas: Invalid value: must be greater than 0");
  } else if (max && *max < min.value_or(1)) {
    r.at(at(s, "maxReplicas")->mark, "/spec/maxReplicas",
         "spec.maxReplicas: Invalid value: must be greater than or equal to `minReplicas`");
  }
}

} // namespace

extern const Rule k_rule_hpa_replica_bounds = {
    "hpa-replica-bounds",
    diag::Severity::error,
    Applies::hpa,
    "HPA replica bounds the API server rejects",
    "autoscaling/v2 validation: minReplicas >= 1 (0 only with the alpha HPAScaleToZero gate), "
    "maxReplicas > 0 and maxReplicas >= minReplicas.",
    "Set 1 <= minReplicas <= maxReplicas; use KEDA for scale to zero.",
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  "
    "scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: d\n  minReplicas: "
    "0\n  maxReplicas: 3\n",
    check,
};

} // namespace isvc::validate
