// SPDX-License-Identifier: Apache-2.0
// KEDA webhook verifyFallback -> CheckFallbackValid (apis/keda/v1alpha1/scaledobject_types.go).
#include "validate/rules/keda_helpers.hpp"

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  const auto* s = spec(d);
  const auto* fb = at(s, "fallback");
  // `fallback: null` decodes to a nil pointer; scalingModifiers make any trigger set valid.
  if (fb == nullptr || fb->is_null_value() || using_modifiers(d) || !only_resource_triggers(d)) {
    return;
  }
  r.at(s->key_mark("fallback"), "/spec/fallback",
       "at least one trigger (that is not cpu or memory) has to have the `AverageValue` type for "
       "the fallback to be enabled; cpu/memory metrics come from the metrics server and never "
       "fail over, so remove spec.fallback or add an external trigger");
}

} // namespace

extern const Rule k_rule_keda_fallback_needs_non_resource = {
    "keda-fallback-needs-non-resource",
    diag::Severity::error,
    Applies::scaled_object,
    "fallback with only cpu/memory triggers",
    "KEDA's fallback replaces failed external metric reads; cpu and memory come from the metrics "
    "server and never fail over, so the webhook rejects a fallback unless some trigger is not "
    "cpu/memory (or scalingModifiers are used). Despite its message, KEDA v2.20 does not check "
    "that trigger's metricType.",
    "Remove spec.fallback, or add a non-cpu/memory trigger it can cover.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 1\n  fallback:\n    failureThreshold: 3\n    "
    "replicas: 2\n  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata:\n      "
    "value: \"50\"\n",
    check,
};

} // namespace isvc::validate
