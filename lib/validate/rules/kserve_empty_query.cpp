// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-empty-query"); }
} // namespace

extern const Rule k_rule_kserve_empty_query = {
    "kserve-empty-query",
    diag::Severity::error,
    Applies::inference_service,
    "External or PodMetric metric has an empty query",
    "KServe's webhook rejects KEDA External/PodMetric metrics without a query.",
    "Set the metric's query.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: External\n        external:\n          metric:\n            backend: "
    "prometheus\n            serverAddress: http://prometheus:9090\n          target:\n            "
    "type: Value\n            value: \"2\"\n    model:\n      modelFormat:\n        name: "
    "sklearn\n",
    check,
};

} // namespace isvc::validate
