// SPDX-License-Identifier: Apache-2.0
// Lint reports what `isvc-scale render` (--mode external) would refuse, so the
// pre-commit hook and CI catch it before anyone renders. Every error render reports is
// forwarded with its own rule id, message and position (lint's own rule of the same
// finding, if any, yields one finding after lint's de-duplication); render-unrenderable
// is the id of the refusals only render makes.
#include "plan/plan.hpp"
#include "render/render.hpp"
#include "validate/rule.hpp"

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  // What render --mode external leaves alone (another written deploymentMode) is not
  // isvc-scale's to render; the same rule decides both (plan::Plan::external_renders).
  if (d.plan == nullptr || !d.plan->external_renders()) {
    return;
  }
  render::Options opts;
  opts.mode = render::Mode::external;
  opts.config = d.config;
  opts.diagnostics_only = true;
  render::Result result;
  diag::Sink sink;
  render::render_plan(*d.plan, opts, result, sink);
  for (const auto& diag : sink.items()) {
    if (diag.severity == diag::Severity::error) {
      r.forward(diag);
    }
  }
}

} // namespace

extern const Rule k_rule_render_unrenderable = {
    "render-unrenderable",
    diag::Severity::error,
    Applies::inference_service,
    "intent `isvc-scale render` cannot turn into valid objects",
    "--mode external writes every trigger with its full intent and refuses what KEDA or the HPA "
    "would reject: a Prometheus trigger without serverAddress, an External metric without a "
    "threshold, Utilization on an external metric, a PromQL query given to an HPA (which reads "
    "adapter metric names), an empty KEDA trigger list, a PodMetric query outside the otel "
    "add-on's grammar.",
    "Complete the metric as the message says, or pick the engine that can carry it "
    "(autoscalerClass keda for PromQL).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: External\n        external:\n          metric:\n"
    "            backend: prometheus\n            query: sum(x)\n          target:\n"
    "            value: \"5\"\n",
    check,
};

} // namespace isvc::validate
