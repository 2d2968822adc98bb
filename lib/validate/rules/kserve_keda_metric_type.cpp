// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-keda-metric-type"); }
} // namespace

extern const Rule k_rule_kserve_keda_metric_type = {
    "kserve-keda-metric-type",
    diag::Severity::error,
    Applies::inference_service,
    "unknown KEDA metric type",
    "KServe knows Resource, External and PodMetric metrics only.",
    "Set type to Resource, External or PodMetric.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Pods\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
