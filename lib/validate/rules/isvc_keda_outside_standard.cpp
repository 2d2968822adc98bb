// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  const auto* cls = class_annotation(d);
  if (cls == nullptr || **cls != "keda" || mode(d) == "Standard") {
    return;
  }
  r.at(*cls, fmt::format("autoscalerClass keda is ignored in {} mode: Knative's KPA scales this "
                         "InferenceService",
                         mode(d).empty() ? std::string("this") : mode(d)));
}

} // namespace

extern const Rule k_rule_isvc_keda_outside_standard = {
    "isvc-keda-outside-standard",
    diag::Severity::warning,
    Applies::inference_service,
    "KEDA class on a Knative InferenceService",
    "KServe's KEDA and HPA reconcilers run only in Standard mode; in Knative mode the KPA scales "
    "and autoscalerClass keda is ignored.",
    "Set serving.kserve.io/deploymentMode: Standard to scale with KEDA, or drop the keda class.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Knative\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    model:\n      "
    "modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
