// SPDX-License-Identifier: Apache-2.0
#include "util/strings.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  if (mode(d) != "Standard") {
    return;
  }
  for (const auto& [k, v] : d.isvc->annotations) {
    if (util::starts_with(k, "autoscaling.knative.dev/")) {
      r.at(v, fmt::format("{} only applies to Knative's KPA; this InferenceService is in Standard "
                          "mode",
                          k));
    }
  }
  for (const auto& c : d.isvc->components) {
    if (c.present && c.scale_metric &&
        (*c.scale_metric == "concurrency" || *c.scale_metric == "rps")) {
      r.at(c.scale_metric, fmt::format("scaleMetric {} is a Knative (KPA) metric; in Standard mode "
                                       "KServe's HPA renders no metric for it",
                                       *c.scale_metric));
    }
  }
}

} // namespace

extern const Rule k_rule_isvc_knative_settings_ignored = {
    "isvc-knative-settings-ignored",
    diag::Severity::warning,
    Applies::inference_service,
    "Knative autoscaling settings in Standard mode",
    "autoscaling.knative.dev/* annotations and the KPA metrics concurrency/rps only mean something "
    "to Knative; in Standard mode KServe's HPA/KEDA path ignores them.",
    "Express the intent in autoScaling.metrics, or switch to Knative mode.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "autoscaling.knative.dev/target: \"10\"\nspec:\n  predictor:\n    model:\n      modelFormat:\n "
    "       name: sklearn\n",
    check,
};

} // namespace isvc::validate
