// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-hpa-metric-type"); }
} // namespace

extern const Rule k_rule_kserve_hpa_metric_type = {
    "kserve-hpa-metric-type",
    diag::Severity::error,
    Applies::inference_service,
    "hpa class with a non-Resource metric",
    "With autoscalerClass hpa, KServe's webhook only accepts Resource metrics (cpu, memory); "
    "External and PodMetric need KEDA.",
    "Use autoscalerClass keda for External/PodMetric metrics, or render with `isvc-scale render "
    "--mode external`.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: hpa\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: External\n        external:\n          metric:\n            backend: "
    "prometheus\n            serverAddress: http://prometheus:9090\n            query: sum(up)\n   "
    "       target:\n            value: \"2\"\n    model:\n      modelFormat:\n        name: "
    "sklearn\n",
    check,
};

} // namespace isvc::validate
