// SPDX-License-Identifier: Apache-2.0
// KEDA's prometheus scaler returns 0, not an error, for an empty result or NaN unless
// ignoreNullValues is "false" (keda pkg/scalers/prometheus_scaler.go:268-272, default true at
// :56); the fallback engages only on errors (pkg/fallback/fallback.go:124-145). A lost scrape
// target then scales to minReplicaCount instead of to fallback.replicas (kedacore/keda#3065).
#include "validate/rules/keda_helpers.hpp"

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  if (!is_keda(d, "ScaledObject")) {
    return;
  }
  const auto* fb = at(spec(d), "fallback");
  // At minReplicaCount 0 an empty result is normal (no pod, no series): keda-fallback-scale-
  // to-zero speaks for that case.
  if (fb == nullptr || fb->is_null_value() ||
      integer(at(spec(d), "minReplicaCount")).value_or(0) < 1) {
    return;
  }
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    if (str(t.get("type")) != "prometheus") {
      return;
    }
    const auto* inv = at(t.get("metadata"), "ignoreNullValues");
    // KEDA's typed metadata reads booleans with strconv.ParseBool.
    std::string v = util::to_lower(str(inv));
    if (v != "false" && v != "0" && v != "f") {
      r.at(inv != nullptr ? inv->mark : t.mark,
           util::pointer_join(trigger_ptr(i, "metadata"), "ignoreNullValues"),
           "the fallback never covers this prometheus trigger when its target is lost: with "
           "ignoreNullValues true (the default) KEDA reads an empty result as 0, not as a "
           "failure, and scales to minReplicaCount");
    }
  });
}

} // namespace

extern const Rule k_rule_keda_fallback_ignore_null_values = {
    "keda-fallback-ignore-null-values",
    diag::Severity::warning,
    Applies::scaled_object,
    "fallback with a prometheus trigger that reads an empty result as 0",
    "KEDA's fallback replaces a metric only after failed reads. The prometheus scaler fails on an "
    "unreachable server, but an empty result (lost scrape target, renamed metric) or NaN is 0 "
    "unless ignoreNullValues is \"false\" (kedacore/keda#3065), so the workload scales down "
    "instead of holding fallback.replicas. isvc-scale render sets it when it renders a fallback "
    "with minReplicas >= 1.",
    "Set metadata.ignoreNullValues: \"false\" on the prometheus triggers the fallback should "
    "cover.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  minReplicaCount: 1\n  fallback:\n    failureThreshold: 3\n"
    "    replicas: 2\n  triggers:\n  - type: prometheus\n    metricType: AverageValue\n"
    "    metadata:\n      serverAddress: http://p:9090\n      query: sum(x)\n"
    "      threshold: \"1\"\n",
    check,
};

} // namespace isvc::validate
