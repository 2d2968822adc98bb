// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-utilization-range"); }
} // namespace

extern const Rule k_rule_kserve_utilization_range = {
    "kserve-utilization-range",
    diag::Severity::error,
    Applies::inference_service,
    "utilization target outside 1..100",
    "KServe requires utilization targets to be integers from 1 to 100 (for the hpa class, "
    "scaleTarget above 100 is rejected for memory too).",
    "Use a percentage between 1 and 100.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: hpa\nspec:\n  predictor:\n    scaleMetric: cpu\n    "
    "scaleTarget: 150\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
