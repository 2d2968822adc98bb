// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "validate/rules/query_sites.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

// AverageValue divides the query result by the replica count: right for totals
// (sum, count, rates summed over pods), wrong for averages, maxima and
// quantiles. Value compares the whole result with the target and multiplies
// the current replicas by the ratio: right for averages/quantiles, runaway for
// totals that do not drop as replicas are added.
void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql || s.activation) {
      continue;
    }
    const auto& p = s.parsed();
    if (!p.expr) {
      continue;
    }
    std::string agg = promql::top_aggregation(*p.expr);
    bool intensive = promql::is_latency_quantile(*p.expr) || agg == "avg" || agg == "max" ||
                     agg == "min" || agg == "quantile";
    bool extensive = agg == "sum" || agg == "count";
    std::string type = s.metric_type.empty() ? "AverageValue" : s.metric_type;
    if (type == "AverageValue" && intensive) {
      r.at(s.mark, s.pointer,
           fmt::format("metricType {}{} divides this {} by the replica count, so the target "
                       "moves as the service scales; an average, maximum or quantile needs Value",
                       type, s.metric_type.empty() ? " (KEDA's default)" : "",
                       agg.empty() ? std::string("quantile") : agg + "()"),
           "Use metricType/target.type Value for averages, maxima and latency quantiles.");
    } else if (type == "Value" && extensive) {
      r.at(
          s.mark, s.pointer,
          fmt::format("metricType Value compares this {}() total with the target and multiplies "
                      "the replicas by the ratio; a total does not fall as replicas are added, "
                      "so it scales to maxReplicas",
                      agg),
          "Use metricType/target.type AverageValue (per-replica target) for sum()/count() totals.");
    }
  }
}

} // namespace

extern const Rule k_rule_promql_metric_type_mismatch = {
    "promql-metric-type-mismatch",
    diag::Severity::warning,
    Applies::any,
    "AverageValue on an average/quantile, or Value on a total",
    "The HPA divides AverageValue metrics by the current replicas (KEDA issue #5781): pair sum() "
    "queries with AverageValue and avg/max/quantile queries with Value, or the service over- or "
    "under-scales.",
    "Match the metric type to the query: AverageValue for sum()/count(), Value for averages and "
    "quantiles.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n"
    "    metricType: AverageValue\n    metadata:\n      serverAddress: http://p:9090\n"
    "      query: avg(vllm:kv_cache_usage_perc)\n      threshold: \"0.8\"\n",
    check,
};

} // namespace isvc::validate
