// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-keda-scalemetric"); }
} // namespace

extern const Rule k_rule_kserve_keda_scalemetric = {
    "kserve-keda-scalemetric",
    diag::Severity::error,
    Applies::inference_service,
    "scaleMetric set with the keda class",
    "KServe rejects the legacy scaleMetric field for KEDA; autoScaling.metrics carries the intent.",
    "Remove scaleMetric/scaleTarget and describe the metric in autoScaling.metrics.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    scaleMetric: cpu\n    "
    "model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
