// SPDX-License-Identifier: Apache-2.0
#include "plan/activation.hpp"

#include "kserve/component_meta.hpp"
#include "plan/llm_d.hpp"
#include "plan/model_names.hpp"
#include "promql/analyze.hpp"
#include "promql/presets.hpp"
#include "promql/shape.hpp"

#include <fmt/format.h>

namespace isvc::plan {
namespace {

constexpr diag::RuleId k_rule = "isvc-scale-to-zero-no-activation";

} // namespace

const char* const k_unscoped = "presets filter on the namespace, and this InferenceService has "
                               "none: namespace=\"\" would match no series";
const char* const k_unscoped_fix = "Set metadata.namespace, or render with --namespace.";

namespace {

std::string first_prometheus_server(const model::Component& c) {
  for (const auto& m : c.autoscaling.metrics) {
    if (m.type && *m.type == "External" && m.external.backend &&
        *m.external.backend == "prometheus" && m.external.server_address) {
      return *m.external.server_address;
    }
  }
  return "";
}

} // namespace

promql::PresetVars preset_vars(const std::string& ns,
                               const model::InferenceService& isvc,
                               const model::Component& c,
                               const model::Extensions* ext,
                               std::string threshold) {
  auto names = model_names(isvc, c, ext);
  promql::PresetVars v{ns, *isvc.name, kserve::component_name(isvc, c), names.api,
                       std::move(threshold)};
  v.engine_model = names.engine;
  if (ext != nullptr && ext->scrape_interval) {
    v.scrape_seconds = promql::duration_seconds(*ext->scrape_interval).value_or(0);
  }
  return v;
}

std::optional<ActivationProblem> activation_query_problem(const std::string& query,
                                                          bool epp_queues_at_zero) {
  auto parsed = promql::parse(query);
  if (parsed.expr && promql::is_latency_quantile(*parsed.expr)) {
    return ActivationProblem{"a latency quantile cannot wake a service: it is empty while no "
                             "request is served",
                             "Use a request counter on a router or gateway, e.g. "
                             "isvc-scale.io/activation-preset: istio."};
  }
  if (parsed.expr && promql::reads_only_pod_metrics(*parsed.expr, epp_queues_at_zero)) {
    return ActivationProblem{
        "the activation query reads only metrics that exist while a model server runs (vLLM's "
        "own vllm:* series, the llm-d EPP's flow-control queue), which vanish with the last "
        "pod: it can never wake the service",
        "Use a metric that exists at zero pods (router, gateway, queue), e.g. "
        "isvc-scale.io/activation-preset: vllm-router."};
  }
  return std::nullopt;
}

const model::Metric* waking_load_metric(const model::Component& c) {
  for (const auto& m : c.autoscaling.metrics) {
    if (m.type && *m.type == "External" && m.external.backend &&
        *m.external.backend == "prometheus" && m.external.query &&
        promql::wakes_from_zero(*m.external.query)) {
      return &m;
    }
  }
  return nullptr;
}

// The keepalive trigger of a KEDA component at minReplicas 0 (render/external_scaled_object
// emits it): from the preset or the query annotation, else a problem to refuse with.
ActivationPlan resolve_activation(const std::string& ns,
                                  const model::InferenceService& isvc,
                                  const model::Component& c,
                                  const model::Extensions& e) {
  ActivationPlan out;
  auto fail = [&out](const model::Mark& mark, const std::string& pointer, diag::RuleId rule,
                     std::string message, std::string fix) {
    out.problem = Problem{mark, pointer, rule, std::move(message), std::move(fix)};
    return out;
  };
  if (!e.activation_query && !e.activation_preset) {
    return fail(c.min_replicas.mark, c.min_replicas.pointer, k_rule,
                "minReplicas: 0 needs an activation source: the pods' own metrics vanish at zero "
                "replicas and KEDA reads an empty result as 0, so nothing would ever wake the "
                "service",
                "Add isvc-scale.io/activation-preset (vllm-router, istio) or "
                "isvc-scale.io/activation-query with a query on a metric that exists "
                "while no pod runs, or set minReplicas: 1.");
  }
  Activation a;
  std::string threshold = e.activation_threshold ? *e.activation_threshold : "0";
  const auto& at = e.activation_preset ? e.activation_preset : e.activation_query;
  if (e.activation_preset) {
    const auto* p = promql::find_preset(*e.activation_preset);
    if (p == nullptr) {
      return out; // reported by the annotation reader
    }
    if (!p->withdrawn.empty()) {
      return fail(at.mark, at.pointer, k_rule,
                  "activation preset \"" + p->name + "\" is withdrawn: " + p->withdrawn,
                  "Use isvc-scale.io/activation-preset istio or vllm-router, or an "
                  "isvc-scale.io/activation-query on a signal that moves at zero pods.");
    }
    if (p->role != "activation" && !epp_queues_at_zero(e)) {
      return fail(at.mark, at.pointer, k_rule, k_epp_too_old, k_epp_too_old_fix);
    }
    if (ns.empty()) {
      return fail(at.mark, at.pointer, "render-unrenderable", k_unscoped, k_unscoped_fix);
    }
    a.query = promql::expand(*p, preset_vars(ns, isvc, c, &e, threshold));
    if (p->role != "activation") {
      // A load preset's sum(...): 0/1 for this pool, 0 before the EPP has seen a request.
      a.query = "(" + a.query + " or vector(0)) > bool " + threshold;
    }
  } else {
    const std::string& q = *e.activation_query;
    if (auto why = activation_query_problem(q, epp_queues_at_zero(e))) {
      return fail(at.mark, at.pointer, k_rule, why->message, why->fix);
    }
    a.query = promql::activation_query(q, threshold);
  }
  a.server_address =
      e.activation_server_address ? *e.activation_server_address : first_prometheus_server(c);
  if (a.server_address.empty()) {
    return fail(at.mark, at.pointer, k_rule,
                "the activation query needs a Prometheus serverAddress and no External "
                "prometheus metric provides one",
                "Add annotation isvc-scale.io/activation-server-address with your Prometheus URL.");
  }
  out.activation = std::move(a);
  return out;
}

} // namespace isvc::plan
