// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    const auto* meta = t.get("metadata");
    if (meta != nullptr && meta->is_map() && meta->get("metricName") != nullptr) {
      r.at(meta->key_mark("metricName"), trigger_ptr(i, "metadata") + "/metricName",
           fmt::format("metricName \"{}\" is deprecated and ignored: KEDA names the metric "
                       "s{}-{} itself",
                       str(meta->get("metricName")), i, str(t.get("type"))));
    }
  });
}

} // namespace

extern const Rule k_rule_keda_deprecated_metric_name = {
    "keda-deprecated-metric-name",
    diag::Severity::warning,
    Applies::scaled_object,
    "metricName in trigger metadata",
    "KEDA generates the HPA metric name itself (s<index>-<scaler>); metricName is deprecated for "
    "the Prometheus and Graphite scalers and ignored, so it only misleads readers (the "
    "production-stack tutorial still sets it).",
    "Delete metadata.metricName; name the trigger with triggers[].name if you need a handle.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metadata:\n      "
    "serverAddress: http://p:9090\n      metricName: queue\n      query: sum(x)\n      threshold: "
    "\"5\"\n",
    check,
};

} // namespace isvc::validate
