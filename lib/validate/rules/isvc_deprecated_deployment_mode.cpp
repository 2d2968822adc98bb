// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  const auto* a = d.isvc->annotation(kserve::k_deployment_mode);
  if (a == nullptr) {
    return;
  }
  if (**a == "RawDeployment" || **a == "Serverless") {
    std::string now = **a == "RawDeployment" ? "Standard" : "Knative";
    r.at(*a, fmt::format("deploymentMode {} is the legacy name of {}", **a, now)).edit =
        diag::Edit::replace(a->mark, **a, now);
  }
}

} // namespace

extern const Rule k_rule_isvc_deprecated_deployment_mode = {
    "isvc-deprecated-deployment-mode",
    diag::Severity::note,
    Applies::inference_service,
    "legacy deployment mode name",
    "KServe renamed RawDeployment to Standard and Serverless to Knative; the defaulter still "
    "rewrites the old names.",
    "Write Standard instead of RawDeployment and Knative instead of Serverless.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: RawDeployment\nspec:\n  "
    "predictor:\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
