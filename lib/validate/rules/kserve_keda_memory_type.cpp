// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-keda-memory-type"); }
} // namespace

extern const Rule k_rule_kserve_keda_memory_type = {
    "kserve-keda-memory-type",
    diag::Severity::error,
    Applies::inference_service,
    "KEDA memory target is neither AverageValue nor Utilization",
    "KServe's webhook needs an explicit memory target type for the keda class.",
    "Set target.type to AverageValue or Utilization.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: memory\n          "
    "target:\n            type: Value\n            value: 1Gi\n    model:\n      modelFormat:\n    "
    "    name: sklearn\n",
    check,
};

} // namespace isvc::validate
