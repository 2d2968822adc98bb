// SPDX-License-Identifier: Apache-2.0
#include "kserve/component_meta.hpp"
#include "util/strings.hpp"
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  if (d.violations == nullptr) {
    return;
  }
  const auto* cls = d.isvc->annotation(kserve::k_autoscaler_class);
  bool kpa = cls != nullptr && util::iequals(**cls, "kpa");
  for (const auto& v : *d.violations) {
    if (v.check != "kserve-autoscaler-class") {
      continue;
    }
    // kpa is KServe's own constant but in neither list: say where KPA does come from.
    r.at(v.mark, v.pointer, v.message,
         kpa ? "KPA is not selected with this annotation: in Knative mode it is the default (or "
               "autoscaling.knative.dev/class: kpa.autoscaling.knative.dev); in Standard mode "
               "there is no KPA, use hpa or keda."
             : std::string());
  }
}

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
