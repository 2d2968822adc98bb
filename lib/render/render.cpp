// SPDX-License-Identifier: Apache-2.0
#include "render/render.hpp"

#include "kserve/component_meta.hpp"
#include "kserve/webhook.hpp"
#include "model/extensions.hpp"
#include "plan/extensions.hpp"
#include "plan/plan.hpp"
#include "promql/presets.hpp"
#include "render/isvc_reemit.hpp"
#include "render/renderers.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>

namespace isvc::render {
namespace {

constexpr const char* k_autoscaler_key = "isvc-scale.io/autoscaler";

std::string source_of(const model::InferenceService& isvc) {
  return fmt::format("{}#{}", isvc.file,
                     isvc.doc_ref.empty() ? std::to_string(isvc.doc) : isvc.doc_ref);
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

// What KServe reconciles for a canary rollout (kserve-mapping.md sections 2 and 9):
// the predictor's minReplicas lowered by the canary replicas (never below 1),
// then, before transformer and explainer (reconcileCanaryDeployments runs inside
// the predictor's reconcile), one fixed-size predictor per canary.
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

// The components to render: in --mode external the plan's; in --mode kserve also the
// canary predictors KServe reconciles, with the controller's internal annotations.
struct Item {
  model::Component comp;
  kserve::ComponentMeta meta;
  Engine engine = Engine::none;
  const plan::ComponentPlan* cp = nullptr;
};

std::vector<Item> items_for(const plan::Plan& plan, const Options& opts) {
  std::vector<Item> items;
  if (opts.mode == Mode::external) {
    for (const auto& cp : plan.components) {
      items.push_back({*cp.comp, cp.meta, cp.engine, &cp});
    }
    return items;
  }
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

void render_components(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink) {
  const model::InferenceService& isvc = *plan.isvc;
  static const model::Extensions k_none;
  // KServe ignores our annotations, so the preview does too.
  const model::Extensions& ext = opts.mode == Mode::external ? plan.ext : k_none;
  for (const auto& item : items_for(plan, opts)) {
    Context ctx{isvc, item.comp, item.meta, ext, opts, item.engine, sink, &plan, item.cp};
    std::string label_text = fmt::format("{} {}", label(isvc), model::to_string(item.comp.kind));
    bool renders = opts.mode == Mode::kserve ? kserve_component_renders(ctx, label_text, out)
                                             : external_component_renders(ctx, label_text, out);
    if (!renders) {
      continue;
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

// Where a non-Standard mode came from, for the note.
std::string mode_source(const model::InferenceService& isvc, bool annotated) {
  if (annotated) {
    return "";
  }
  const auto* a = isvc.annotation(kserve::k_deployment_mode);
  if (a == nullptr) {
    return " (no serving.kserve.io/deploymentMode annotation; the cluster default from the "
           "ConfigMap applies)";
  }
  return fmt::format(" (serving.kserve.io/deploymentMode \"{}\" is none of Standard, Knative, "
                     "ModelMesh, RawDeployment, Serverless, compared case-sensitively; the "
                     "cluster default from the ConfigMap applies)",
                     **a);
}

std::string not_standard_reason(const std::string& mode) {
  if (mode == "ModelMesh") {
    // controller.go: no predictor reconciler for ModelMesh; a transformer takes the
    // non-Standard (Knative Service) path.
    return "ModelMesh Serving runs the predictor (KServe's controller skips it; a transformer "
           "becomes a Knative Service), KServe creates no HorizontalPodAutoscaler or ScaledObject";
  }
  return "Knative's KPA owns scaling, KServe creates no HorizontalPodAutoscaler or ScaledObject";
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

// Writes into the re-emitted InferenceService what picks each component's engine on
// the next render, now that every autoscalerClass reads external: one
// isvc-scale.io/autoscaler when all components agree, else one per component that
// differs. A component without an autoscaler keeps (or gets) class none, which only
// holds when no isvc-scale.io/autoscaler sits on the InferenceService.
void record_engines(const std::vector<plan::ComponentPlan>& engines,
                    std::map<std::string, std::string>& set,
                    ComponentAnnotations& per_component) {
  auto name = [](Engine e) { return e == Engine::keda ? "keda" : "hpa"; };
  bool any_none = false;
  std::optional<Engine> shared;
  for (const auto& c : engines) {
    if (c.engine == Engine::none) {
      any_none = true;
    } else if (!shared) {
      shared = c.engine; // the predictor's, when it has one
    }
  }
  if (!any_none) {
    set[k_autoscaler_key] = name(*shared);
  }
  for (const auto& c : engines) {
    auto& ann = per_component[model::to_string(c.comp->kind)];
    if (c.engine == Engine::none) {
      ann[kserve::k_autoscaler_class] = "none";
    } else if (any_none || c.engine != *shared) {
      ann[k_autoscaler_key] = name(c.engine);
    }
  }
}

// KEDA-only annotations mean nothing to a HorizontalPodAutoscaler: say so instead of
// dropping them silently when no component is scaled by KEDA.
void note_keda_only(const plan::Plan& plan, Result& out) {
  if (plan.any_keda()) {
    return;
  }
  std::vector<std::string> unused;
  for (const auto& [key, value] : plan.isvc->annotations) {
    if (!util::starts_with(key, model::k_ext_prefix)) {
      continue;
    }
    const auto* k =
        plan::find_extension_key(std::string_view(key).substr(model::k_ext_prefix.size()));
    if (k != nullptr && k->keda_only) {
      unused.push_back(key);
    }
  }
  if (!unused.empty()) {
    out.notes.push_back(fmt::format("{}: {} only apply to a KEDA ScaledObject; the "
                                    "HorizontalPodAutoscaler rendered ignores them",
                                    label(*plan.isvc), fmt::join(unused, ", ")));
  }
}

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
  render_components(plan, opts, out, sink);
  return false;
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

// The annotations the re-emitted InferenceService gets so KServe leaves scaling to us.
// Switching a running service to isvc-scale: what KServe leaves behind and the order that works.
// KServe runs its HPA reconciler for class external too and deletes the HPA it owns
// (reconcilers/autoscaler/autoscaler_reconciler.go:93-94, hpa/hpa_reconciler.go:226-249
// shouldDeleteHPA), but only when it reconciles the new class; until then KEDA's webhook rejects
// a ScaledObject for a workload another HPA manages (KEDA apis/keda/v1alpha1/
// scaledobject_webhook.go:285-311 verifyHpas). With class external KServe builds no KEDA
// reconciler at all, so a ScaledObject it made under class keda stays (it deletes one only on
// stop, reconcilers/keda/keda_reconciler.go:303-311).
void note_switch(const plan::Plan& plan, Result& out) {
  for (const auto& cp : plan.components) {
    if (cp.engine == Engine::none || cp.meta.autoscaler_class == "external" ||
        cp.meta.autoscaler_class == "none") {
      continue;
    }
    std::string obj =
        fmt::format("{}/{}", cp.meta.ns.empty() ? "<namespace>" : cp.meta.ns, cp.meta.name);
    if (cp.meta.autoscaler_class == "keda") {
      out.notes.push_back(
          cp.keda() ? fmt::format("{}: switching from KServe's ScaledObject {}: KServe leaves it "
                                  "in place under autoscalerClass external; the rendered "
                                  "ScaledObject has the same name and replaces it",
                                  label(*plan.isvc), obj)
                    : fmt::format("{}: switching from KServe's ScaledObject {}: KServe leaves it "
                                  "in place under autoscalerClass external; delete it before "
                                  "applying the HorizontalPodAutoscaler, or both scale the "
                                  "Deployment",
                                  label(*plan.isvc), obj));
      continue;
    }
    out.notes.push_back(fmt::format(
        "{}: switching from KServe's HorizontalPodAutoscaler {}: apply the InferenceService "
        "first, wait until KServe has deleted that HPA (kubectl get hpa says NotFound), then "
        "apply the {}; {}",
        label(*plan.isvc), obj, cp.keda() ? "ScaledObject" : "HorizontalPodAutoscaler",
        cp.keda() ? "until then KEDA's webhook rejects it (the workload is already managed by "
                    "that HPA)"
                  : "until then two HPAs scale the Deployment"));
  }
}

// An HPA reads External and Pods metrics through APIs only a metrics adapter serves; where KEDA
// runs, its APIService owns external.metrics.k8s.io (KEDA config/metrics-server/
// api_service.yaml:1-17) and answers only for ScaledObjects (pkg/provider/provider.go:98-103).
void note_adapter(const plan::Plan& plan, Result& out) {
  for (const auto& cp : plan.components) {
    if (cp.engine != Engine::hpa) {
      continue;
    }
    bool external = false;
    bool pods = false;
    for (const auto& m : cp.comp->autoscaling.metrics) {
      std::string t = m.type ? *m.type : "";
      external = external || t == "External";
      pods = pods || t == "PodMetric" || t == "Pods";
    }
    if (external || pods) {
      out.notes.push_back(
          fmt::format("{}: HorizontalPodAutoscaler {} reads {} metrics from a metrics adapter "
                      "(prometheus-adapter); where KEDA runs, KEDA's APIService owns "
                      "external.metrics.k8s.io and serves only ScaledObjects [hpa-metrics-adapter]",
                      label(*plan.isvc), cp.external_hpa_name,
                      external && pods ? "External and Pods"
                      : external       ? "External"
                                       : "Pods"));
    }
  }
}

std::map<std::string, std::string>
handover(const plan::Plan& plan, Result& out, ComponentAnnotations& per_component) {
  std::map<std::string, std::string> set;
  const auto& isvc = *plan.isvc;
  if (std::any_of(plan.components.begin(), plan.components.end(),
                  [](const plan::ComponentPlan& c) { return c.engine != Engine::none; })) {
    set[kserve::k_autoscaler_class] = "external";
    record_engines(plan.components, set, per_component);
    note_keda_only(plan, out);
    note_switch(plan, out);
    note_adapter(plan, out);
  } else {
    if (std::any_of(plan.components.begin(), plan.components.end(),
                    [](const plan::ComponentPlan& c) { return c.multinode; })) {
      set[kserve::k_autoscaler_class] = "none"; // KServe's webhook: multi-node needs none
    }
    out.notes.push_back(fmt::format("{}: autoscalerClass none pins replicas to minReplicas; "
                                    "isvc-scale renders no autoscaler for it",
                                    label(isvc)));
  }
  if (plan.mode_annotation == nullptr) {
    set[kserve::k_deployment_mode] = "Standard";
    out.notes.push_back(fmt::format("{}: no serving.kserve.io/deploymentMode annotation: wrote "
                                    "Standard, which --mode external needs",
                                    label(isvc)));
  }
  return set;
}

// Where vLLM's model_name label cannot tell this service apart (plan/model_names.cpp), the
// vllm-* presets match its pods instead; lint says so too (vllm-model-name-not-distinct).
void note_pod_scoped(const plan::Plan& plan, Result& out) {
  for (const auto& cp : plan.components) {
    if (!cp.names.engine.empty()) {
      continue;
    }
    for (const auto& m : cp.comp->autoscaling.metrics) {
      const auto& q = m.external.query;
      const auto* p = q && util::starts_with(*q, promql::k_preset_prefix)
                          ? promql::find_preset(q->substr(promql::k_preset_prefix.size()))
                          : nullptr;
      if (p != nullptr && promql::uses_engine_match(*p)) {
        out.notes.push_back(fmt::format("{}: {} selects pod=~\"{}-.*\" in namespace {}, not "
                                        "model_name: {}",
                                        label(*plan.isvc), *q, cp.meta.name, cp.meta.ns,
                                        cp.names.source));
      }
    }
  }
}

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
  render_components(plan, opts, out, sink);
  for (std::size_t i = errors_before; i < sink.size(); ++i) {
    if (sink.items()[i].severity == diag::Severity::error) {
      return false;
    }
  }
  note_pod_scoped(plan, out);
  ComponentAnnotations per_component;
  auto set = handover(plan, out, per_component);
  out.objects.insert(out.objects.begin() + static_cast<std::ptrdiff_t>(first_object),
                     emit::Object{reemit_isvc(isvc, set, opts.ns, per_component), source_of(isvc)});
  return true;
}

} // namespace

bool render_plan(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink) {
  if (!has_name(*plan.isvc, sink)) {
    return false;
  }
  return opts.mode == Mode::kserve ? render_kserve(plan, opts, out, sink)
                                   : render_external(plan, opts, out, sink);
}

bool render_isvc(const model::InferenceService& isvc,
                 const Options& opts,
                 Result& out,
                 diag::Sink& sink) {
  // The preview ignores our annotations as KServe does: their findings are lint's.
  diag::Sink ignored;
  plan::Plan plan =
      plan::resolve(isvc, opts.config, opts.ns, opts.mode == Mode::external ? sink : ignored);
  return render_plan(plan, opts, out, sink);
}

} // namespace isvc::render
