// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "validate/rules/query_sites.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql) {
      continue;
    }
    const auto& p = s.parsed();
    if (!p.expr || promql::returns_single_series(*p.expr)) {
      continue;
    }
    auto& f = r.at(
        s.mark, s.pointer,
        fmt::format("query \"{}\" is not aggregated to one series: KEDA fails with \"prometheus "
                    "query {} returned multiple elements\" as soon as two series match (two "
                    "replicas, or one vLLM pod per data-parallel engine)",
                    s.text, s.text),
        fmt::format("Aggregate without grouping: sum({0}) with metricType AverageValue for a "
                    "per-replica target (counts, queues, running requests), or max/avg({0}) "
                    "with Value for levels and ratios.",
                    s.text));
    // KEDA's default metricType is AverageValue (total / replicas): sum is what that divides.
    // A Value target compares one level, the busiest replica's.
    if (!s.preset) {
      bool value = s.metric_type == "Value";
      f.edit = diag::Edit::wrap_in(s.mark, value ? "max(" : "sum(", ")");
    }
  }
}

} // namespace

extern const Rule k_rule_promql_not_single_series = {
    "promql-not-single-series",
    diag::Severity::error,
    Applies::any,
    "Prometheus query can return more than one series",
    "KEDA's Prometheus scaler errors out when the result vector has more than one element, so a "
    "bare selector such as vllm:num_requests_running works with one replica and breaks the moment "
    "a second one starts; the seeds' own examples do this.",
    "Wrap the query in sum(...) (with AverageValue) or max/avg(...) (with Value), without "
    "by/without.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n"
    "    metricType: AverageValue\n    metadata:\n      serverAddress: http://p:9090\n"
    "      query: vllm:num_requests_running\n      threshold: \"2\"\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
