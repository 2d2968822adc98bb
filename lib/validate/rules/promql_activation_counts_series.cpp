// SPDX-License-Identifier: Apache-2.0
// sum(rate(x[1m]) > bool 0) (seed 003, production-stack tutorials/20-keda-autoscaling.md) is a
// count: each matching series adds 1. KEDA serves an AverageValue trigger as an External metric
// with target averageValue = threshold, and the HPA asks for ceil(value / averageValue) pods
// (kubernetes pkg/controller/podautoscaler/replica_calculator.go
// GetExternalPerPodMetricReplicas), so N series mean N replicas instead of a wake-up.
#include "promql/analyze.hpp"
#include "promql/shape.hpp"
#include "validate/rules/query_sites.hpp"

namespace isvc::validate {
namespace {

constexpr const char* k_message =
    "the activation query counts series: sum()/count() over a `bool` comparison is 1 per "
    "matching series, so with threshold 1 and AverageValue two busy series ask for two "
    "replicas, and every series it matches (any model, any namespace) wakes the service";

void check(const Subject& d, Reporter& r) {
  if (d.ext != nullptr && d.ext->activation_query) {
    // Render compares such a query again (promql::activation_query), so KEDA reads 0/1; the
    // annotation still says something else than it means.
    auto p = promql::parse(*d.ext->activation_query);
    if (p.expr && promql::counts_series(*p.expr)) {
      r.at(d.ext->activation_query, std::string(k_message) +
                                        "; isvc-scale render compares it again, `(...) > bool 0`, "
                                        "so that KEDA reads 0 or 1");
    }
    return;
  }
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql || !s.activation || s.preset) {
      continue;
    }
    const auto& p = s.parsed();
    if (p.expr) {
      if (auto at = promql::counts_series(*p.expr)) {
        r.at(s.at(*at), s.pointer, k_message);
      }
    }
  }
}

} // namespace

extern const Rule k_rule_promql_activation_counts_series = {
    "promql-activation-counts-series",
    diag::Severity::warning,
    Applies::any,
    "activation query that counts series instead of reading 0 or 1",
    "An activation trigger should read 1 while requests for this service arrive and 0 otherwise. "
    "`sum(rate(x[1m]) > bool 0)` puts the comparison inside the sum, so it is the number of "
    "series with traffic: with AverageValue and threshold 1 KEDA's HPA asks for one replica per "
    "busy series, and unscoped it wakes the service on any model's traffic.",
    "Compare outside the aggregation and scope it: sum(rate(x{namespace=\"ns\",model=\"m\"}[1m])) "
    "> bool 0, or use isvc-scale.io/activation-preset vllm-router.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  minReplicaCount: 0\n  triggers:\n  - type: prometheus\n"
    "    name: activation\n    metricType: AverageValue\n    metadata:\n"
    "      serverAddress: http://p:9090\n"
    "      query: sum(rate(vllm:num_incoming_requests_total[1m]) > bool 0)\n"
    "      threshold: \"1\"\n",
    check,
};

} // namespace isvc::validate
