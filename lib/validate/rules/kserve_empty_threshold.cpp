// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-empty-threshold"); }
} // namespace

extern const Rule k_rule_kserve_empty_threshold = {
    "kserve-empty-threshold",
    diag::Severity::error,
    Applies::inference_service,
    "External or PodMetric metric has no target.value",
    "KServe's webhook requires target.value for KEDA External/PodMetric metrics, even when type is "
    "AverageValue and averageValue is set.",
    "Set target.value (KServe copies it into the trigger threshold).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: External\n        external:\n          metric:\n            backend: "
    "prometheus\n            serverAddress: http://prometheus:9090\n            query: sum(up)\n   "
    "       target:\n            type: AverageValue\n            averageValue: \"2\"\n    model:\n "
    "     modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
