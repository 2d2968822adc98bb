// SPDX-License-Identifier: Apache-2.0
#include "render/render.hpp"

#include "kserve/component_meta.hpp"
#include "kserve/webhook.hpp"
#include "model/extensions.hpp"
#include "parse/extensions.hpp"
#include "render/isvc_reemit.hpp"
#include "render/renderers.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace isvc::render {
namespace {

std::string source_of(const model::InferenceService& isvc) {
  return fmt::format("{}#{}", isvc.file, isvc.doc);
}

std::string label(const model::InferenceService& isvc) {
  return fmt::format("{}: InferenceService {}", source_of(isvc), *isvc.name);
}

void refuse(const model::InferenceService& isvc, const kserve::Violation& v, diag::Sink& sink) {
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = v.mark.line == 0 ? isvc.mark : v.mark;
  d.pointer = v.pointer;
  d.severity = diag::Severity::error;
  d.rule = v.check;
  d.message = v.message;
  d.fix = "KServe's admission webhook rejects this InferenceService; fix the field first.";
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, *isvc.name};
  sink.add(std::move(d));
}

Engine engine_for(const model::Component& c,
                  const kserve::ComponentMeta& meta,
                  const model::Extensions& ext) {
  if (ext.autoscaler) {
    return *ext.autoscaler == "keda" ? Engine::keda : Engine::hpa;
  }
  const std::string& cls = meta.autoscaler_class;
  if (cls == "keda") {
    return Engine::keda;
  }
  if (cls == "none") {
    return Engine::none;
  }
  if (cls == "external") {
    bool needs_keda = c.min_replicas && *c.min_replicas == 0;
    for (const auto& m : c.autoscaling.metrics) {
      needs_keda = needs_keda || !(m.type && *m.type == "Resource");
    }
    return needs_keda ? Engine::keda : Engine::hpa;
  }
  return Engine::hpa;
}

// What KServe reconciles for a canary rollout (kserve-mapping.md sections 2 and 9):
// the predictor's minReplicas lowered by the canary replicas (never below 1),
// plus one fixed-size predictor per canary (ext = {minReplicas} only).
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
  for (std::size_t i = 0; i < isvc.canaries.size(); ++i) {
    model::Component c;
    c.kind = model::ComponentKind::predictor;
    c.present = true;
    c.name = isvc.canaries[i].name;
    c.min_replicas.value = replicas[i];
    c.min_replicas.set = true;
    c.mark = isvc.canaries[i].mark;
    c.pointer = isvc.canaries[i].pointer;
    comps.push_back(std::move(c));
  }
  return comps;
}

void render_components(const model::InferenceService& isvc,
                       const model::Extensions& ext,
                       const Options& opts,
                       Result& out,
                       diag::Sink& sink,
                       bool* any_engine) {
  const auto comps =
      opts.mode == Mode::kserve
          ? with_canaries(isvc)
          : std::vector<model::Component>(isvc.components.begin(), isvc.components.end());
  for (const auto& comp : comps) {
    if (!comp.present) {
      continue;
    }
    kserve::ComponentMeta meta = kserve::component_meta(isvc, comp, &opts.config);
    if (!opts.ns.empty()) {
      meta.ns = opts.ns;
    }
    Engine engine = opts.mode == Mode::external ? engine_for(comp, meta, ext) : Engine::none;
    if (any_engine != nullptr && engine != Engine::none) {
      *any_engine = true;
    }
    Context ctx{isvc, comp, meta, ext, opts, engine, sink};
    if (opts.mode == Mode::external && meta.stopped) {
      // KServe scales a stopped component to nothing; a scaler would fight it.
      out.notes.push_back(
          fmt::format("{} {}: serving.kserve.io/stop is true: no autoscaler rendered", label(isvc),
                      model::to_string(comp.kind)));
      continue;
    }
    if (opts.mode == Mode::kserve) {
      const std::string& cls = meta.autoscaler_class;
      if (cls != "hpa" && cls != "keda" && cls != "external" && cls != "none") {
        ctx.refuse(comp.mark, comp.pointer, "kserve-autoscaler-class",
                   fmt::format("unknown autoscaler class type: {}", cls),
                   "Use hpa, keda, external or none.");
        continue;
      }
      if (meta.stopped) {
        out.notes.push_back(fmt::format("{} {}: serving.kserve.io/stop is true: KServe creates "
                                        "nothing for it",
                                        label(isvc), model::to_string(comp.kind)));
        continue;
      }
      if (cls == "external" || cls == "none") {
        out.notes.push_back(fmt::format("{} {}: autoscalerClass {}: KServe creates no "
                                        "HorizontalPodAutoscaler or ScaledObject",
                                        label(isvc), model::to_string(comp.kind), cls));
      }
    }
    if (opts.mode == Mode::external && wants_otel_collector(ctx)) {
      // KServe's otel reconciler runs whatever the autoscaler class (also for
      // external), so rendering our own collector would fight over the object.
      out.notes.push_back(fmt::format("{} {}: KServe creates OpenTelemetryCollector {} itself "
                                      "(also with autoscalerClass external); not rendered",
                                      label(isvc), model::to_string(comp.kind), meta.name));
    }
    for (const auto& r : renderers()) {
      if (r.mode != opts.mode || !r.applies(ctx)) {
        continue;
      }
      if (auto doc = r.render(ctx)) {
        out.objects.push_back(emit::Object{std::move(*doc), source_of(isvc)});
      }
    }
  }
}

