// SPDX-License-Identifier: Apache-2.0
#include "model/extensions.hpp"
#include "plan/extensions.hpp"
#include "promql/presets.hpp"
#include "util/strings.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string>
#include <vector>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

// The isvc-scale.io/ annotations only `isvc-scale render` reads; reported once, at the first.
void check_extensions(const Subject& d, const std::string& cls, Reporter& r) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : d.isvc->annotations) {
    if (!util::starts_with(key, model::k_ext_prefix)) {
      continue;
    }
    std::string_view sub = std::string_view(key).substr(model::k_ext_prefix.size());
    // Unknown keys are isvc-unknown-annotation's; only intent render would act on is listed.
    if (plan::find_extension_key(sub) != nullptr) {
      keys.push_back(key);
    }
  }
  if (keys.empty()) {
    return;
  }
  const auto* ann =
      d.root().get("metadata") != nullptr ? d.root().get("metadata")->get("annotations") : nullptr;
  model::Mark at = ann != nullptr ? ann->key_mark(keys.front()) : d.root().mark;
  r.at(at, util::pointer_join("/metadata/annotations", keys.front()),
       fmt::format("{} {} read only by `isvc-scale render`; applied as is, KServe scales this "
                   "InferenceService itself (autoscalerClass {}) and reads none of {}",
                   fmt::join(keys, ", "), keys.size() == 1 ? "is" : "are", cls,
                   keys.size() == 1 ? "it" : "them"));
}

void check(const Subject& d, Reporter& r) {
  const auto* cls = class_annotation(d);
  if (cls != nullptr && **cls == "external") {
    return; // already rendered by isvc-scale
  }
  for (const auto& c : d.isvc->components) {
    std::string klass = component_class(d, c);
    if (c.present && (klass == "keda" || klass == "hpa")) {
      check_extensions(d, klass, r);
      break;
    }
  }
  for (const auto& c : d.isvc->components) {
    for (const auto& m : c.autoscaling.metrics) {
      const auto& q = m.external.query;
      if (q && util::starts_with(*q, promql::k_preset_prefix) && component_class(d, c) == "keda") {
        // An error, not a warning: KServe's ScaledObject can never scale (every poll fails).
        r.with_severity(diag::Severity::error);
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
    "isvc-scale intent in an InferenceService KServe would scale itself",
    "preset:<name> queries and the isvc-scale.io/ annotations (activation source, polling, "
    "cooldown, fallback, PodMonitor) are isvc-scale's; KServe's reconcilers copy the query "
    "verbatim and read none of the annotations, so such a file only works through `isvc-scale "
    "render`, which hands the service over with autoscalerClass external. Applied as is, a "
    "minReplicas: 0 service with an activation annotation scales to zero and never wakes.",
    "Apply the output of `isvc-scale render` instead of the file itself (or write the PromQL out "
    "and drop the isvc-scale.io/ annotations).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: External\n        external:\n          metric:\n"
    "            backend: prometheus\n            serverAddress: http://p:9090\n"
    "            query: preset:vllm-queue-depth\n          target:\n            value: \"5\"\n",
    check,
    nullptr,
    true,
    Fixes::none,
    true, // judges KServe's own objects
};

} // namespace isvc::validate
