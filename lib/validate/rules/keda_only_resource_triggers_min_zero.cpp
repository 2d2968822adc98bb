// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  const auto* ts = triggers(d);
  if (ts == nullptr || ts->items.empty()) {
    return;
  }
  for (const auto& t : ts->items) {
    if (!resource_trigger(t)) {
      return;
    }
  }
  const auto* min = at(spec(d), "minReplicaCount");
  if (integer(min).value_or(0) == 0) {
    r.at(min != nullptr ? min->mark : spec(d)->key_mark("triggers"),
         min != nullptr ? "/spec/minReplicaCount" : "/spec",
         "scaledobject has only cpu/memory triggers AND minReplica is 0 (scale to zero doesn't "
         "work in this case)");
  }
}

} // namespace

extern const Rule k_rule_keda_only_resource_triggers_min_zero = {
    "keda-only-resource-triggers-min-zero",
    diag::Severity::error,
    Applies::scaled_object,
    "scale to zero with only cpu/memory triggers",
    "cpu and memory are only measured while pods run; with no other trigger KEDA can never see "
    "demand at zero replicas, so its webhook rejects minReplicaCount 0 (or unset) here.",
    "Set minReplicaCount >= 1, or add a trigger whose metric exists at zero pods (queue, gateway, "
    "router).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 0\n  triggers:\n  - type: cpu\n    "
    "metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
