// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Document& d, Reporter& r) { report_webhook(d, r, "kserve-keda-target"); }
} // namespace

extern const Rule k_rule_kserve_keda_target = {
    "kserve-keda-target",
    diag::Severity::error,
    Applies::inference_service,
    "target type without its value",
    "validateScaleTarget: a Utilization/AverageValue/Value target must carry the matching value.",
    "Set averageUtilization, averageValue or value to match target.type.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: cpu\n          target:\n "
    "           type: Utilization\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