bool has_name(const model::InferenceService& isvc, diag::Sink& sink) {
  if (isvc.name && !isvc.name->empty()) {
    return true;
  }
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = isvc.mark;
  d.pointer = "/metadata/name";
  d.severity = diag::Severity::error;
  d.rule = "schema-required";
  d.message = "metadata.name is required";
  d.fix = "Give the InferenceService a name.";
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, ""};
  sink.add(std::move(d));
  return false;
}

} // namespace

void render_isvc(const model::InferenceService& isvc,
                 const Options& opts,
                 Result& out,
                 diag::Sink& sink) {
  if (!has_name(isvc, sink)) {
    return;
  }
  std::size_t errors_before = sink.size();
  // KServe ignores our annotations, so the preview does too.
  model::Extensions ext =
      opts.mode == Mode::external ? parse::read_extensions(isvc, sink) : model::Extensions{};
  bool annotated = false;
  std::string mode = kserve::deployment_mode(isvc, opts.config, &annotated);
  auto violations = kserve::validate(isvc, opts.config);

  if (opts.mode == Mode::kserve) {
    if (!violations.empty()) {
      refuse(isvc, violations.front(), sink);
      return;
    }
    if (mode != "Standard") {
      out.notes.push_back(fmt::format(
          "{}: deployment mode {}{}: Knative's KPA owns scaling, KServe creates no "
          "HorizontalPodAutoscaler or ScaledObject",
          label(isvc), mode.empty() ? "unknown" : mode,
          annotated ? ""
                    : " (no serving.kserve.io/deploymentMode annotation; the cluster default "
                      "from the ConfigMap applies)"));
      return;
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
    render_components(isvc, ext, opts, out, sink, nullptr);
    return;
  }

  // --mode external: only the checks that hold for any autoscaler class.
  for (const auto& v : violations) {
    if (v.check == "kserve-name" || v.check == "kserve-replicas" ||
        v.check == "kserve-container-concurrency") {
      refuse(isvc, v, sink);
      return;
    }
  }
  if (annotated && mode != "Standard") {
    out.notes.push_back(fmt::format("{}: deployment mode {}: Knative's KPA owns scaling; "
                                    "isvc-scale renders nothing for it",
                                    label(isvc), mode.empty() ? "unknown" : mode));
    return;
  }
  if (!isvc.canaries.empty()) {
    out.notes.push_back(
        fmt::format("{}: spec.canary: canary predictors keep fixed replicas and get "
                    "no autoscaler from isvc-scale",
                    label(isvc)));
  }
  std::size_t first_object = out.objects.size();
  bool any_engine = false;
  render_components(isvc, ext, opts, out, sink, &any_engine);
  for (std::size_t i = errors_before; i < sink.size(); ++i) {
    if (sink.items()[i].severity == diag::Severity::error) {
      return;
    }
  }
  std::map<std::string, std::string> set;
  if (any_engine) {
    set[kserve::k_autoscaler_class] = "external";
    const auto& pred = isvc.predictor();
    kserve::ComponentMeta meta = kserve::component_meta(isvc, pred);
    Engine e = engine_for(pred, meta, ext);
    if (pred.present && e != Engine::none) {
      set["isvc-scale.io/autoscaler"] = e == Engine::keda ? "keda" : "hpa";
    }
  } else {
    out.notes.push_back(fmt::format("{}: autoscalerClass none pins replicas to minReplicas; "
                                    "isvc-scale renders no autoscaler for it",
                                    label(isvc)));
  }
  if (!annotated) {
    set[kserve::k_deployment_mode] = "Standard";
    out.notes.push_back(fmt::format("{}: no serving.kserve.io/deploymentMode annotation: wrote "
                                    "Standard, which --mode external needs",
                                    label(isvc)));
  }
  out.objects.insert(out.objects.begin() + static_cast<std::ptrdiff_t>(first_object),
                     emit::Object{reemit_isvc(isvc, set, opts.ns), source_of(isvc)});
}

} // namespace isvc::render
