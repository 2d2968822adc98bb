// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  if (mode(d) != "Standard") {
    return;
  }
  for (const auto& c : d.isvc->components) {
    if (!c.present || !c.min_replicas || *c.min_replicas != 0) {
      continue;
    }
    std::string cls = component_class(d, c);
    bool hpa = d.ext != nullptr && d.ext->autoscaler ? *d.ext->autoscaler == "hpa" : cls == "hpa";
    if (hpa) {
      r.at(c.min_replicas, "minReplicas 0 with the HPA: KServe raises it to 1, the model never "
                           "scales to zero");
    }
  }
}

} // namespace

extern const Rule k_rule_isvc_scale_to_zero_hpa = {
    "isvc-scale-to-zero-hpa",
    diag::Severity::warning,
    Applies::inference_service,
    "minReplicas 0 with the HPA",
    "An HPA cannot scale to zero: KServe raises minReplicas 0 to 1 in Standard mode (KServe issue "
    "#3514), so the model keeps a replica (and a GPU) forever.",
    "Use autoscalerClass keda (with an activation source, see isvc-scale-to-zero-no-activation), "
    "or set minReplicas: 1.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  "
    "predictor:\n    minReplicas: 0\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
