// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "promql/parser.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::promql {

/// True if the result is one series or a scalar whatever the number of pods:
/// an aggregation without grouping (or `by ()`), scalar()/vector()/time(),
/// histogram_quantile over an aggregation grouped only by `le`, functions
/// and binary operations over such. Bare selectors and `sum by (pod)` are not.
bool returns_single_series(const Expr& e);

/// Every vector selector (instant or range), in source order.
std::vector<const Expr*> selectors(const Expr& e);

/// Scoped: every selector filters on the namespace (namespace,
/// destination_service_namespace, destination_workload_namespace or
/// exported_namespace equal to `ns`, or a regex mentioning it; an Envoy cluster
/// name containing "/<ns>/"; any such matcher when `ns` is empty) AND on this
/// service: `model_name` (the router's `model`), or one of pod, deployment, service, job, app,
/// destination_service_name, destination_workload, destination_service,
/// inference_pool, route, envoy_cluster_name, kserve_component, server whose
/// value mentions `owner`. When `model` is given, a model_name/model matcher must name it.
bool is_scoped(const Expr& e,
               std::string_view ns,
               std::string_view owner,
               std::string_view model = {});

/// Offsets of `/` operators whose divisor is neither a literal nor guarded
/// (clamp_min(...), `> 0` filter, max(..., literal) style): they yield NaN/Inf
/// at zero traffic.
std::vector<std::size_t> unguarded_divisions(const Expr& e);

/// histogram_quantile/quantile_over_time at the top: empty or NaN at zero traffic.
bool is_latency_quantile(const Expr& e);

/// True if every selector reads a metric that exists only while a model server runs: the vLLM
/// pods' own `vllm:*` (except the production-stack router's vllm:num_incoming_requests_total)
/// or the llm-d EPP's flow-control series. Such a query has no series while zero pods run, so
/// it can never wake a scaled-to-zero service. With `epp_queues_at_zero` (llm-d-router v0.9.0
/// and later, see plan::epp_queues_at_zero) the EPP's flow-control queue size is not one.
bool reads_only_pod_metrics(const Expr& e, bool epp_queues_at_zero = false);

/// Top-level aggregation operator after parentheses ("sum", "avg", ...) or "".
std::string top_aggregation(const Expr& e);

} // namespace isvc::promql
