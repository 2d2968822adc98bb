// SPDX-License-Identifier: Apache-2.0
// Lint reports what `isvc-scale render` (--mode external) would refuse, so the
// pre-commit hook and CI catch it before anyone renders.
#include "kserve/component_meta.hpp"
#include "render/render.hpp"
#include "validate/rule.hpp"

namespace isvc::validate {
namespace {

void check(const Document& d, Reporter& r) {
  // Knative InferenceServices (or ones whose mode the cluster decides) are not
  // isvc-scale's to render; judging them would only add noise.
  if (kserve::deployment_mode(*d.isvc, d.config) != "Standard") {
    return;
  }
  render::Options opts;
  opts.mode = render::Mode::external;
  opts.config = d.config;
  render::Result result;
  diag::Sink sink;
  render::render_isvc(*d.isvc, opts, result, sink);
  for (const auto& diag : sink.items()) {
    if (diag.rule == "render-unrenderable") {
      r.at(diag.mark, diag.pointer, diag.message, diag.fix);
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
