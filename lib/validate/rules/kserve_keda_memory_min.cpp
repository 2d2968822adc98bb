// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-keda-memory-min"); }
} // namespace

extern const Rule k_rule_kserve_keda_memory_min = {
    "kserve-keda-memory-min",
    diag::Severity::error,
    Applies::inference_service,
    "KEDA memory AverageValue below 1Mi",
    "KServe rejects memory AverageValue targets below 1 MiB (a missing averageValue counts as 0).",
    "Set averageValue to at least 1Mi, e.g. \"1Gi\".",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: memory\n          "
    "target:\n            type: AverageValue\n            averageValue: 512Ki\n    model:\n      "
    "modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
