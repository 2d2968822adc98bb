// SPDX-License-Identifier: Apache-2.0
#include "plan/plan.hpp"

#include "plan/extensions.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace isvc::plan {
namespace {

constexpr const char* k_autoscaler_key = "isvc-scale.io/autoscaler";

// The annotation on a component wins over the one on the InferenceService, as in
// KServe's merged component annotations (KServe pkg/controller/v1beta1/inferenceservice/
// components/predictor.go: the component's annotations are merged over the ISVC's).
const model::Field<std::string>* own_autoscaler(const model::Component& c) {
  auto it = c.annotations.find(k_autoscaler_key);
  return it == c.annotations.end() ? nullptr : &it->second;
}

bool valid_engine(const std::string& v) { return v == "keda" || v == "hpa"; }

void report_bad_autoscaler(const model::InferenceService& isvc,
                           const model::Field<std::string>& at,
                           diag::Sink& sink) {
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = at.mark;
  d.pointer = at.pointer;
  d.severity = diag::Severity::error;
  d.rule = "isvc-annotation-value";
  d.message = fmt::format("annotation {} must be \"keda\" or \"hpa\", not {}", k_autoscaler_key,
                          util::quoted(*at));
  d.fix = "Use keda (ScaledObject) or hpa (HorizontalPodAutoscaler).";
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, *isvc.name};
  sink.add(std::move(d));
}

void find_copied_extensions(const model::StringMap& annotations,
                            const kserve::Config& config,
                            Plan& p) {
  const auto& banned = config.service_annotation_disallowed;
  for (const auto& [key, value] : annotations) {
    // isvc-scale.io/autoscaler is the one key render writes itself: it changes only with the
    // scaler kind, a one-off like the switch to class external (which rolls the pods too).
    if (!util::starts_with(key, model::k_ext_prefix) || key == k_autoscaler_key ||
        std::find(banned.begin(), banned.end(), key) != banned.end()) {
      continue;
    }
    p.pod_template_extensions.push_back(&value);
    if (std::find(p.pod_template_extension_keys.begin(), p.pod_template_extension_keys.end(),
                  key) == p.pod_template_extension_keys.end()) {
      p.pod_template_extension_keys.push_back(key);
    }
  }
}

} // namespace

const char* to_string(Engine e) {
  switch (e) {
  case Engine::keda:
    return "keda";
  case Engine::hpa:
    return "hpa";
  case Engine::none:
    break;
  }
  return "none";
}

Engine engine_for(const model::Component& c,
                  const kserve::ComponentMeta& meta,
                  const model::Extensions& ext) {
  if (c.kind == model::ComponentKind::predictor && c.has_worker_spec && c.has_model) {
    return Engine::none;
  }
  if (const auto* own = own_autoscaler(c); own != nullptr && valid_engine(**own)) {
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

ReplicaBounds kserve_keda_replicas(const model::Component& c) {
  std::int64_t min = c.min_replicas ? *c.min_replicas : 1;
  std::int64_t max = c.max_replicas ? *c.max_replicas : 0;
  return {min, max < min ? min : max};
}

std::string keda_hpa_name(const std::string& scaled_object, const std::string& custom) {
  return custom.empty() ? "keda-hpa-" + scaled_object : custom;
}

std::string keda_custom_hpa_name(const std::string& scaled_object) {
  constexpr std::size_t k_max = 63;
  if (keda_hpa_name(scaled_object).size() <= k_max) {
    return "";
  }
  std::uint32_t h = 2166136261U;
  for (unsigned char ch : scaled_object) {
    h = (h ^ ch) * 16777619U;
  }
  return fmt::format("{}-{:08x}", scaled_object.substr(0, k_max - 9), h);
}

const ComponentPlan* Plan::component(model::ComponentKind kind) const {
  auto it = std::find_if(components.begin(), components.end(),
                         [kind](const ComponentPlan& c) { return c.comp->kind == kind; });
  return it == components.end() ? nullptr : &*it;
}

bool Plan::any_keda() const {
  return std::any_of(components.begin(), components.end(),
                     [](const ComponentPlan& c) { return c.keda(); });
}

bool Plan::external_renders() const {
  // An annotation naming no known mode is not replaced by the default behind the user's back.
  return mode == "Standard" && (mode_annotation == nullptr ||
                                kserve::normalize_deployment_mode(**mode_annotation) == "Standard");
}

Plan resolve(const model::InferenceService& isvc,
             const kserve::Config& config,
             const std::string& ns,
             diag::Sink& sink) {
  Plan p;
  p.isvc = &isvc;
  p.ext = read_extensions(isvc, sink);
  p.mode = kserve::deployment_mode(isvc, config, &p.mode_from_annotation);
  p.mode_annotation = isvc.annotation(kserve::k_deployment_mode);
  p.violations = kserve::validate(isvc, config);
  find_copied_extensions(isvc.annotations, config, p);
  for (const auto& c : isvc.components) {
    if (!c.present) {
      continue;
    }
    ComponentPlan cp;
    cp.comp = &c;
    cp.meta = kserve::component_meta(isvc, c, &config, false);
    if (!ns.empty()) {
      cp.meta.ns = ns;
    }
    cp.multinode = c.kind == model::ComponentKind::predictor && c.has_worker_spec && c.has_model;
    if (const auto* own = own_autoscaler(c); own != nullptr && !valid_engine(**own)) {
      cp.bad_autoscaler = own; // render skips the component; lint and render report it here
      report_bad_autoscaler(isvc, *own, sink);
    }
    cp.engine = engine_for(c, cp.meta, p.ext);
    cp.keda_hpa_name = keda_hpa_name(cp.meta.name);
    cp.names = model_names(isvc, c, &p.ext);
    cp.kserve_hpa_name = cp.meta.name;
    cp.external_hpa_name = cp.meta.name + "-isvc-scale";
    cp.keda_custom_hpa_name = keda_custom_hpa_name(cp.meta.name);
    cp.scrape = resolve_scrape(c, cp.meta.annotations);
    cp.wakes_itself =
        waking_load_metric(c) != nullptr && !p.ext.activation_query && !p.ext.activation_preset;
    if (cp.keda() && c.min_replicas && *c.min_replicas == 0 && !cp.wakes_itself) {
      cp.activation = resolve_activation(cp.meta.ns, isvc, c, p.ext);
    }
    find_copied_extensions(c.annotations, config, p);
    p.components.push_back(std::move(cp));
  }
  return p;
}

} // namespace isvc::plan
