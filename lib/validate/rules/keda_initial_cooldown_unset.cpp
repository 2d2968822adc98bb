// SPDX-License-Identifier: Apache-2.0
// KEDA scales a ScaledObject whose triggers were never active to minReplicaCount as soon as
// creationTimestamp + initialCooldownPeriod lies in the past (keda
// pkg/scaling/executor/scale_scaledobjects.go:212), and initialCooldownPeriod defaults to 0
// (pkg/scaling/executor/scale_executor.go:35; CRD field
// apis/keda/v1alpha1/scaledobject_types.go:109).
#include "validate/rules/keda_helpers.hpp"

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  const auto* s = spec(d);
  if (s == nullptr || !s->is_map() || at(s, "initialCooldownPeriod") != nullptr) {
    return;
  }
  const auto* min = at(s, "minReplicaCount");
  if ((min != nullptr && !integer(min)) || integer(min).value_or(0) != 0) {
    return;
  }
  r.at(min != nullptr ? min->mark : d.root().key_mark("spec"), "/spec/minReplicaCount",
       "scale to zero without initialCooldownPeriod (default 0): KEDA's first poll after the "
       "ScaledObject is created finds no trigger active yet and scales the fresh Deployment to "
       "zero, before its model has loaded or served a request");
}

} // namespace

extern const Rule k_rule_keda_initial_cooldown_unset = {
    "keda-initial-cooldown-unset",
    diag::Severity::warning,
    Applies::scaled_object,
    "scale to zero without initialCooldownPeriod",
    "Until a trigger has been active once, KEDA measures the cooldown from the ScaledObject's "
    "creation with initialCooldownPeriod, which defaults to 0: a new (or re-created) ScaledObject "
    "scales its workload to zero on the first poll. isvc-scale render sets it to the "
    "cooldownPeriod (KEDA's 300 s when unset) for minReplicas 0.",
    "Set spec.initialCooldownPeriod, e.g. to the cooldownPeriod or longer than a cold start.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  minReplicaCount: 0\n  triggers:\n  - type: prometheus\n"
    "    metricType: AverageValue\n    metadata:\n      serverAddress: http://p:9090\n"
    "      query: sum(rate(x{namespace=\"n\",model=\"m\"}[1m])) > bool 0\n      threshold: \"1\"\n",
    check,
};

} // namespace isvc::validate
