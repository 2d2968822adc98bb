// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"
#include "promql/presets.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"
#include "validate/rules/query_sites.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql) {
      continue;
    }
    if (d.isvc != nullptr && s.activation && !s.preset) {
      continue; // the annotation reader reports it, for render and lint alike
    }
    if (util::starts_with(s.text, promql::k_preset_prefix)) {
      std::string name = s.text.substr(promql::k_preset_prefix.size());
      r.at(s.mark, s.pointer,
           fmt::format("\"{}\" names no load preset{}", name,
                       util::did_you_mean(name, promql::preset_names())),
           "Use one of the load presets listed in `man isvc-scale`, or write the PromQL.");
      continue;
    }
    const auto& p = s.parsed();
    if (p.error) {
      r.at(s.at(p.error->offset), s.pointer,
           fmt::format("PromQL does not parse: {} (at offset {})", p.error->message,
                       p.error->offset));
    }
  }
}

} // namespace

extern const Rule k_rule_promql_parse_error = {
    "promql-parse-error",
    diag::Severity::error,
    Applies::any,
    "PromQL query does not parse",
    "KEDA sends the query to Prometheus as is; a syntax error makes every poll fail, the "
    "ScaledObject goes not-ready and nothing scales (or only the fallback does).",
    "Fix the query syntax at the reported column; try it in the Prometheus UI.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n"
    "  scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n"
    "    metricType: AverageValue\n    metadata:\n      serverAddress: http://p:9090\n"
    "      query: sum(rate(x[5q]))\n      threshold: \"1\"\n",
    check,
};

} // namespace isvc::validate
