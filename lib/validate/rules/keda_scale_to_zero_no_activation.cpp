// SPDX-License-Identifier: Apache-2.0
// A hand-written ScaledObject that may scale to zero, but whose triggers all read signals that
// vanish with the last pod: nothing wakes it again.
#include "plan/llm_d.hpp"
#include "promql/analyze.hpp"
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

// True when the trigger's metric can be non-zero while no pod of the workload runs. Unknown
// scalers (queues, cron, ...) are given the benefit of the doubt.
bool can_wake(const model::Node& t, bool epp_queues_at_zero) {
  std::string type = str(t.get("type"));
  if (type == "cpu" || type == "memory") {
    return false; // measured on running pods only
  }
  const auto* md = t.get("metadata");
  if (type == "external" && at(md, "metricQuery") != nullptr) {
    return false; // kedify otel add-on: pushed by the pods' own collector sidecars
  }
  if (type != "prometheus") {
    return true;
  }
  auto parsed = promql::parse(str(at(md, "query")));
  if (!parsed.expr) {
    return true; // promql-parse-error reports it; nothing to judge
  }
  return !promql::reads_only_pod_metrics(*parsed.expr, epp_queues_at_zero) &&
         !promql::is_latency_quantile(*parsed.expr);
}

void check(const Subject& d, Reporter& r) {
  const auto* ts = triggers(d);
  if (ts == nullptr || ts->items.empty() || only_resource_triggers(d)) {
    return; // no triggers / only cpu-memory: rules of their own
  }
  const auto* min = at(spec(d), "minReplicaCount");
  if ((min != nullptr && !integer(min)) || integer(min).value_or(0) != 0) {
    return;
  }
  // isvc-scale.io/llm-d-version on the ScaledObject (render copies it there): from v0.9.0 the
  // EPP's flow-control queue holds requests at zero pods.
  bool epp = plan::epp_queues_at_zero(str(annotation(d, "isvc-scale.io/llm-d-version")));
  for (const auto& t : ts->items) {
    if (can_wake(t, epp)) {
      return;
    }
  }
  r.at(min != nullptr ? min->mark : d.root().key_mark("spec"), "/spec/minReplicaCount",
       fmt::format("minReplicaCount {} lets KEDA scale to zero, but every trigger reads a signal "
                   "that exists only while pods run (vllm:* pod metrics, latency quantiles, "
                   "otel sidecar pushes, cpu/memory); at zero replicas KEDA reads 0 and never "
                   "wakes the workload",
                   min == nullptr ? "unset (0)" : "0"));
}

} // namespace

extern const Rule k_rule_keda_scale_to_zero_no_activation = {
    "keda-scale-to-zero-no-activation",
    diag::Severity::warning,
    Applies::scaled_object,
    "scale to zero with only pod-local triggers",
    "KEDA activates a ScaledObject from zero when some trigger's value exceeds its "
    "activationThreshold. A query over the model server's own metrics (vllm:num_requests_waiting, "
    "TTFT histograms) has no series once the last pod is gone; the Prometheus scaler returns 0 "
    "(ignoreNullValues defaults to true) and the workload stays at zero while requests fail at "
    "the gateway. A keepalive trigger on a metric that lives outside the pods (the "
    "production-stack "
    "router's vllm:num_incoming_requests_total, Istio or Envoy Gateway request counters, a queue) "
    "wakes it and keeps one replica while traffic flows. Judged from metric names (vllm:* except "
    "the router counter, and the llm-d EPP's flow-control queue, which counts requests at zero "
    "pods only from llm-d-router v0.9.0: an isvc-scale.io/llm-d-version annotation of v0.9.0 or "
    "later on the ScaledObject, which render writes, says so), hence a warning; unknown scalers "
    "are assumed able to wake.",
    "Add a trigger on a router, gateway or queue metric (e.g. sum(rate(vllm:num_incoming_requests_"
    "total[1m])) > bool 0 with threshold 1), or set minReplicaCount: 1.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 0\n  triggers:\n  - type: prometheus\n    "
    "metadata:\n      serverAddress: http://p:9090\n      query: "
    "sum(vllm:num_requests_waiting{namespace=\"ml\",model_name=\"m\"})\n      threshold: \"5\"\n",
    check,
};

} // namespace isvc::validate
