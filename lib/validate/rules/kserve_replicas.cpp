// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-replicas"); }
} // namespace

extern const Rule k_rule_kserve_replicas = {
    "kserve-replicas",
    diag::Severity::error,
    Applies::inference_service,
    "minReplicas/maxReplicas KServe rejects",
    "KServe rejects negative replica counts and minReplicas above a non-zero maxReplicas.",
    "Keep 0 <= minReplicas <= maxReplicas (maxReplicas 0 means unset).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  predictor:\n    "
    "minReplicas: 4\n    maxReplicas: 2\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
