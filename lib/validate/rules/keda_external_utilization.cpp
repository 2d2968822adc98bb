// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    const auto* mt = t.get("metricType");
    std::string type = str(mt);
    if (resource_trigger(t)) {
      if (type != "Utilization" && type != "AverageValue") {
        r.at(mt != nullptr ? mt->mark : t.mark, trigger_ptr(i, "metricType"),
             fmt::format("unknown metric type: {}, allowed values are 'Utilization' or "
                         "'AverageValue'",
                         type));
      }
    } else if (type == "Utilization") {
      r.at(mt->mark, trigger_ptr(i, "metricType"),
           "'Utilization' metric type is unsupported for external metrics, allowed values are "
           "'Value' or 'AverageValue'");
    }
  });
}

} // namespace

extern const Rule k_rule_keda_external_utilization = {
    "keda-external-utilization",
    diag::Severity::error,
    Applies::scaled_object,
    "metricType KEDA rejects for the trigger type",
    "External-metric scalers (prometheus, graphite, external, ...) accept AverageValue or Value; "
    "cpu and memory triggers need Utilization or AverageValue and have no default since KEDA 2.18 "
    "removed metadata.type.",
    "Use Value/AverageValue on external scalers and Utilization/AverageValue on cpu/memory.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metricType: "
    "Utilization\n    metadata:\n      serverAddress: http://p:9090\n      query: sum(x)\n      "
    "threshold: \"5\"\n",
    check,
};

} // namespace isvc::validate
