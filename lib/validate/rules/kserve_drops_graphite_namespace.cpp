// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    for (const auto& m : c.autoscaling.metrics) {
      const auto& x = m.external;
      if (x.present && x.backend && *x.backend == "graphite" && x.ns && !x.ns->empty()) {
        r.at(x.ns, "KServe drops namespace for graphite metrics (only prometheus triggers get it)");
      }
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_drops_graphite_namespace = {
    "kserve-drops-graphite-namespace",
    diag::Severity::warning,
    Applies::inference_service,
    "namespace on a graphite metric",
    "KServe copies external.metric.namespace only for the prometheus backend; for graphite it is "
    "silently dropped.",
    "Remove namespace from graphite metrics, or encode it in the Graphite query.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: External\n        external:\n          metric:\n            backend: "
    "graphite\n            serverAddress: http://g\n            query: q\n            namespace: "
    "ml\n          target:\n            value: \"1\"\n    model:\n      modelFormat:\n        "
    "name: sklearn\n",
    check,
};

} // namespace isvc::validate
