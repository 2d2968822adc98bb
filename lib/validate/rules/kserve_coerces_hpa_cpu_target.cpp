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
    if (!c.present || component_class(d, c) != "hpa") {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      const auto& t = m.resource.target;
      if (m.resource.present && m.resource.name && *m.resource.name == "cpu" && t.type &&
          *t.type != "Utilization") {
        r.at(t.type, fmt::format("KServe's HPA ignores cpu target type {} and scales on "
                                 "Utilization {}%; `isvc-scale render --mode external` keeps it",
                                 *t.type, t.average_utilization ? *t.average_utilization : 80));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_coerces_hpa_cpu_target = {
    "kserve-coerces-hpa-cpu-target",
    diag::Severity::warning,
    Applies::inference_service,
    "cpu target other than Utilization on the HPA path",
    "KServe's HPA reconciler always writes cpu Utilization (averageUtilization or 80) and ignores "
    "target.type, averageValue and value (KServe hpa_reconciler.go getHPAMetrics).",
    "Use type Utilization, or render with `isvc-scale render --mode external` to keep "
    "AverageValue.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  "
    "predictor:\n    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n     "
    "     name: cpu\n          target:\n            type: AverageValue\n            averageValue: "
    "500m\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
