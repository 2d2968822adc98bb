// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "validate/rules/query_sites.hpp"

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql) {
      continue;
    }
    const auto& p = s.parsed();
    if (!p.expr) {
      continue;
    }
    for (std::size_t off : promql::unguarded_divisions(*p.expr)) {
      r.at(s.at(off), s.pointer,
           "division by a value that is 0 without traffic: the query returns NaN or +Inf, which "
           "KEDA reads as 0 (ignoreNullValues) or as an error, so the trigger goes blind exactly "
           "when load starts");
    }
  }
}

} // namespace

extern const Rule k_rule_promql_unguarded_division = {
    "promql-unguarded-division",
    diag::Severity::warning,
    Applies::any,
    "division whose divisor can be zero",
    "Ratios such as mean latency (sum/count) are 0/0 = NaN while idle; KEDA maps NaN/Inf to 0 or "
    "fails the poll, hiding the signal.",
    "Guard the divisor: clamp_min(<divisor>, 1e-9), or filter it with (<divisor> > 0).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n"
    "    metricType: Value\n    metadata:\n      serverAddress: http://p:9090\n"
    "      query: sum(rate(x_sum[2m])) / sum(rate(x_count[2m]))\n      threshold: \"1\"\n",
    check,
};

} // namespace isvc::validate
