// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  const auto* meta = d.root().get("metadata");
  const auto* name = at(meta, "name");
  std::string n = str(name);
  if (n.empty()) {
    return;
  }
  if (n.size() > 63) {
    r.at(name->mark, "/metadata/name",
         fmt::format(
             "scaledobject name \"{}\" is {} characters long; must be no more than 63 "
             "characters because it is used as the \"scaledobject.keda.sh/name\" label value",
             n, n.size()));
    return;
  }
  std::string hpa = str(at(at(at(spec(d), "advanced"), "horizontalPodAutoscalerConfig"), "name"));
  if (hpa.empty()) {
    hpa = "keda-hpa-" + n;
  }
  if (hpa.size() > 63) {
    r.at(
        name->mark, "/metadata/name",
        fmt::format("HPA name \"{}\" derived from scaledobject is {} characters long; must be no "
                    "more than 63 characters; set spec.advanced.horizontalPodAutoscalerConfig.name "
                    "to a shorter name or shorten the scaledobject name",
                    hpa, hpa.size()));
  }
}

} // namespace

extern const Rule k_rule_keda_name_too_long = {
    "keda-name-too-long",
    diag::Severity::error,
    Applies::scaled_object,
    "ScaledObject or derived HPA name over 63 characters",
    "KEDA uses the ScaledObject name as a label value and names its HPA keda-hpa-<name>; both must "
    "fit 63 characters, which <isvc>-predictor names easily exceed.",
    "Shorten the name, or set spec.advanced.horizontalPodAutoscalerConfig.name to a short HPA "
    "name.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: "
    "a-very-long-inference-service-name-for-a-model-predictor\nspec:\n  scaleTargetRef:\n    name: "
    "d\n  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata:\n      value: "
    "\"50\"\n",
    check,
};

} // namespace isvc::validate
