// SPDX-License-Identifier: Apache-2.0
// KEDA webhook verifyCPUMemoryScalers, static part (apis/keda/v1alpha1/scaledobject_webhook.go).
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  if (!only_resource_triggers(d)) {
    return;
  }
  // The webhook only looks at Deployments and StatefulSets (it reads their pod spec first);
  // other targets are accepted and merely never reach zero (scale_handler forces them active).
  std::string type;
  workload(d, &type);
  if (type != "apps/v1.Deployment" && type != "apps/v1.StatefulSet") {
    return;
  }
  const auto* min = at(spec(d), "minReplicaCount");
  if (min != nullptr && !integer(min)) {
    return; // not an integer: a schema finding, KEDA's check cannot be reproduced
  }
  if (integer(min).value_or(0) != 0) {
    return;
  }
  // Unset: point at spec, where minReplicaCount belongs.
  r.at(min != nullptr ? min->mark : d.root().key_mark("spec"), "/spec/minReplicaCount",
       fmt::format("scaledobject has only cpu/memory triggers AND minReplica is 0 (scale to zero "
                   "doesn't work in this case){}; set minReplicaCount >= 1 or add a trigger whose "
                   "metric exists at zero pods",
                   min == nullptr ? " (minReplicaCount is unset and counts as 0)" : ""));
}

} // namespace

extern const Rule k_rule_keda_only_resource_triggers_min_zero = {
    "keda-only-resource-triggers-min-zero",
    diag::Severity::error,
    Applies::scaled_object,
    "scale to zero with only cpu/memory triggers",
    "cpu and memory are only measured while pods run, so KEDA treats an object with only "
    "cpu/memory triggers as always active and could never scale it back from zero. Its webhook "
    "rejects such a ScaledObject on an apps/v1 Deployment or StatefulSet when minReplicaCount is "
    "0 or unset (unset counts as 0, unlike in KServe where it defaults to 1). Other target kinds "
    "are not checked by KEDA and are not reported.",
    "Set minReplicaCount >= 1, or add a trigger whose metric exists at zero pods (queue, gateway, "
    "router).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 0\n  triggers:\n  - type: cpu\n    "
    "metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    check,
};

} // namespace isvc::validate
