// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-kpa-scalemetric"); }
} // namespace

extern const Rule k_rule_kserve_kpa_scalemetric = {
    "kserve-kpa-scalemetric",
    diag::Severity::error,
    Applies::inference_service,
    "scaleMetric the Knative Pod Autoscaler does not support",
    "In Knative mode KServe accepts the KPA metrics concurrency and rps.",
    "Use scaleMetric concurrency or rps, or switch to Standard mode for cpu/memory.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Knative\nspec:\n  predictor:\n    "
    "scaleMetric: cpu\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
