// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

// A query whose result is a total over replicas (top-level sum): per replica is AverageValue.
bool total(const std::string& query) {
  auto parsed = promql::parse(query);
  return parsed.expr && promql::top_aggregation(*parsed.expr) == "sum";
}

void check(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "keda") {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      bool ext = m.type && *m.type == "External";
      bool pod = m.type && *m.type == "PodMetric";
      const auto& t = ext ? m.external.target : m.podmetric.target;
      if (!(ext || pod) || !t.type || *t.type != "Value") {
        continue;
      }
      if (ext && m.external.query && total(*m.external.query)) {
        // Value on a sum is itself a mistake (promql-metric-type-mismatch); KServe's
        // AverageValue happens to be the better reading, so do not steer to Value.
        r.at(t.type,
             "KServe drops target.type Value for KEDA triggers and KEDA applies "
             "AverageValue (the total divided by the replicas), which suits this sum() "
             "better than Value would; write target.type: AverageValue so the file says "
             "what runs",
             "Set target.type: AverageValue (and averageValue) for a per-replica target.");
        continue;
      }
      r.at(t.type, "KServe drops target.type Value for KEDA triggers: KEDA applies AverageValue, "
                   "so the metric is divided by the current replicas and the service settles "
                   "at metric/threshold replicas instead of holding the metric at the "
                   "threshold; `isvc-scale render --mode external` writes metricType: Value");
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
    "uses AverageValue: the HPA divides the metric by the replicas, so the threshold becomes a "
    "per-replica target instead of a level for the whole service. For a level (avg, max, a "
    "ratio) that scales wrongly; for a sum() it is what was probably meant, and the file should "
    "say AverageValue.",
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
