// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Document& d, Reporter& r) {
  if (d.isvc->annotation(kserve::k_deployment_mode) != nullptr) {
    return;
  }
  const auto& meta = d.isvc->name.node != nullptr ? d.isvc->name.mark : d.isvc->mark;
  r.at(meta, "/metadata/annotations",
       fmt::format("no serving.kserve.io/deploymentMode: the cluster default decides ({} with {}); "
                   "autoscaling differs between clusters",
                   d.config.default_deployment_mode.empty() ? std::string("unset")
                                                            : d.config.default_deployment_mode,
                   d.config.source));
}

} // namespace

extern const Rule k_rule_isvc_deployment_mode_unset = {
    "isvc-deployment-mode-unset",
    diag::Severity::warning,
    Applies::inference_service,
    "no serving.kserve.io/deploymentMode annotation",
    "Without the annotation the cluster's inferenceservice-config default decides, and KServe "
    "ships Knative (Serverless): the same file gets KPA on one cluster and an HPA or ScaledObject "
    "on another.",
    "Set serving.kserve.io/deploymentMode: Standard (or Knative) explicitly.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  "
    "predictor:\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
