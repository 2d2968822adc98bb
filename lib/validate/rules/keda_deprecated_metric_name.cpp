// SPDX-License-Identifier: Apache-2.0
// metricName in prometheus/graphite trigger metadata: the v2.20 scalers have no such parameter
// (unknown keys are ignored) and name the HPA metric s<index>-<scaler> themselves.
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    std::string type = str(t.get("type"));
    // Other scalers differ: the external scaler forwards every key to its gRPC server.
    if (type != "prometheus" && type != "graphite") {
      return;
    }
    const auto* meta = t.get("metadata");
    if (meta == nullptr || !meta->is_map() || meta->get("metricName") == nullptr) {
      return;
    }
    model::Mark key = meta->key_mark("metricName");
    r.at(key, trigger_ptr(i, "metadata") + "/metricName",
         fmt::format("metricName \"{}\" is deprecated and ignored: the {} scaler selects the "
                     "metric with `query` alone and names it s{}-{} in the HPA; delete metricName",
                     str(meta->get("metricName")), type, i, type))
        .edit = diag::Edit::remove(key);
  });
}

} // namespace

extern const Rule k_rule_keda_deprecated_metric_name = {
    "keda-deprecated-metric-name",
    diag::Severity::warning,
    Applies::scaled_object,
    "metricName in prometheus/graphite trigger metadata",
    "metricName was deprecated in KEDA 2.10 and the Prometheus and Graphite scalers no longer read "
    "it: KEDA silently ignores the key (unknown metadata keys only produce an event when "
    "KEDA_CHECK_UNEXPECTED_SCALERS_PARAMS is enabled) and names the HPA metric s<index>-<scaler>. "
    "It misleads readers into thinking it selects the metric (the vLLM production-stack tutorial "
    "still sets it); only `query` does. Reported as a warning because the value silently has no "
    "effect.",
    "Delete metadata.metricName; name the trigger with triggers[].name if you need a handle.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metadata:\n      "
    "serverAddress: http://p:9090\n      metricName: queue\n      query: sum(x)\n      threshold: "
    "\"5\"\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
