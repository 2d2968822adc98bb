// SPDX-License-Identifier: Apache-2.0
// isvc-scale.io/ annotations KServe copies into the pod template: tuning one rolls the pods.
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace isvc::validate {
namespace {

std::string config_snippet(const std::vector<std::string>& keys) {
  std::vector<std::string> quoted;
  for (const auto& k : keys) {
    quoted.push_back(fmt::format("\"{}\"", k));
  }
  return fmt::format("{{\"serviceAnnotationDisallowedList\": [{}]}}", fmt::join(quoted, ", "));
}

void check(const Subject& d, Reporter& r) {
  const auto& p = *d.plan; // plan::resolve decided which keys KServe copies
  if (p.pod_template_extensions.empty()) {
    return;
  }
  const auto& first = *p.pod_template_extensions.front();
  r.at(first,
       fmt::format("KServe copies {} into the pods' template (its serviceAnnotationDisallowedList "
                   "in {} does not name {}): changing only an autoscaling setting there "
                   "replaces every pod, GPU model servers included",
                   fmt::join(p.pod_template_extension_keys, ", "), d.config.source,
                   p.pod_template_extension_keys.size() == 1 ? "it" : "them"),
       fmt::format("In ConfigMap inferenceservice-config (namespace kserve), set data."
                   "inferenceService to include {} (KServe appends it to its defaults and "
                   "matches exact keys), restart the KServe controller, and lint with "
                   "--kserve-config pointing at that ConfigMap.",
                   config_snippet(p.pod_template_extension_keys)));
}

} // namespace

extern const Rule k_rule_isvc_annotations_roll_pods = {
    "isvc-annotations-roll-pods",
    diag::Severity::warning,
    Applies::inference_service,
    "isvc-scale.io/ annotations are copied to the pods and roll them when changed",
    "KServe copies every InferenceService annotation, and the component's own, into the pod "
    "template of the Deployment it creates, except the keys listed in "
    "serviceAnnotationDisallowedList "
    "of ConfigMap inferenceservice-config (KServe components/predictor.go buildPredictorResources "
    "and buildObjectMeta; reconcilers/deployment/deployment_reconciler.go copies the component "
    "metadata into the template). The Deployment then rolls its pods whenever such an annotation "
    "changes, so tuning a polling interval or an activation threshold restarts every model "
    "server and reloads the weights. isvc-scale's annotations mean nothing to the pods; the "
    "list matches exact keys, so each one used has to be named. The rule reads the list from "
    "--kserve-config (KServe's defaults otherwise). serving.kserve.io/autoscalerClass cannot be "
    "listed (KServe reads the class from the same filtered annotations), so switching the class "
    "to external rolls the pods once. isvc-scale.io/autoscaler, which render writes into the "
    "InferenceService it hands over, is not reported: it changes only with the scaler kind, a "
    "one-off of the same sort (list it as well to avoid even that).",
    "List the isvc-scale.io/ keys in serviceAnnotationDisallowedList of inferenceservice-config "
    "and lint with --kserve-config.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "isvc-scale.io/polling-interval: \"15\"\nspec:\n  predictor:\n    model:\n      "
    "modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
