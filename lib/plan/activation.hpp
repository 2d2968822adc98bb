// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/rule_id.hpp"
#include "model/extensions.hpp"
#include "model/inference_service.hpp"
#include "promql/presets.hpp"

#include <optional>
#include <string>

namespace isvc::plan {

/// A finding the plan decided; lint reports it, render refuses with it.
struct Problem {
  model::Mark mark;
  std::string pointer;
  diag::RuleId rule;
  std::string message;
  std::string fix;
};

/// The keepalive trigger's source for scale-to-zero.
struct Activation {
  std::string query;
  std::string server_address;
};

/// What wakes a KEDA component at minReplicas 0: an activation, a problem, or neither
/// (an unknown preset, already reported by the annotation reader).
struct ActivationPlan {
  std::optional<Activation> activation;
  std::optional<Problem> problem;
};

/// Message and fix of a preset used without a namespace to scope it to.
extern const char* const k_unscoped;
extern const char* const k_unscoped_fix;

/// Placeholder values for presets of component `c` in namespace `ns`: lint and render fill
/// presets from this one place.
promql::PresetVars preset_vars(const std::string& ns,
                               const model::InferenceService& isvc,
                               const model::Component& c,
                               const model::Extensions* ext,
                               std::string threshold = "0");

/// Why an activation query cannot wake a service.
struct ActivationProblem {
  std::string message;
  std::string fix;
};

/// A latency quantile or a query over pod-local metrics can never wake a service at zero
/// replicas; nullopt for anything else (unknown metrics get the benefit of the doubt). With
/// `epp_queues_at_zero` (plan::epp_queues_at_zero) the EPP's flow-control queue is not pod-local.
std::optional<ActivationProblem> activation_query_problem(const std::string& query,
                                                          bool epp_queues_at_zero = false);

/// The first External prometheus metric whose query reads a router or gateway request counter
/// (promql::wakes_from_zero): with minReplicas 0 it wakes the service itself, no keepalive
/// trigger is needed. nullptr if none.
const model::Metric* waking_load_metric(const model::Component& c);

/// Resolves `isvc-scale.io/activation-query|preset` for a component with minReplicas 0.
ActivationPlan resolve_activation(const std::string& ns,
                                  const model::InferenceService& isvc,
                                  const model::Component& c,
                                  const model::Extensions& e);

} // namespace isvc::plan
