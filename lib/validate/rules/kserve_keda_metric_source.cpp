// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-keda-metric-source"); }
} // namespace

extern const Rule k_rule_kserve_keda_metric_source = {
    "kserve-keda-metric-source",
    diag::Severity::error,
    Applies::inference_service,
    "metric type without its source block",
    "A metric of type Resource/External/PodMetric needs the matching resource/external/podmetric "
    "block.",
    "Add the block that matches the metric type.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: External\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
