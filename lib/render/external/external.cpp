// SPDX-License-Identifier: Apache-2.0
// --mode external: isvc-scale's own ScaledObject, HPA and PodMonitor for each component the
// plan gives an engine, and the InferenceService re-emitted to hand scaling over.
#include "render/common.hpp"
#include "render/external/handover.hpp"
#include "render/external/isvc_reemit.hpp"
#include "render/renderers.hpp"

#include <fmt/format.h>

namespace isvc::render {
namespace {

// --mode external: components isvc-scale renders nothing for. False: skip the component.
bool external_component_renders(const Context& ctx, const std::string& label_text, Result& out) {
  if (ctx.cp != nullptr && ctx.cp->bad_autoscaler != nullptr) {
    return false; // isvc-annotation-value, reported by plan::resolve
  }
  if (ctx.meta.stopped) {
    // KServe scales a stopped component to nothing; a scaler would fight it.
    out.notes.push_back(
        fmt::format("{}: serving.kserve.io/stop is true: no autoscaler rendered", label_text));
    return false;
  }
  if (wants_otel_collector(ctx)) {
    // KServe's otel reconciler runs whatever the autoscaler class (also for
    // external), so rendering our own collector would fight over the object.
    out.notes.push_back(fmt::format("{}: KServe creates OpenTelemetryCollector {} itself "
                                    "(also with autoscalerClass external); not rendered",
                                    label_text, ctx.meta.name));
  }
  return true;
}

// --mode external renders only what KServe would run in Standard mode; false (after a note)
// when the written annotation names another mode (see plan::Plan::external_renders).
bool external_mode_renders(const plan::Plan& plan, Result& out) {
  if (plan.external_renders()) {
    return true;
  }
  const auto* written = plan.mode_annotation;
  if (written == nullptr) {
    out.notes.push_back(fmt::format("{}: deployment mode {}{}: {}; isvc-scale renders nothing for "
                                    "it (set serving.kserve.io/deploymentMode: Standard, or pass "
                                    "--kserve-config with defaultDeploymentMode Standard)",
                                    label(*plan.isvc), plan.mode.empty() ? "unknown" : plan.mode,
                                    mode_source(*plan.isvc, false),
                                    not_standard_reason(plan.mode)));
    return false;
  }
  std::string written_mode = kserve::normalize_deployment_mode(**written);
  std::string why =
      written_mode.empty()
          ? fmt::format("\"{}\" is not a mode KServe knows (Standard, Knative, ModelMesh, "
                        "RawDeployment, Serverless, compared case-sensitively)",
                        **written)
      : written_mode == "ModelMesh" ? not_standard_reason(written_mode)
                                    : std::string("Knative's KPA owns scaling");
  out.notes.push_back(fmt::format("{}: deployment mode {}: {}; isvc-scale renders nothing for it",
                                  label(*plan.isvc),
                                  written_mode.empty() ? "unknown" : written_mode, why));
  return false;
}

} // namespace

bool render_external(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink) {
  const model::InferenceService& isvc = *plan.isvc;
  std::size_t errors_before = sink.size();
  // Only the webhook checks that hold for any autoscaler class: render hands scaling over.
  for (const auto& v : plan.violations) {
    if (v.check == "kserve-name" || v.check == "kserve-replicas" ||
        v.check == "kserve-container-concurrency") {
      refuse(isvc, v, sink);
      return false;
    }
  }
  if (!external_mode_renders(plan, out)) {
    return false;
  }
  if (!isvc.canaries.empty()) {
    out.notes.push_back(
        fmt::format("{}: spec.canary: canary predictors keep fixed replicas and get "
                    "no autoscaler from isvc-scale",
                    label(isvc)));
  }
  std::size_t first_object = out.objects.size();
  std::vector<Item> items;
  for (const auto& cp : plan.components) {
    items.push_back({*cp.comp, cp.meta, cp.engine, &cp});
  }
  render_items(plan, opts, items, plan.ext, external_component_renders, out, sink);
  for (std::size_t i = errors_before; i < sink.size(); ++i) {
    if (sink.items()[i].severity == diag::Severity::error) {
      return false;
    }
  }
  if (opts.diagnostics_only) {
    return true;
  }
  note_pod_scoped(plan, out);
  ComponentAnnotations per_component;
  auto set = handover(plan, out, per_component);
  out.objects.insert(out.objects.begin() + static_cast<std::ptrdiff_t>(first_object),
                     emit::Object{reemit_isvc(isvc, set, opts.ns, per_component), source_of(isvc)});
  return true;
}

} // namespace isvc::render
