// SPDX-License-Identifier: Apache-2.0
// --mode external: the ScaledObject with the whole intent (isvc-scale-render(1), RENDER MODES AND
// OBJECTS).
#include "render/external/activation_trigger.hpp"
#include "render/external/triggers.hpp"
#include "render/renderers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace isvc::render {
namespace {

// The EPP release travels with the ScaledObject, so that lint judges a rendered EPP activation
// trigger as render did (keda-scale-to-zero-no-activation reads it; plan::epp_queues_at_zero).
std::map<std::string, std::string> epp_annotation(const Context& ctx) {
  if (!ctx.ext.llm_d_version) {
    return {};
  }
  return {{"isvc-scale.io/llm-d-version", *ctx.ext.llm_d_version}};
}

constexpr std::size_t k_max_label = 63;

// KEDA's default cooldownPeriod (pkg/scaling/executor/scale_executor.go defaultCooldownPeriod).
constexpr std::int64_t k_keda_default_cooldown = 300;

// KEDA scales a ScaledObject whose triggers were never active to minReplicaCount once
// creationTimestamp + initialCooldownPeriod has passed (keda
// pkg/scaling/executor/scale_scaledobjects.go:212, scaleToZeroOrIdle), and the default is 0
// (scale_executor.go:35): the first poll would take a fresh Deployment to zero before its model
// has loaded or served anything. With minReplicas 0 the cooldown (or KEDA's 300 s) is the
// default grace.
std::optional<std::int64_t> initial_cooldown(const Context& ctx, std::int64_t min) {
  const auto& e = ctx.ext;
  if (e.initial_cooldown_period) {
    return *e.initial_cooldown_period;
  }
  if (min != 0) {
    return std::nullopt;
  }
  return e.cooldown_period ? *e.cooldown_period : k_keda_default_cooldown;
}

// The fallback annotations come as a pair, and KEDA's webhook (verifyFallback) wants a trigger
// that is not cpu/memory: those come from metrics-server and never fail over.
bool fallback_ok(const Context& ctx, const emit::Doc& triggers) {
  const auto& e = ctx.ext;
  if (e.fallback_failure_threshold.set != e.fallback_replicas.set) {
    const auto& at =
        e.fallback_failure_threshold ? e.fallback_failure_threshold : e.fallback_replicas;
    ctx.refuse(at.mark, at.pointer, "isvc-annotation-value",
               "fallback needs both isvc-scale.io/fallback-failure-threshold and "
               "isvc-scale.io/fallback-replicas",
               "Set both annotations, or neither.");
    return false;
  }
  if (e.fallback_failure_threshold) {
    bool coverable = false;
    for (const auto& t : triggers) {
      coverable = coverable || (t["type"] != "cpu" && t["type"] != "memory");
    }
    if (!coverable) {
      ctx.refuse(e.fallback_failure_threshold.mark, e.fallback_failure_threshold.pointer,
                 "render-unrenderable",
                 "at least one trigger (that is not cpu or memory) has to have the `AverageValue` "
                 "type for the fallback to be enabled",
                 "Drop the isvc-scale.io/fallback-* annotations, or add an External or PodMetric "
                 "metric the fallback can cover.");
      return false;
    }
  }
  return true;
}

// KEDA's prometheus scaler reads an empty result (or NaN) as 0 unless ignoreNullValues is
// "false" (keda pkg/scalers/prometheus_scaler.go:268-272, default true at :56), and only an
// error counts as a failure toward the fallback (pkg/fallback/fallback.go:124-145,
// GetMetricsWithFallback): a lost scrape target then scales to the minimum instead of to the
// fallback (kedacore/keda#3065). At minReplicaCount 0 the pods' series are empty whenever no
// pod runs, so "false" would fail every poll at zero and hold the service at the fallback.
void fail_on_empty(emit::Doc& triggers, std::int64_t min) {
  if (min == 0) {
    return;
  }
  for (auto& t : triggers) {
    if (t["type"] == "prometheus") {
      t["metadata"]["ignoreNullValues"] = "false";
    }
  }
}

// Every metric's trigger, then the activation trigger plan::resolve_activation decided for
// minReplicas 0. nullopt: a trigger was refused (each refusal is reported).
std::optional<emit::Doc> collect_triggers(const Context& ctx, std::int64_t min) {
  const auto& c = ctx.comp;
  bool ok = true;
  emit::Doc triggers = emit::Doc::array();
  for (const auto& m : c.autoscaling.metrics) {
    if (auto t = external_trigger(ctx, m)) {
      triggers.push_back(std::move(*t));
    } else {
      ok = false;
    }
  }
  // A load trigger on a gateway counter already wakes the service; an explicit activation
  // source still adds its keepalive.
  if (min == 0 && ctx.cp != nullptr && ctx.cp->activation) {
    const auto& a = *ctx.cp->activation;
    if (a.problem) {
      ctx.refuse(a.problem->mark, a.problem->pointer, a.problem->rule, a.problem->message,
                 a.problem->fix);
    }
    if (!a.activation) {
      return std::nullopt;
    }
    triggers.push_back(activation_trigger(*a.activation));
  }
  if (triggers.empty() && ok) {
    ctx.refuse(c.autoscaling.present ? c.autoscaling.mark : c.mark, c.autoscaling.pointer,
               "render-unrenderable",
               "KEDA needs at least one trigger: autoScaling.metrics is empty (no triggers "
               "defined in the ScaledObject/ScaledJob)",
               "Add autoScaling.metrics, e.g. a Resource cpu metric or an External prometheus "
               "metric.");
    return std::nullopt;
  }
  if (!fallback_ok(ctx, triggers) || !ok) {
    return std::nullopt;
  }
  return triggers;
}

// spec.advanced.horizontalPodAutoscalerConfig: the behavior, and KEDA's HPA name when
// keda-hpa-<name> would break the 63-character label limit: a shorter name, never KServe's
// own HPA name (plan::ComponentPlan::keda_custom_hpa_name); nullopt when neither is needed.
std::optional<emit::Doc> hpa_config(const Context& ctx) {
  auto behavior = full_behavior(ctx.comp.autoscaling.behavior);
  std::string custom_hpa =
      ctx.cp != nullptr ? ctx.cp->keda_custom_hpa_name : plan::keda_custom_hpa_name(ctx.meta.name);
  if (!behavior && custom_hpa.empty()) {
    return std::nullopt;
  }
  emit::Doc config = emit::Doc::object();
  if (!custom_hpa.empty()) {
    config["name"] = custom_hpa;
  }
  if (behavior) {
    config["behavior"] = std::move(*behavior);
  }
  return config;
}

emit::Doc scaled_object_spec(const Context& ctx, std::int64_t min, emit::Doc triggers) {
  const auto& c = ctx.comp;
  const auto& e = ctx.ext;
  // Unset (or below the minimum) means the minimum, and at least 1: with minReplicas 0
  // that would otherwise be maxReplicaCount 0, which the KEDA CRD rejects (minimum 1).
  std::int64_t max = c.max_replicas ? *c.max_replicas : 0;
  max = std::max({max, min, std::int64_t{1}});
  emit::Doc spec = emit::Doc::object();
  spec["scaleTargetRef"] =
      emit::Doc{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", ctx.meta.name}};
  if (e.polling_interval) {
    spec["pollingInterval"] = *e.polling_interval;
  }
  if (auto initial = initial_cooldown(ctx, min)) {
    spec["initialCooldownPeriod"] = *initial;
  }
  if (e.cooldown_period) {
    spec["cooldownPeriod"] = *e.cooldown_period;
  }
  spec["minReplicaCount"] = min;
  spec["maxReplicaCount"] = max;
  if (e.fallback_failure_threshold) {
    spec["fallback"] = emit::Doc{{"failureThreshold", *e.fallback_failure_threshold},
                                 {"replicas", *e.fallback_replicas}};
    fail_on_empty(triggers, min);
  }
  if (auto config = hpa_config(ctx)) {
    spec["advanced"] = emit::Doc{{"horizontalPodAutoscalerConfig", std::move(*config)}};
  }
  spec["triggers"] = std::move(triggers);
  return spec;
}

} // namespace

std::optional<emit::Doc> external_scaled_object(const Context& ctx) {
  const std::string& name = ctx.meta.name;
  if (name.size() > k_max_label) {
    ctx.refuse(ctx.isvc.name.mark, ctx.isvc.name.pointer, "keda-name-too-long",
               fmt::format("scaledobject name \"{}\" is {} characters long; must be no more than "
                           "63 characters because it is used as the "
                           "\"scaledobject.keda.sh/name\" label value",
                           name, name.size()),
               "Shorten the InferenceService name.");
    return std::nullopt;
  }
  std::int64_t min = ctx.comp.min_replicas ? *ctx.comp.min_replicas : 1;
  auto triggers = collect_triggers(ctx, min);
  if (!triggers) {
    return std::nullopt;
  }
  emit::Doc so = object_head("keda.sh/v1alpha1", "ScaledObject", name, ctx.meta.ns,
                             managed_labels(ctx), epp_annotation(ctx));
  so["spec"] = scaled_object_spec(ctx, min, std::move(*triggers));
  return so;
}

} // namespace isvc::render
