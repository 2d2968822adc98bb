// SPDX-License-Identifier: Apache-2.0
#include "util/json_number.hpp"
#include "util/quantity.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "keda") {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      bool ext = m.type && *m.type == "External";
      bool pod = m.type && *m.type == "PodMetric";
      const auto& v = ext ? m.external.target.value : m.podmetric.target.value;
      if (!(ext || pod) || !v || util::is_json_number(*v)) {
        continue;
      }
      auto num = util::quantity_value(*v);
      auto& f = r.at(
          v, fmt::format("KServe copies \"{}\" verbatim into the trigger's {}, which KEDA parses "
                         "as a plain number and rejects{}",
                         *v, ext ? "threshold" : "targetValue",
                         num ? fmt::format("; write \"{}\"", *num) : std::string()));
      if (num) {
        f.edit = diag::Edit::replace(v.mark, *v, fmt::format("{}", *num));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_keda_threshold_text = {
    "kserve-keda-threshold-text",
    diag::Severity::error,
    Applies::inference_service,
    "KEDA threshold written as a Kubernetes quantity",
    "KServe's MetricQuantity accepts 500m, 2k or 1Ki, and its KEDA reconciler copies that text "
    "into "
    "threshold/targetValue; KEDA's Prometheus scaler and the otel add-on parse a plain number, so "
    "the trigger fails (`unable to set param \"threshold\"`) and nothing scales.",
    "Write the target as a plain decimal number, e.g. \"0.5\" instead of \"500m\".",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: External\n        external:\n          metric:\n"
    "            backend: prometheus\n            serverAddress: http://p:9090\n"
    "            query: avg(x{namespace=\"ml\",model_name=\"m\"})\n          target:\n"
    "            type: Value\n            value: 500m\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
