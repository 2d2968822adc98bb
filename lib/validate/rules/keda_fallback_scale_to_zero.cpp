// SPDX-License-Identifier: Apache-2.0
// A fallback counts as activity: KEDA's scale loop treats a trigger in fallback as active
// (keda pkg/scaling/scale_handler.go:1003, isActiveOrFallback := fallbackActive ||
// isMetricActive), and fallback engages on query errors past failureThreshold
// (pkg/fallback/fallback.go:145). When Prometheus is down every query fails, so every
// scale-to-zero object with a fallback wakes to fallback.replicas at once.
#include "validate/rules/isvc_helpers.hpp"
#include "validate/rules/keda_helpers.hpp"

namespace isvc::validate {
namespace {

constexpr const char* k_message =
    "fallback on an object that scales to zero: during a Prometheus outage every query fails, "
    "KEDA counts a trigger in fallback as active and wakes the workload to fallback.replicas, so "
    "every model with this setup starts at once (GPUs included)";

void check_isvc(const Subject& d, Reporter& r) {
  if (d.ext == nullptr || !d.ext->fallback_failure_threshold) {
    return;
  }
  for (const auto& c : d.isvc->components) {
    if (c.present && c.min_replicas && *c.min_replicas == 0 && isvc_rules::keda_scaled(d, c)) {
      r.at(d.ext->fallback_failure_threshold, k_message);
      return;
    }
  }
}

void check(const Subject& d, Reporter& r) {
  if (d.isvc != nullptr) {
    check_isvc(d, r);
    return;
  }
  if (!keda::is_keda(d, "ScaledObject")) {
    return;
  }
  const auto* s = keda::spec(d);
  const auto* fb = keda::at(s, "fallback");
  const auto* min = keda::at(s, "minReplicaCount");
  // minReplicaCount defaults to 0 (keda apis/keda/v1alpha1/scaledobject_types.go).
  if (fb == nullptr || fb->is_null_value() || keda::integer(min).value_or(0) != 0 ||
      (min != nullptr && !keda::integer(min))) {
    return;
  }
  r.at(s->key_mark("fallback"), "/spec/fallback", k_message);
}

} // namespace

extern const Rule k_rule_keda_fallback_scale_to_zero = {
    "keda-fallback-scale-to-zero",
    diag::Severity::warning,
    Applies::any,
    "fallback on an object that scales to zero",
    "KEDA treats a trigger in fallback as active (scale_handler.go, isActiveOrFallback), so a "
    "scale-to-zero object with a fallback wakes to fallback.replicas whenever its queries fail "
    "failureThreshold times: a Prometheus outage starts every such model at once.",
    "Drop the fallback on scale-to-zero objects (or the isvc-scale.io/fallback-* annotations), "
    "or set minReplicas: 1 if the fallback matters more than scaling to zero.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  minReplicaCount: 0\n  fallback:\n    failureThreshold: 3\n"
    "    replicas: 2\n  triggers:\n  - type: prometheus\n    metricType: AverageValue\n"
    "    metadata:\n      serverAddress: http://p:9090\n      query: sum(x)\n"
    "      threshold: \"1\"\n",
    check,
};

} // namespace isvc::validate
