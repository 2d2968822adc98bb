// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  const auto* fb = at(spec(d), "fallback");
  const auto* ts = triggers(d);
  if (fb == nullptr || ts == nullptr ||
      at(at(spec(d), "advanced"), "scalingModifiers") != nullptr) {
    return;
  }
  for (const auto& t : ts->items) {
    if (!resource_trigger(t)) {
      return;
    }
  }
  r.at(spec(d)->key_mark("fallback"), "/spec/fallback",
       "at least one trigger (that is not cpu or memory) has to have the `AverageValue` type for "
       "the fallback to be enabled");
}

} // namespace

extern const Rule k_rule_keda_fallback_needs_non_resource = {
    "keda-fallback-needs-non-resource",
    diag::Severity::error,
    Applies::scaled_object,
    "fallback with only cpu/memory triggers",
    "KEDA's fallback replaces failed external metric reads; cpu and memory come from the metrics "
    "server and never fail over, so the webhook rejects a fallback without another trigger.",
    "Remove spec.fallback, or add a non-cpu/memory trigger it can cover.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  fallback:\n    failureThreshold: 3\n    replicas: 2\n  "
    "triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
