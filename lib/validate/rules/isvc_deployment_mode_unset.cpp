// SPDX-License-Identifier: Apache-2.0
#include "util/strings.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

// Annotations whose effect depends on the mode (KServe's autoscaler and Knative keys, and
// isvc-scale's own, which render only in Standard mode).
bool mode_dependent_key(std::string_view key) {
  return key == kserve::k_autoscaler_class || util::starts_with(key, "autoscaling.knative.dev/") ||
         util::starts_with(key, "isvc-scale.io/");
}

bool mode_dependent_keys(const model::StringMap& annotations) {
  return std::any_of(annotations.begin(), annotations.end(),
                     [](const auto& kv) { return mode_dependent_key(kv.first); });
}

// The mode changes the outcome only where the file states some autoscaling intent: replica
// bounds, a target or metric, autoScaling, containerConcurrency, or a mode-dependent
// annotation. A file that only deploys a model gets the cluster's defaults either way, and
// flagging every such file drowns the findings that matter.
bool states_autoscaling(const model::InferenceService& isvc) {
  if (mode_dependent_keys(isvc.annotations)) {
    return true;
  }
  return std::any_of(isvc.components.begin(), isvc.components.end(), [](const auto& c) {
    return c.present &&
           (c.min_replicas || c.max_replicas || c.scale_target || c.scale_metric ||
            c.container_concurrency || c.autoscaling.present || mode_dependent_keys(c.annotations));
  });
}

void check(const Subject& d, Reporter& r) {
  if (d.isvc->annotation(kserve::k_deployment_mode) != nullptr || !states_autoscaling(*d.isvc)) {
    return;
  }
  const auto& meta = d.isvc->name.node != nullptr ? d.isvc->name.mark : d.isvc->mark;
  r.at(meta, "/metadata/annotations",
       fmt::format("no serving.kserve.io/deploymentMode: the cluster default decides ({} with {}); "
                   "autoscaling differs between clusters, and `isvc-scale render` follows the "
                   "same default (it renders only for Standard)",
                   d.config.default_deployment_mode.empty() ? std::string("empty")
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
    "on another. Reported only where the file states autoscaling intent (replica bounds, "
    "scaleTarget/scaleMetric, autoScaling, containerConcurrency, or an autoscalerClass, "
    "autoscaling.knative.dev/ or isvc-scale.io/ annotation): a file that only deploys a model "
    "gets the cluster's defaults either way.",
    "Set serving.kserve.io/deploymentMode: Standard (or Knative) explicitly.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  "
    "predictor:\n    minReplicas: 2\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
