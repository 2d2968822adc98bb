// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) {
  report_webhook(d, r, "kserve-kpa-deployment-strategy");
}
} // namespace

extern const Rule k_rule_kserve_kpa_deployment_strategy = {
    "kserve-kpa-deployment-strategy",
    diag::Severity::error,
    Applies::inference_service,
    "deploymentStrategy on a component in Knative mode",
    "KServe's webhook rejects a component deploymentStrategy unless the InferenceService is in "
    "Standard (raw deployment) mode with the Knative Pod Autoscaler; Knative Serving rolls "
    "revisions itself.",
    "Remove deploymentStrategy, or set serving.kserve.io/deploymentMode: Standard.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Knative\nspec:\n  predictor:\n    "
    "deploymentStrategy:\n      type: Recreate\n    model:\n      modelFormat:\n        name: "
    "sklearn\n",
    check,
};

} // namespace isvc::validate
