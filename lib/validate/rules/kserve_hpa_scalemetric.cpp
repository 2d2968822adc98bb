// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-hpa-scalemetric"); }
} // namespace

extern const Rule k_rule_kserve_hpa_scalemetric = {
    "kserve-hpa-scalemetric",
    diag::Severity::error,
    Applies::inference_service,
    "scaleMetric other than cpu or memory with the hpa class",
    "The hpa class scales on cpu or memory only; concurrency and rps are Knative metrics.",
    "Set scaleMetric to cpu or memory, or use autoScaling.metrics.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: hpa\nspec:\n  predictor:\n    scaleMetric: rps\n    "
    "model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
