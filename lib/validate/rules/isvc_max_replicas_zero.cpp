// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (c.present && c.max_replicas && *c.max_replicas == 0) {
      r.at(c.max_replicas, "maxReplicas 0 does not stop the model: KServe treats it as unset and "
                           "raises it to minReplicas");
    }
  }
}

} // namespace

extern const Rule k_rule_isvc_max_replicas_zero = {
    "isvc-max-replicas-zero",
    diag::Severity::warning,
    Applies::inference_service,
    "maxReplicas 0 used as a stop switch",
    "maxReplicas 0 means 'unset' to KServe (it is raised to minReplicas), so it does not stop a "
    "model (KServe issue #6001).",
    "Use serving.kserve.io/stop: \"true\", or KEDA's autoscaling.keda.sh/paused-replicas: \"0\".",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\nspec:\n  "
    "predictor:\n    maxReplicas: 0\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
