// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Document& d, Reporter& r) { report_webhook(d, r, "kserve-autoscaler-class"); }
} // namespace

extern const Rule k_rule_kserve_autoscaler_class = {
    "kserve-autoscaler-class",
    diag::Severity::error,
    Applies::inference_service,
    "autoscalerClass is not one KServe accepts",
    "KServe's webhook accepts hpa, external, keda and none; anything else (kpa, an empty string, a "
    "typo) makes `kubectl apply` fail.",
    "Set serving.kserve.io/autoscalerClass to hpa, keda, external or none.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: kpa\nspec:\n  predictor:\n    model:\n      modelFormat:\n "
    "       name: sklearn\n",
    check,
};

} // namespace isvc::validate
