// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Document& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "keda") {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      bool ext = m.type && *m.type == "External";
      bool pod = m.type && *m.type == "PodMetric";
      const auto& t = ext ? m.external.target : m.podmetric.target;
      if ((ext || pod) && t.type && *t.type == "Value") {
        r.at(t.type, "KServe drops target.type Value for KEDA triggers: KEDA applies AverageValue, "
                     "so the threshold is divided by the replicas; `isvc-scale render --mode "
                     "external` writes metricType: Value");
      }
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_drops_external_metric_type = {
    "kserve-drops-external-metric-type",
    diag::Severity::warning,
    Applies::inference_service,
    "target.type Value on a KEDA External/PodMetric metric",
    "KServe never writes metricType on External/PodMetric triggers (KServe issue #6169), so KEDA "
    "uses AverageValue: the threshold becomes per replica, not for the whole service.",
    "Render with `isvc-scale render --mode external` (explicit metricType), or write the threshold "
    "per replica.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: External\n        external:\n          metric:\n            backend: "
    "prometheus\n            serverAddress: http://p:9090\n            query: sum(x)\n          "
    "target:\n            type: Value\n            value: \"10\"\n    model:\n      modelFormat:\n "
    "       name: sklearn\n",
    check,
};

} // namespace isvc::validate
