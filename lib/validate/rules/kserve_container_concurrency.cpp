// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-container-concurrency"); }
} // namespace

extern const Rule k_rule_kserve_container_concurrency = {
    "kserve-container-concurrency",
    diag::Severity::error,
    Applies::inference_service,
    "containerConcurrency is negative",
    "KServe rejects a negative containerConcurrency (parallelism).",
    "Set containerConcurrency to 0 (unlimited) or a positive number.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  predictor:\n    "
    "containerConcurrency: -1\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
