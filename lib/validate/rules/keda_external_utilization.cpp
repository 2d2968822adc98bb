// SPDX-License-Identifier: Apache-2.0
// triggers[].metricType per scaler: GetMetricTargetType (pkg/scalers/scaler.go) for external
// metrics, and the cpu/memory scaler's own switch (pkg/scalers/cpu_memory_scaler.go).
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    if (!t.is_map()) {
      return;
    }
    const auto* mt = t.get("metricType");
    if (mt != nullptr && !mt->is_scalar() && !mt->is_null_value()) {
      return; // not a string: a schema-type finding
    }
    std::string type = str(mt);
    std::string ptr = trigger_ptr(i, "metricType");
    if (resource_trigger(t)) {
      if (type == "Utilization" || type == "AverageValue") {
        return;
      }
      // metadata.type was the pre-2.18 spelling; KEDA now rejects it and has no default.
      bool old_type = at(t.get("metadata"), "type") != nullptr;
      std::string hint =
          type.empty() ? old_type ? "; metadata.type was removed in KEDA 2.18, move its value to "
                                    "triggers[].metricType"
                                  : "; set triggers[].metricType (there is no default)"
                       : "";
      // Missing: point at the trigger's type, the key that makes metricType mandatory.
      r.at(mt != nullptr ? mt->mark : t.key_mark("type"), ptr,
           fmt::format("unknown metric type: {}, allowed values are 'Utilization' or "
                       "'AverageValue'{}",
                       type, hint));
      return;
    }
    if (type == "Utilization") {
      r.at(mt->mark, ptr,
           "'Utilization' metric type is unsupported for external metrics, allowed values are "
           "'Value' or 'AverageValue'; use AverageValue (the default) or Value");
    } else if (!type.empty() && type != "Value" && type != "AverageValue") {
      // KEDA copies any other text into the HPA, which the API server then rejects.
      r.at(mt->mark, ptr,
           fmt::format("metricType \"{}\" is passed to the HPA unchanged and rejected there "
                       "(must be either Utilization, Value, or AverageValue); use AverageValue "
                       "or Value",
                       type));
    }
  });
}

} // namespace

extern const Rule k_rule_keda_external_utilization = {
    "keda-external-utilization",
    diag::Severity::error,
    Applies::scaled_object,
    "metricType KEDA rejects for the trigger type",
    "External-metric scalers (prometheus, graphite, external, ...) accept AverageValue (the "
    "default) or Value and fail on Utilization; other text reaches the HPA, which rejects it. cpu "
    "and memory triggers need Utilization or AverageValue and have no default since KEDA 2.18 "
    "removed metadata.type. A failing trigger fails the whole ScaledObject.",
    "Use Value/AverageValue on external scalers and Utilization/AverageValue on cpu/memory.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metricType: "
    "Utilization\n    metadata:\n      serverAddress: http://p:9090\n      query: sum(x)\n      "
    "threshold: \"5\"\n",
    check,
};

} // namespace isvc::validate
