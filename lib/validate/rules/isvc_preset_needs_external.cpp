// SPDX-License-Identifier: Apache-2.0
#include "promql/presets.hpp"
#include "util/strings.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Document& d, Reporter& r) {
  const auto* cls = class_annotation(d);
  if (cls != nullptr && **cls == "external") {
    return; // already rendered by isvc-scale
  }
  for (const auto& c : d.isvc->components) {
    for (const auto& m : c.autoscaling.metrics) {
      const auto& q = m.external.query;
      if (q && util::starts_with(*q, promql::k_preset_prefix) && component_class(d, c) == "keda") {
        r.at(q, fmt::format("\"{}\" is expanded only by `isvc-scale render` (--mode external); "
                            "applied as is with autoscalerClass keda, KServe hands the literal "
                            "text to KEDA and every poll fails",
                            *q));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_isvc_preset_needs_external = {
    "isvc-preset-needs-external",
    diag::Severity::warning,
    Applies::inference_service,
    "preset query in an InferenceService KServe would scale itself",
    "preset:<name> queries are isvc-scale's shorthand; KServe's KEDA reconciler copies the query "
    "verbatim, so the file only works through `isvc-scale render`, which hands the service over "
    "with autoscalerClass external.",
    "Apply the output of `isvc-scale render` instead of the file itself, or write the PromQL out.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: External\n        external:\n          metric:\n"
    "            backend: prometheus\n            serverAddress: http://p:9090\n"
    "            query: preset:vllm-queue-depth\n          target:\n            value: \"5\"\n",
    check,
};

} // namespace isvc::validate
