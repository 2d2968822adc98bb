// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-hpa-memory-min"); }
} // namespace

extern const Rule k_rule_kserve_hpa_memory_min = {
    "kserve-hpa-memory-min",
    diag::Severity::error,
    Applies::inference_service,
    "memory scaleTarget below 1 for the hpa class",
    "KServe rejects a memory scaleTarget below 1 with the hpa class.",
    "Set scaleTarget to a utilization percentage between 1 and 100.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: hpa\nspec:\n  predictor:\n    scaleMetric: memory\n    "
    "scaleTarget: 0\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
