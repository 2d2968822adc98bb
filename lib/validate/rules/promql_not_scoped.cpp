// SPDX-License-Identifier: Apache-2.0
#include "promql/add_matchers.hpp"
#include "promql/analyze.hpp"
#include "promql/presets.hpp"
#include "util/strings.hpp"
#include "validate/rules/query_sites.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <optional>

namespace isvc::validate {
namespace {

// "<workload> in namespace <ns>", what the query should have been scoped to.
std::string subject(const QuerySite& s) {
  return (s.owner.empty() ? std::string("this workload") : s.owner) +
         (s.ns.empty() ? std::string() : " in namespace " + s.ns);
}

// Metric prefixes of the model servers KServe runs (vLLM, TGI, Triton, SGLang, KServe's own
// model server): only their series are shared by every model in the cluster by name.
bool model_server_query(std::string_view text) {
  static constexpr std::array<std::string_view, 7> k_prefixes = {
      "vllm:", "tgi_", "nv_inference_", "sglang:", "kserve_", "request_predict", "revision_"};
  return std::any_of(k_prefixes.begin(), k_prefixes.end(),
                     [&](std::string_view p) { return text.find(p) != std::string_view::npos; });
}

// The usual workload labels: app, job and the app.kubernetes.io/* labels (Prometheus
// writes them as app_kubernetes_io_*), with a value that names something.
bool workload_label(const promql::Matcher& m) {
  bool named =
      (m.op == "=" || m.op == "=~") && !m.value.empty() && m.value != ".*" && m.value != ".+";
  return named &&
         (m.label == "app" || m.label == "job" || util::starts_with(m.label, "app_kubernetes_io_"));
}

// A ScaledObject whose query reads no model-server metric scales some other workload: a
// selector on a workload label scopes it as its authors usually do.
bool workload_scoped(const promql::Expr& e) {
  auto sels = promql::selectors(e);
  return !sels.empty() && std::all_of(sels.begin(), sels.end(), [](const promql::Expr* s) {
    return std::any_of(s->matchers.begin(), s->matchers.end(), workload_label);
  });
}

// The metric a selector reads: its name, or a {__name__="..."} matcher.
std::string_view metric_of(const promql::Expr& sel) {
  if (!sel.name.empty()) {
    return sel.name;
  }
  for (const auto& m : sel.matchers) {
    if (m.label == "__name__" && m.op == "=") {
      return m.value;
    }
  }
  return {};
}

// The query with namespace="<ns>" and model_name="<model>" written into every selector that
// lacks them, as the plan resolved both for the InferenceService. Only for a query written
// out on one line (offsets known, no escapes), never a preset, and only when every selector
// reads a vLLM series: vLLM labels each of them model_name=<served model name> (vllm
// vllm/v1/metrics/loggers.py:168, PrometheusStatLogger `labelnames = ["model_name",
// "engine"]`); other servers' series would match nothing. nullopt otherwise, or when the
// result would still not be scoped (a selector already on another namespace).
std::optional<std::string> scoped_query(const QuerySite& s, const promql::Expr& e) {
  if (s.preset || s.offset_base < 0 || s.ns.empty() || s.model.empty()) {
    return std::nullopt;
  }
  auto sels = promql::selectors(e);
  if (sels.empty() || !std::all_of(sels.begin(), sels.end(), [](const promql::Expr* sel) {
        return util::starts_with(metric_of(*sel), "vllm:");
      })) {
    return std::nullopt;
  }
  // In a double-quoted YAML scalar a PromQL string in "..." would need escapes: use '...'.
  char quote = s.quote == '"' ? '\'' : '"';
  auto out = promql::add_matchers(s.text, {{"namespace", s.ns}, {"model_name", s.model}}, quote);
  if (!out) {
    return std::nullopt;
  }
  auto again = promql::parse(*out);
  if (!again.expr || !promql::is_scoped(*again.expr, s.ns, s.owner, s.model)) {
    return std::nullopt;
  }
  return out;
}

void check(const Subject& d, Reporter& r) {
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql) {
      continue;
    }
    const auto& p = s.parsed();
    if (!p.expr || promql::is_scoped(*p.expr, s.ns, s.owner)) {
      continue;
    }
    // KServe names a predictor's Deployment <isvc>-predictor (pkg/constants/constants.go
    // PredictorServiceName); a model_name matcher also says the query is about a model.
    bool model = d.isvc != nullptr || model_server_query(s.text) ||
                 util::ends_with(s.owner, "-predictor") ||
                 s.text.find("model_name") != std::string::npos;
    if (!model && !s.activation && workload_scoped(*p.expr)) {
      continue;
    }
    if (!model && !s.activation) {
      r.at(s.mark, s.pointer,
           fmt::format("query is not scoped to {}: no selector filters on its namespace or "
                       "workload, so the same metric of every other workload adds in",
                       subject(s)),
           fmt::format("Add {{namespace=\"{}\"}} or a workload label (app, job, "
                       "app_kubernetes_io_name) to each selector.",
                       s.ns.empty() ? std::string("<namespace>") : s.ns));
      continue;
    }
    if (s.activation) {
      r.at(s.mark, s.pointer,
           fmt::format("activation query is not scoped to {}: every selector needs a namespace "
                       "matcher and one naming this service (model, destination_service_name, "
                       "envoy_cluster_name, ...), or requests to any service wake this one",
                       subject(s)),
           "Filter each selector on this service, or use isvc-scale.io/activation-preset "
           "(scoped for you).");
      continue;
    }
    if (promql::wakes_from_zero(s.text)) {
      // Router/gateway series carry the router's or gateway's pod labels: pod=~"<model>-.*"
      // would match nothing and the trigger would read 0 for good.
      r.at(s.mark, s.pointer,
           fmt::format("query on router/gateway requests is not scoped to {}: it counts the "
                       "requests for every service behind that router or gateway",
                       subject(s)),
           "Filter on the labels the router or gateway writes: model=\"<model>\" for the vLLM "
           "production-stack router, destination_service_namespace/destination_service_name for "
           "Istio, envoy_cluster_name=~\"httproute/<namespace>/<route>/.*\" for Envoy Gateway "
           "(not pod=, which names the router's own pods).");
      continue;
    }
    auto& f = r.at(
        s.mark, s.pointer,
        fmt::format("query is not scoped to {}: every selector needs a namespace matcher and "
                    "a model_name (or pod/deployment/service) matcher, or the load of every "
                    "model in the cluster drives this one",
                    subject(s)),
        fmt::format("Add {{namespace=\"{}\", model_name=\"<model>\"}} (or pod=~\"{}-.*\") to each "
                    "selector.",
                    s.ns.empty() ? std::string("<namespace>") : s.ns,
                    s.owner.empty() ? std::string("<name>") : s.owner));
    if (auto fixed = d.isvc != nullptr ? scoped_query(s, *p.expr) : std::nullopt) {
      f.edit = diag::Edit::replace(s.mark, s.text, *fixed);
    }
  }
}

} // namespace

extern const Rule k_rule_promql_not_scoped = {
    "promql-not-scoped",
    diag::Severity::warning,
    Applies::any,
    "Prometheus query is not scoped to this InferenceService",
    "Prometheus holds the metrics of every pod it scrapes: sum(vllm:num_requests_waiting) adds up "
    "all models in all namespaces, so one busy model scales every other one; an unscoped "
    "activation query wakes the service for requests meant for any other. A ScaledObject that "
    "targets no model server (no model-server metric, no model_name matcher, a target not named "
    "<isvc>-predictor) is scoped by the usual workload labels instead: app, job or "
    "app_kubernetes_io_*.",
    "Filter every selector on namespace and model_name (or the pod/deployment of this service).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\n  namespace: ml\n"
    "spec:\n  scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n"
    "    metricType: AverageValue\n    metadata:\n      serverAddress: http://p:9090\n"
    "      query: sum(vllm:num_requests_waiting)\n      threshold: \"5\"\n",
    check,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
