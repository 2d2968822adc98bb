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
    if (q && q->name.find(':') != std::string::npos) {
      r.at(s.mark, s.pointer,
           fmt::format("metric name \"{}\" contains ':'; otel add-on chart versions v0.0.6 to "
                       "v0.0.8 reject it in their ValidatingAdmissionPolicy (KServe's docs install "
                       "the add-on with the policy disabled for this reason)",
                       q->name));
    }
  }
}

} // namespace

extern const Rule k_rule_promql_otel_colon_name = {
    "promql-otel-colon-name",
    diag::Severity::note,
    Applies::any,
    "colon in an OpenTelemetry add-on metric name",
    "vLLM's metrics are named vllm:*; the kedify otel add-on's admission policy accepted colons "
    "only from v0.0.9 (commit 93bba83), so older installs reject the ScaledObject.",
    "Run otel add-on v0.0.9 or later, or rename the metric in the collector pipeline.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: PodMetric\n        podmetric:\n          metric:\n"
    "            backend: opentelemetry\n            query: vllm:num_requests_running\n"
    "          target:\n            value: \"1\"\n",
    check,
};

} // namespace isvc::validate
