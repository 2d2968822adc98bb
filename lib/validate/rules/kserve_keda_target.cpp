// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {

// KServe v0.20.0 pkg/apis/serving/v1beta1/inference_service_validation.go:517
// (validateScaleTarget): type AverageValue needs averageValue; :609 and :622 still need `value` on
// External/PodMetric targets ("the target threshold value should not be empty"). A target written
// with `value` alone meant that number: the fix copies it to averageValue as written.
void check(const Subject& d, Reporter& r) {
  if (d.violations == nullptr) {
    return;
  }
  for (const auto& v : *d.violations) {
    if (v.check != "kserve-keda-target") {
      continue;
    }
    auto& f = r.at(v.mark, v.pointer, v.message);
    const model::Node* t = node_at(d.root(), v.pointer);
    const model::Node* type = t != nullptr ? t->get("type") : nullptr;
    const model::Node* value = t != nullptr ? t->get("value") : nullptr;
    if (type != nullptr && type->value == "AverageValue" && value != nullptr &&
        value->is_scalar() && t->get("averageValue") == nullptr) {
      f.edit = diag::Edit::copy_as(t->key_mark("value"), "averageValue");
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_keda_target = {
    "kserve-keda-target",
    diag::Severity::error,
    Applies::inference_service,
    "target type without its value",
    "validateScaleTarget: a Utilization/AverageValue/Value target must carry the matching value.",
    "Set averageUtilization, averageValue or value to match target.type (an AverageValue target "
    "with only value gets averageValue, the same text).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: Resource\n        resource:\n          name: cpu\n          target:\n "
    "           type: Utilization\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
