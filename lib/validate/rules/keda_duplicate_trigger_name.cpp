// SPDX-License-Identifier: Apache-2.0
// KEDA ValidateTriggers (apis/keda/v1alpha1/scaletriggers_types.go), run by the webhook.
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <map>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  std::map<std::string, std::size_t> seen;
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    const auto* name = t.get("name");
    std::string n = str(name);
    if (n.empty()) {
      return; // unnamed triggers never clash
    }
    auto [it, fresh] = seen.emplace(n, i);
    if (!fresh) {
      r.at(name->mark, trigger_ptr(i, "name"),
           fmt::format("triggerName \"{}\" is defined multiple times in the "
                       "ScaledObject/ScaledJob, but it must be unique (first at "
                       "spec.triggers[{}]); rename one of them",
                       n, it->second));
    }
  });
}

} // namespace

extern const Rule k_rule_keda_duplicate_trigger_name = {
    "keda-duplicate-trigger-name",
    diag::Severity::error,
    Applies::scaled_object,
    "two triggers share a name",
    "KEDA's webhook rejects duplicate trigger names: scalingModifiers formulas and the "
    "ScaledObject status refer to triggers by name.",
    "Give every named trigger a unique name.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: cpu\n    name: t\n    metricType: "
    "Utilization\n    metadata:\n      value: \"50\"\n  - type: memory\n    name: t\n    "
    "metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
