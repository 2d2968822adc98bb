// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-name"); }
} // namespace

extern const Rule k_rule_kserve_name = {
    "kserve-name",
    diag::Severity::error,
    Applies::inference_service,
    "InferenceService name KServe rejects",
    "KServe requires DNS-1035 style names: lower case alphanumerics or '-', starting with a "
    "letter.",
    "Rename the InferenceService, e.g. my-model.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: 1model\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  predictor:\n    "
    "model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
