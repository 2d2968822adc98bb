// SPDX-License-Identifier: Apache-2.0
// KEDA's CheckReplicaCountBoundsAreValid (apis/keda/v1alpha1/scaledobject_types.go), called by
// the admission webhook; the CRD's CEL rule (min <= max, max defaulting to 100) rejects a
// subset of the same objects.
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  const auto* s = spec(d);
  const auto* min_node = at(s, "minReplicaCount");
  const auto* max_node = at(s, "maxReplicaCount");
  const auto* idle_node = at(s, "idleReplicaCount");
  // Non-integer values are schema-type findings; KEDA's check cannot be reproduced then.
  auto min = integer(min_node);
  auto max = integer(max_node);
  auto idle = integer(idle_node);
  if ((min_node != nullptr && !min) || (max_node != nullptr && !max)) {
    return;
  }
  // Unset minimum: 0. Set: GetHPAMinReplicas, which turns 0 into 1. Unset maximum: 100.
  std::int64_t eff_min = !min ? 0 : (*min > 0 ? *min : 1);
  std::int64_t eff_max = max.value_or(100);
  if (eff_min > eff_max) {
    std::string why = !max        ? " (maxReplicaCount is unset and defaults to 100)"
                      : *min == 0 ? " (minReplicaCount 0 is checked as 1)"
                                  : "";
    r.at(min_node != nullptr ? min_node->mark : max_node->mark,
         min_node != nullptr ? "/spec/minReplicaCount" : "/spec/maxReplicaCount",
         fmt::format("MinReplicaCount={} must be less than MaxReplicaCount={}{}; keep "
                     "minReplicaCount <= maxReplicaCount",
                     eff_min, eff_max, why));
  }
  if (idle && *idle >= eff_min) {
    std::string why = !min ? " (minReplicaCount is unset and counts as 0; set it above "
                             "idleReplicaCount)"
                      : *min == 0
                          ? " (minReplicaCount 0 is checked as 1); keep idleReplicaCount < 1"
                          : "; keep idleReplicaCount < minReplicaCount";
    r.at(idle_node->mark, "/spec/idleReplicaCount",
         fmt::format("IdleReplicaCount={} must be less than MinReplicaCount={}{}", *idle, eff_min,
                     why));
  }
}

} // namespace

extern const Rule k_rule_keda_replica_bounds = {
    "keda-replica-bounds",
    diag::Severity::error,
    Applies::scaled_object,
    "ScaledObject replica bounds KEDA rejects",
    "KEDA's admission webhook compares minReplicaCount (0 is checked as 1, unset as 0) with "
    "maxReplicaCount (unset: 100) and requires idleReplicaCount < minReplicaCount; with "
    "minReplicaCount unset every idleReplicaCount is rejected. The apiserver's CEL rule also "
    "rejects minReplicaCount > maxReplicaCount even when the webhook is down.",
    "Keep idleReplicaCount < minReplicaCount <= maxReplicaCount, and set minReplicaCount "
    "explicitly when using idleReplicaCount.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 5\n  maxReplicaCount: 2\n  triggers:\n  - "
    "type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
