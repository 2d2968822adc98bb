// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-canary"); }
} // namespace

extern const Rule k_rule_kserve_canary = {
    "kserve-canary",
    diag::Severity::error,
    Applies::inference_service,
    "canary predictor KServe rejects",
    "Canaries (spec.canary) run a fixed number of replicas derived from minReplicas or "
    "trafficPercent, only in Standard mode, and may not ask for more than the stable predictor; "
    "KServe's webhook rejects maxReplicas, scaleTarget, scaleMetric and autoScaling on them.",
    "Give the canary only minReplicas (at most the stable predictor's) or let trafficPercent "
    "size it.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  predictor:\n"
    "    minReplicas: 2\n    model:\n      modelFormat:\n        name: sklearn\n  canary:\n"
    "  - trafficPercent: 10\n    predictor:\n      name: v2\n      maxReplicas: 3\n"
    "      model:\n        modelFormat:\n          name: sklearn\n",
    check,
};

} // namespace isvc::validate
