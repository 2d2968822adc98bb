// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Document& d, Reporter& r) {
  const auto* s = spec(d);
  auto min = integer(at(s, "minReplicaCount"));
  auto max = integer(at(s, "maxReplicaCount"));
  auto idle = integer(at(s, "idleReplicaCount"));
  std::int64_t eff_min = min.value_or(0);
  if (max && eff_min > *max) {
    r.at(at(s, "minReplicaCount")->mark, "/spec/minReplicaCount",
         fmt::format("MinReplicaCount={} must be less than MaxReplicaCount={}", eff_min, *max));
  } else if (!max && eff_min > 100) {
    r.at(at(s, "minReplicaCount")->mark, "/spec/minReplicaCount",
         fmt::format("MinReplicaCount={} must be less than MaxReplicaCount=100 (the default)",
                     eff_min));
  }
  // With minReplicaCount unset the effective minimum is 0; with 0 the check uses 1.
  if (idle && *idle >= (min && *min == 0 ? 1 : eff_min)) {
    r.at(at(s, "idleReplicaCount")->mark, "/spec/idleReplicaCount",
         fmt::format("IdleReplicaCount={} must be less than MinReplicaCount={}", *idle, eff_min));
  }
}

} // namespace

extern const Rule k_rule_keda_replica_bounds = {
    "keda-replica-bounds",
    diag::Severity::error,
    Applies::scaled_object,
    "ScaledObject replica bounds KEDA rejects",
    "KEDA's webhook: minReplicaCount <= maxReplicaCount (max defaults to 100) and idleReplicaCount "
    "< minReplicaCount.",
    "Keep idleReplicaCount < minReplicaCount <= maxReplicaCount.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 5\n  maxReplicaCount: 2\n  triggers:\n  - "
    "type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
