// SPDX-License-Identifier: Apache-2.0
// --mode kserve: a preview of what KServe's controller creates for the InferenceService as
// written (KServe v0.20 pkg/controller/v1beta1/inferenceservice/controller.go and its
// reconcilers), canary predictors included.
#include "kserve/component_meta.hpp"
#include "render/common.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace isvc::render {
namespace {

// buildCanaryPredictor: the stable predictor with the canary's predictor merged
// over it (mergo.WithOverride: set fields win, maps merge key by key), its
// autoscaling fields zeroed and minReplicas fixed.
model::Component canary_predictor(const model::Component& stable,
                                  const model::Canary& canary,
                                  std::int64_t replicas) {
  const model::Component& over = canary.predictor;
  model::Component c;
  c.kind = model::ComponentKind::predictor;
  c.present = true;
  c.name = canary.name;
  c.min_replicas.value = replicas;
  c.min_replicas.set = true;
  c.mark = canary.mark;
  c.pointer = canary.pointer;
  c.annotations = stable.annotations;
  for (const auto& [k, v] : over.annotations) {
    c.annotations[k] = v;
  }
  c.labels = stable.labels;
  for (const auto& [k, v] : over.labels) {
    c.labels[k] = v;
  }
  c.storage_uri =
      over.storage_uri && !over.storage_uri->empty() ? over.storage_uri : stable.storage_uri;
  c.storage = over.storage.present ? over.storage : stable.storage;
  c.logger = over.logger.present ? over.logger : stable.logger;
  c.batcher = over.batcher.present ? over.batcher : stable.batcher;
  c.has_containers = over.has_containers || stable.has_containers;
  c.multi_model_env = over.has_containers ? over.multi_model_env : stable.multi_model_env;
  c.has_implementation = over.has_implementation || stable.has_implementation;
  c.huggingface = over.has_implementation ? over.huggingface : stable.huggingface;
  return c;
}

// What KServe reconciles for a canary rollout
// (pkg/controller/v1beta1/inferenceservice/components/predictor.go Reconcile :184 and
// buildCanaryPredictor :902 at kserve/kserve aaac4e2): the predictor's minReplicas lowered by the
// canary replicas (never below 1), then, before transformer and explainer
// (reconcileCanaryDeployments runs inside the predictor's reconcile), one fixed-size predictor per
// canary.
std::vector<model::Component> with_canaries(const model::InferenceService& isvc) {
  std::vector<model::Component> comps(isvc.components.begin(), isvc.components.end());
  if (isvc.canaries.empty()) {
    return comps;
  }
  auto replicas = kserve::canary_replicas(isvc);
  std::int64_t total = 0;
  for (auto r : replicas) {
    total += r;
  }
  auto& pred = comps[0];
  if (pred.min_replicas) {
    pred.min_replicas.value = std::max<std::int64_t>(*pred.min_replicas - total, 1);
  }
  std::vector<model::Component> canaries;
  for (std::size_t i = 0; i < isvc.canaries.size(); ++i) {
    canaries.push_back(canary_predictor(isvc.predictor(), isvc.canaries[i], replicas[i]));
  }
  comps.insert(comps.begin() + 1, canaries.begin(), canaries.end());
  return comps;
}

// The components KServe reconciles, canary predictors included, with the controller's
// internal annotations.
std::vector<Item> kserve_items(const plan::Plan& plan, const Options& opts) {
  std::vector<Item> items;
  for (auto& comp : with_canaries(*plan.isvc)) {
    if (!comp.present) {
      continue;
    }
    kserve::ComponentMeta meta = kserve::component_meta(*plan.isvc, comp, &opts.config, true);
    if (!opts.ns.empty()) {
      meta.ns = opts.ns;
    }
    items.push_back({std::move(comp), std::move(meta), Engine::none, nullptr});
  }
  return items;
}

// --mode kserve: what KServe creates nothing for, said as a note. False: skip the component.
bool kserve_component_renders(const Context& ctx, const std::string& label_text, Result& out) {
  const std::string& cls = ctx.meta.autoscaler_class;
  if (cls != "hpa" && cls != "keda" && cls != "external" && cls != "none") {
    ctx.refuse(ctx.comp.mark, ctx.comp.pointer, "kserve-autoscaler-class",
               fmt::format("unknown autoscaler class type: {}", cls),
               "Use hpa, keda, external or none.");
    return false;
  }
  if (ctx.meta.stopped) {
    out.notes.push_back(fmt::format("{}: serving.kserve.io/stop is true: KServe creates "
                                    "nothing for it",
                                    label_text));
    return false;
  }
  if (cls == "external" || cls == "none") {
    out.notes.push_back(fmt::format("{}: autoscalerClass {}: KServe creates no "
                                    "HorizontalPodAutoscaler or ScaledObject",
                                    label_text, cls));
  }
  return true;
}

} // namespace

bool render_kserve(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink) {
  const model::InferenceService& isvc = *plan.isvc;
  if (!plan.violations.empty()) {
    refuse(isvc, plan.violations.front(), sink);
    return false;
  }
  if (plan.mode != "Standard") {
    out.notes.push_back(fmt::format(
        "{}: deployment mode {}{}: {}", label(isvc), plan.mode.empty() ? "unknown" : plan.mode,
        mode_source(isvc, plan.mode_from_annotation), not_standard_reason(plan.mode)));
    return false;
  }
  // KServe reads none of our annotations: say what is lost (ignore-check.* is lint's own).
  std::vector<std::string> ignored;
  for (const auto& [key, value] : isvc.annotations) {
    if (util::starts_with(key, model::k_ext_prefix)) {
      ignored.push_back(key);
    }
  }
  if (!ignored.empty()) {
    out.notes.push_back(fmt::format("{}: KServe ignores {}; render with --mode external to keep "
                                    "them",
                                    label(isvc), fmt::join(ignored, ", ")));
  }
  if (opts.ns.empty() && isvc.ns->empty()) {
    out.notes.push_back(fmt::format("{}: no metadata.namespace: KServe uses the namespace the "
                                    "InferenceService is applied to, which the preview cannot "
                                    "know (PodMetric queries show namespace=\"\"); pass "
                                    "--namespace",
                                    label(isvc)));
  }
  // KServe ignores our annotations, so the preview does too.
  static const model::Extensions k_none;
  render_items(plan, opts, kserve_items(plan, opts), k_none, kserve_component_renders, out, sink);
  return false;
}

} // namespace isvc::render
