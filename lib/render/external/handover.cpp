// SPDX-License-Identifier: Apache-2.0
#include "render/external/handover.hpp"

#include "kserve/component_meta.hpp"
#include "plan/extensions.hpp"
#include "promql/presets.hpp"
#include "render/common.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>

namespace isvc::render {
namespace {

constexpr const char* k_autoscaler_key = "isvc-scale.io/autoscaler";

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

} // namespace

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

} // namespace isvc::render
