// SPDX-License-Identifier: Apache-2.0
#include "promql/selector.hpp"
#include "validate/rules/query_sites.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::otel) {
      continue;
    }
    auto q = promql::parse_simple(s.text);
    if (!q) {
      r.at(s.mark, s.pointer,
           fmt::format("the kedify otel add-on only reads [agg(]metric[{{label=value,...}}][)] "
                       "(sum, avg, min, max, count; exact matches only), not \"{}\"; its "
                       "ValidatingAdmissionPolicy rejects the ScaledObject and the scaler cannot "
                       "parse it",
                       s.text));
    }
  }
}

} // namespace

extern const Rule k_rule_promql_otel_query_grammar = {
    "promql-otel-query-grammar",
    diag::Severity::error,
    Applies::any,
    "OpenTelemetry add-on query outside the grammar the add-on reads",
    "The kedify otel add-on parses metricQuery with its own small grammar, not PromQL: functions, "
    "ranges and != / =~ matchers fail, and colon metric names fail its admission policy before "
    "v0.0.9.",
    "Write the query as [agg(]metric[{label=\"value\"}][)] with one of sum, avg, min, max, count.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: PodMetric\n        podmetric:\n          metric:\n"
    "            backend: opentelemetry\n            query: rate(x[1m])\n"
    "          target:\n            value: \"1\"\n",
    check,
};

} // namespace isvc::validate
