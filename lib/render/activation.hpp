// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "promql/presets.hpp"
#include "render/context.hpp"

#include <optional>
#include <string>

namespace isvc::render {

/// The keepalive trigger's source for scale-to-zero.
struct Activation {
  std::string query;
  std::string server_address;
};

/// Placeholder values for presets of component `c` in namespace `ns`: lint and render fill
/// presets from this one place.
promql::PresetVars preset_vars(const std::string& ns,
                               const model::InferenceService& isvc,
                               const model::Component& c,
                               const model::Extensions* ext,
                               std::string threshold = "0");
/// The same for the component being rendered.
promql::PresetVars preset_vars(const Context& ctx, std::string threshold = "0");

/// False (after a diagnostic at `at`) when presets cannot be scoped: no namespace.
bool preset_scopable(const Context& ctx, const model::Field<std::string>& at);

/// Why an activation query cannot wake a service.
struct ActivationProblem {
  std::string message;
  std::string fix;
};

/// A latency quantile or a query over pod-local metrics can never wake a service at zero
/// replicas; nullopt for anything else (unknown metrics get the benefit of the doubt).
std::optional<ActivationProblem> activation_query_problem(const std::string& query);

/// The first External prometheus metric whose query reads a router or gateway request counter
/// (promql::wakes_from_zero): with minReplicas 0 it wakes the service itself, no keepalive
/// trigger is needed. nullptr if none.
const model::Metric* waking_load_metric(const model::Component& c);

/// Resolves `isvc-scale.io/activation-query|preset` for a component with
/// minReplicas 0; nullopt after a diagnostic listing the options.
std::optional<Activation> resolve_activation(const Context& ctx);

/// The KEDA trigger that wakes the service and keeps one replica while
/// requests flow: value 1 while active, threshold 1, AverageValue.
emit::Doc activation_trigger(const Activation& a);

} // namespace isvc::render
