// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-keda-cpu-utilization"); }
} // namespace

extern const Rule k_rule_kserve_keda_cpu_utilization = {
    "kserve-keda-cpu-utilization",
    diag::Severity::error,
    Applies::inference_service,
    "KEDA cpu target is not Utilization",
    "KServe's webhook only accepts cpu targets of type Utilization for the keda class.",
    "Set target.type: Utilization and averageUtilization.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: cpu\n          target:\n "
    "           type: AverageValue\n            averageValue: 500m\n    model:\n      "
    "modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
