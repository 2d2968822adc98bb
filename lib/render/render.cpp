// SPDX-License-Identifier: Apache-2.0
#include "render/render.hpp"

#include "kserve/component_meta.hpp"
#include "kserve/webhook.hpp"
#include "model/extensions.hpp"
#include "parse/extensions.hpp"
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

/// The engine one present component got, for the re-emitted InferenceService.
struct ComponentEngine {
  model::ComponentKind kind;
  Engine engine;
};

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

// The annotation on a component wins over the one on the InferenceService, as in
// KServe's merged component annotations (kserve-mapping.md section 2).
const model::Field<std::string>* own_autoscaler(const model::Component& c) {
  auto it = c.annotations.find(k_autoscaler_key);
  return it == c.annotations.end() ? nullptr : &it->second;
}

Engine engine_for(const model::Component& c,
                  const kserve::ComponentMeta& meta,
                  const model::Extensions& ext) {
  if (const auto* own = own_autoscaler(c); own != nullptr && (**own == "keda" || **own == "hpa")) {
    return **own == "keda" ? Engine::keda : Engine::hpa;
  }
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

void render_components(const model::InferenceService& isvc,
                       const model::Extensions& ext,
                       const Options& opts,
                       Result& out,
                       diag::Sink& sink,
                       std::vector<ComponentEngine>* engines) {
  const auto comps =
      opts.mode == Mode::kserve
          ? with_canaries(isvc)
          : std::vector<model::Component>(isvc.components.begin(), isvc.components.end());
  for (const auto& comp : comps) {
    if (!comp.present) {
      continue;
    }
    kserve::ComponentMeta meta =
        kserve::component_meta(isvc, comp, &opts.config, opts.mode == Mode::kserve);
    if (!opts.ns.empty()) {
      meta.ns = opts.ns;
    }
    Engine engine = opts.mode == Mode::external ? engine_for(comp, meta, ext) : Engine::none;
    if (engines != nullptr) {
      engines->push_back({comp.kind, engine});
    }
    Context ctx{isvc, comp, meta, ext, opts, engine, sink};
    if (const auto* own = own_autoscaler(comp);
        opts.mode == Mode::external && own != nullptr && **own != "keda" && **own != "hpa") {
      ctx.refuse(own->mark, own->pointer, "isvc-annotation-value",
                 fmt::format("annotation {} must be \"keda\" or \"hpa\", not \"{}\"",
                             k_autoscaler_key, **own),
                 "Use keda (ScaledObject) or hpa (HorizontalPodAutoscaler).");
      continue;
    }
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
void record_engines(const std::vector<ComponentEngine>& engines,
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
    auto& ann = per_component[model::to_string(c.kind)];
    if (c.engine == Engine::none) {
      ann[kserve::k_autoscaler_class] = "none";
    } else if (any_none || c.engine != *shared) {
      ann[k_autoscaler_key] = name(c.engine);
    }
  }
}

// KEDA-only annotations mean nothing to a HorizontalPodAutoscaler: say so instead of
// dropping them silently when no component is scaled by KEDA.
void note_keda_only(const model::InferenceService& isvc,
                    const std::vector<ComponentEngine>& engines,
                    Result& out) {
  if (std::any_of(engines.begin(), engines.end(),
                  [](const ComponentEngine& c) { return c.engine == Engine::keda; })) {
    return;
  }
  std::vector<std::string> unused;
  for (const auto& [key, value] : isvc.annotations) {
    static constexpr std::string_view k_keda_only[] = {"polling-interval", "cooldown-period",
                                                       "initial-cooldown-period", "fallback-",
                                                       "activation-"};
    if (!util::starts_with(key, model::k_ext_prefix)) {
      continue;
    }
    std::string_view sub = std::string_view(key).substr(model::k_ext_prefix.size());
    for (auto k : k_keda_only) {
      if (k.back() == '-' ? util::starts_with(sub, k) : sub == k) {
        unused.push_back(key);
        break;
      }
    }
  }
  if (!unused.empty()) {
    out.notes.push_back(fmt::format("{}: {} only apply to a KEDA ScaledObject; the "
                                    "HorizontalPodAutoscaler rendered ignores them",
                                    label(isvc), fmt::join(unused, ", ")));
  }
}

} // namespace

bool render_isvc(const model::InferenceService& isvc,
                 const Options& opts,
                 Result& out,
                 diag::Sink& sink) {
  if (!has_name(isvc, sink)) {
    return false;
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
      return false;
    }
    if (mode != "Standard") {
      out.notes.push_back(fmt::format("{}: deployment mode {}{}: {}", label(isvc),
                                      mode.empty() ? "unknown" : mode, mode_source(isvc, annotated),
                                      not_standard_reason(mode)));
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
    render_components(isvc, ext, opts, out, sink, nullptr);
    return false;
  }

  // --mode external: only the checks that hold for any autoscaler class.
  for (const auto& v : violations) {
    if (v.check == "kserve-name" || v.check == "kserve-replicas" ||
        v.check == "kserve-container-concurrency") {
      refuse(isvc, v, sink);
      return false;
    }
  }
  // External mode goes by the annotation as written: an unknown value is not
  // replaced by Standard behind the user's back.
  const auto* written = isvc.annotation(kserve::k_deployment_mode);
  std::string written_mode = written != nullptr ? kserve::normalize_deployment_mode(**written) : "";
  if (written != nullptr && written_mode != "Standard") {
    std::string why =
        written_mode.empty()
            ? fmt::format("\"{}\" is not a mode KServe knows (Standard, Knative, ModelMesh, "
                          "RawDeployment, Serverless, compared case-sensitively)",
                          **written)
        : written_mode == "ModelMesh" ? not_standard_reason(written_mode)
                                      : std::string("Knative's KPA owns scaling");
    out.notes.push_back(fmt::format("{}: deployment mode {}: {}; isvc-scale renders nothing for it",
                                    label(isvc), written_mode.empty() ? "unknown" : written_mode,
                                    why));
    return false;
  }
  if (!isvc.canaries.empty()) {
    out.notes.push_back(
        fmt::format("{}: spec.canary: canary predictors keep fixed replicas and get "
                    "no autoscaler from isvc-scale",
                    label(isvc)));
  }
  std::size_t first_object = out.objects.size();
  std::vector<ComponentEngine> engines;
  render_components(isvc, ext, opts, out, sink, &engines);
  for (std::size_t i = errors_before; i < sink.size(); ++i) {
    if (sink.items()[i].severity == diag::Severity::error) {
      return false;
    }
  }
  std::map<std::string, std::string> set;
  ComponentAnnotations per_component;
  if (std::any_of(engines.begin(), engines.end(),
                  [](const ComponentEngine& c) { return c.engine != Engine::none; })) {
    set[kserve::k_autoscaler_class] = "external";
    record_engines(engines, set, per_component);
    note_keda_only(isvc, engines, out);
  } else {
    out.notes.push_back(fmt::format("{}: autoscalerClass none pins replicas to minReplicas; "
                                    "isvc-scale renders no autoscaler for it",
                                    label(isvc)));
  }
  if (written == nullptr) {
    set[kserve::k_deployment_mode] = "Standard";
    out.notes.push_back(fmt::format("{}: no serving.kserve.io/deploymentMode annotation: wrote "
                                    "Standard, which --mode external needs",
                                    label(isvc)));
  }
  out.objects.insert(out.objects.begin() + static_cast<std::ptrdiff_t>(first_object),
                     emit::Object{reemit_isvc(isvc, set, opts.ns, per_component), source_of(isvc)});
  return true;
}

} // namespace isvc::render
