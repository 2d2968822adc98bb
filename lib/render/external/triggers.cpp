// SPDX-License-Identifier: Apache-2.0
#include "render/external/triggers.hpp"

#include "kserve/keda_auth.hpp"
#include "plan/activation.hpp"
#include "promql/presets.hpp"
#include "promql/selector.hpp"
#include "util/json_number.hpp"
#include "util/quantity.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>
#include <map>

namespace isvc::render {
namespace {

constexpr diag::RuleId k_rule = "render-unrenderable";

model::Mark mark_or(const model::Field<std::string>& f, model::Mark m) {
  return f.node != nullptr ? f.mark : m;
}

// KEDA reads threshold/targetValue as a plain number (prometheus: json.Unmarshal into float64;
// the otel add-on: strconv.ParseFloat), while KServe's MetricQuantity takes any Quantity text:
// "500m", "2k", "1Ki" or "+1" are written as the number they stand for ("0.5", "2000", ...).
std::string keda_number(const std::string& text) {
  if (util::is_json_number(text)) {
    return text;
  }
  auto v = util::quantity_value(text);
  return v ? fmt::format("{}", *v) : text;
}

// The threshold KEDA gets, or nullopt + diagnostic when KEDA would turn it into an HPA target
// of 0 (it keeps three decimals; the HPA requires a positive target).
std::optional<std::string> keda_threshold(const Context& ctx,
                                          const model::MetricTarget& t,
                                          const std::string& metric_type,
                                          const std::string& text,
                                          const char* key) {
  auto v = util::quantity_value(text);
  if (v && !(*v >= 0.0005)) {
    const auto& f = metric_type == "AverageValue" && t.average_value ? t.average_value : t.value;
    std::string message =
        *v > 0 ? fmt::format("{}={} gives an HPA metric target of 0 (KEDA keeps three "
                             "decimals); the HPA rejects it: the target must be positive",
                             key, text)
               : fmt::format("{}={} must be positive: the HPA rejects a metric target of 0 or "
                             "less",
                             key, text);
    ctx.refuse(f.node != nullptr ? f.mark : t.mark, f.node != nullptr ? f.pointer : t.pointer,
               k_rule, std::move(message),
               *v > 0 ? "Set a target of at least 0.001, or scale the query so the threshold is "
                        "larger."
                      : "Set a positive target (at least 0.001).");
    return std::nullopt;
  }
  return keda_number(text);
}

emit::Doc trigger(const std::string& type,
                  const std::string& metric_type,
                  const std::map<std::string, std::string>& meta) {
  emit::Doc t = emit::Doc::object();
  t["type"] = type;
  t["metricType"] = metric_type;
  t["metadata"] = sorted_map(meta);
  return t;
}

std::optional<emit::Doc> resource_trigger(const Context& ctx, const model::Metric& m) {
  const auto& r = m.resource;
  const auto& t = r.target;
  if (!r.name || (*r.name != "cpu" && *r.name != "memory")) {
    ctx.refuse(mark_or(r.name, m.mark), r.name.pointer, k_rule,
               "resource.name must be cpu or memory", "Set resource.name to cpu or memory.");
    return std::nullopt;
  }
  std::string type = t.type ? *t.type : "";
  std::string value;
  if (type == "Utilization" && t.average_utilization) {
    value = std::to_string(*t.average_utilization);
  } else if (type == "AverageValue" && t.average_value) {
    value = *t.average_value;
  } else {
    ctx.refuse(t.type ? t.type.mark : (t.present ? t.mark : r.mark), t.pointer, k_rule,
               fmt::format("{} target needs type Utilization with averageUtilization, or type "
                           "AverageValue with averageValue (KEDA: unknown metric type: {})",
                           *r.name, type),
               "Set target.type and the matching value, e.g. type: Utilization, "
               "averageUtilization: 70.");
    return std::nullopt;
  }
  return trigger(*r.name, type, {{"value", value}});
}

} // namespace

std::optional<std::string> external_metric_type(const Context& ctx, const model::MetricTarget& t) {
  if (!t.type || t.type->empty()) {
    return std::string("AverageValue");
  }
  if (*t.type == "Value" || *t.type == "AverageValue") {
    return *t.type;
  }
  ctx.refuse(t.type.mark, t.type.pointer, k_rule,
             "'Utilization' metric type is unsupported for external metrics, allowed values are "
             "'Value' or 'AverageValue'",
             "Use target.type Value (threshold for the whole service) or AverageValue (per "
             "replica).");
  return std::nullopt;
}

std::optional<std::string> target_threshold(const Context& ctx,
                                            const model::MetricTarget& t,
                                            const std::string& metric_type,
                                            model::Mark fallback_mark) {
  if (metric_type == "AverageValue" && t.average_value) {
    return *t.average_value;
  }
  if (t.value) {
    return *t.value;
  }
  ctx.refuse(t.present ? t.mark : fallback_mark, t.pointer, k_rule,
             "the target threshold value should not be empty",
             "Set target.value (or averageValue with type AverageValue).");
  return std::nullopt;
}

std::optional<std::string> otel_metric_query(const Context& ctx, const model::PodMetricSource& p) {
  auto q = p.query ? promql::parse_simple(*p.query) : std::nullopt;
  if (!q) {
    ctx.refuse(mark_or(p.query, p.mark), p.query.pointer, k_rule,
               fmt::format("the otel add-on only reads queries of the form "
                           "[agg(]metric[{{label=\"value\",...}}][)], not \"{}\"",
                           p.query ? *p.query : ""),
               "Write a metric name, optionally with exact label matches and one of sum, avg, "
               "min, max, count around it.");
    return std::nullopt;
  }
  if (q->aggregation.empty()) {
    // The add-on aggregates across the pods' series. KEDA's AverageValue divides by the
    // replicas, so it wants the total (sum); Value compares the figure as is, so it wants the
    // per-pod level (avg): sum with Value scales by replicas x total / target and runs away.
    bool value = p.target.type && *p.target.type == "Value";
    q->aggregation = value ? "avg" : "sum";
  }
  // The collector sidecar stamps every data point with its pod's namespace and deployment
  // (KServe pkg/controller/v1beta1/inferenceservice/reconcilers/otel/otel_reconciler.go:56-57,
  // rendered by otel_collector.cpp), and the add-on keeps the series of every sidecar that
  // pushes to it: the deployment name alone also matches a namesake in another namespace. The
  // InferenceService's namespace (or --namespace) wins; without one, a namespace the query
  // itself names is kept; with neither, `namespace=""` would match no series at all, so the
  // query is scoped by deployment only (the objects land in kubectl's namespace).
  const std::string& ns = ctx.meta.ns;
  std::erase_if(q->labels, [&ns](const auto& kv) {
    return kv.first == "deployment" || (kv.first == "namespace" && !ns.empty());
  });
  if (!ns.empty()) {
    q->labels.emplace_back("namespace", ns);
  }
  q->labels.emplace_back("deployment", ctx.meta.name);
  return promql::to_string(*q);
}

namespace {

// backend, serverAddress and query are what the KEDA scaler needs before anything else.
bool external_source_ok(const Context& ctx,
                        const model::ExternalSource& x,
                        const std::string& backend) {
  if (backend != "prometheus" && backend != "graphite") {
    ctx.refuse(
        mark_or(x.backend, x.mark), x.backend.pointer, k_rule,
        fmt::format("external.metric.backend must be prometheus or graphite, not \"{}\"", backend),
        "Set external.metric.backend to prometheus or graphite.");
    return false;
  }
  if (!x.server_address || x.server_address->empty()) {
    ctx.refuse(
        mark_or(x.server_address, x.mark), x.server_address.pointer, k_rule,
        fmt::format("missing required parameter \"serverAddress\" for the {} trigger", backend),
        "Set external.metric.serverAddress to the URL of your Prometheus or Graphite.");
    return false;
  }
  if (!x.query || x.query->empty()) {
    ctx.refuse(mark_or(x.query, x.mark), x.query.pointer, k_rule, "the query should not be empty",
               "Set external.metric.query.");
    return false;
  }
  return true;
}

// The query as written, or a `preset:` expanded with the plan's variables; `preset` is set
// to the preset used. nullopt: refused.
std::optional<std::string>
external_query(const Context& ctx, const model::ExternalSource& x, const promql::Preset*& preset) {
  std::string query = *x.query;
  if (!util::starts_with(query, promql::k_preset_prefix)) {
    return query;
  }
  preset = promql::find_preset(query.substr(promql::k_preset_prefix.size()));
  if (preset == nullptr || preset->role != "load") {
    ctx.refuse(x.query.mark, x.query.pointer, k_rule,
               fmt::format("\"{}\" names no load preset{}", query,
                           util::did_you_mean(query.substr(promql::k_preset_prefix.size()),
                                              promql::preset_names())),
               "Use preset:vllm-queue-depth, preset:vllm-running-requests, "
               "preset:vllm-kv-cache, preset:vllm-ttft-p95 or preset:vllm-token-throughput.");
    return std::nullopt;
  }
  if (ctx.meta.ns.empty()) {
    ctx.refuse(x.query.mark, x.query.pointer, "render-unrenderable", plan::k_unscoped,
               plan::k_unscoped_fix);
    return std::nullopt;
  }
  return promql::expand(*preset, plan::preset_vars(ctx.meta.ns, ctx.isvc, ctx.comp, &ctx.ext));
}

// The prometheus/graphite trigger's metadata beyond query and threshold; false: refused.
bool external_extra_meta(const Context& ctx,
                         const model::ExternalSource& x,
                         const std::string& backend,
                         std::map<std::string, std::string>& meta) {
  if (backend == "prometheus" && x.ns && !x.ns->empty()) {
    meta["namespace"] = *x.ns;
  }
  if (backend == "graphite") {
    meta["queryTime"] =
        ctx.ext.graphite_query_time ? *ctx.ext.graphite_query_time : std::string("-1min");
  }
  if (x.auth_present && x.auth_modes && !x.auth_modes->empty()) {
    if (auto why =
            backend == "prometheus" ? kserve::auth_modes_problem(*x.auth_modes) : std::nullopt) {
      ctx.refuse(x.auth_modes.mark, x.auth_modes.pointer, "keda-auth-modes-invalid", *why,
                 "Keep one of bearer, basic or oauth (tls, apiKey and custom may be added).");
      return false;
    }
    meta["authModes"] = *x.auth_modes;
  }
  return true;
}

std::optional<emit::Doc> external_metric_trigger(const Context& ctx,
                                                 const model::ExternalSource& x) {
  std::string backend = x.backend ? *x.backend : "";
  if (!external_source_ok(ctx, x, backend)) {
    return std::nullopt;
  }
  const promql::Preset* preset = nullptr;
  auto query = external_query(ctx, x, preset);
  if (!query) {
    return std::nullopt;
  }
  // A preset brings its metric type and typical threshold; the target wins when given.
  auto metric_type = preset != nullptr && !x.target.type ? std::optional(preset->metric_type)
                                                         : external_metric_type(ctx, x.target);
  if (!metric_type) {
    return std::nullopt;
  }
  auto threshold = preset != nullptr && !x.target.value && !x.target.average_value
                       ? std::optional(preset->threshold)
                       : target_threshold(ctx, x.target, *metric_type, x.mark);
  if (threshold) {
    threshold = keda_threshold(ctx, x.target, *metric_type, *threshold, "threshold");
  }
  if (!threshold) {
    return std::nullopt;
  }
  std::map<std::string, std::string> meta{
      {"serverAddress", *x.server_address}, {"query", *query}, {"threshold", *threshold}};
  if (!external_extra_meta(ctx, x, backend, meta)) {
    return std::nullopt;
  }
  emit::Doc t = trigger(backend, *metric_type, meta);
  if (x.auth_present && x.auth_name && !x.auth_name->empty()) {
    t["authenticationRef"] = emit::Doc{{"name", *x.auth_name}};
  }
  return t;
}

// The add-on's ValidatingAdmissionPolicy rejects other operations (the scaler itself would
// silently fall back to last_one).
bool operation_over_time_ok(const Context& ctx, const model::PodMetricSource& p) {
  const std::string& op = *p.operation_over_time;
  if (op == "last_one" || op == "rate" || op == "count" || op == "avg" || op == "min" ||
      op == "max") {
    return true;
  }
  ctx.refuse(p.operation_over_time.mark, p.operation_over_time.pointer, k_rule,
             fmt::format("unsupported operationOverTime: {} supported operations: avg, "
                         "count, last_one, min, max, rate",
                         op),
             "Set podmetric.metric.operationOverTime to one of avg, count, last_one, min, "
             "max, rate, or leave it out (last_one).");
  return false;
}

std::optional<emit::Doc> pod_metric_trigger(const Context& ctx, const model::PodMetricSource& p) {
  if (!p.backend || *p.backend != "opentelemetry") {
    ctx.refuse(mark_or(p.backend, p.mark), p.backend.pointer, k_rule,
               "podmetric.metric.backend must be opentelemetry",
               "Set podmetric.metric.backend: opentelemetry.");
    return std::nullopt;
  }
  auto query = otel_metric_query(ctx, p);
  auto metric_type = external_metric_type(ctx, p.target);
  if (!query || !metric_type) {
    return std::nullopt;
  }
  auto threshold = target_threshold(ctx, p.target, *metric_type, p.mark);
  if (threshold) {
    threshold = keda_threshold(ctx, p.target, *metric_type, *threshold, "targetValue");
  }
  if (!threshold) {
    return std::nullopt;
  }
  std::map<std::string, std::string> meta{
      {"metricQuery", *query},
      {"targetValue", *threshold},
      {"scalerAddress", p.server_address && !p.server_address->empty()
                            ? *p.server_address
                            : ctx.opts.config.otel_scaler_endpoint}};
  if (p.operation_over_time && !p.operation_over_time->empty()) {
    if (!operation_over_time_ok(ctx, p)) {
      return std::nullopt;
    }
    meta["operationOverTime"] = *p.operation_over_time;
  }
  return trigger("external", *metric_type, meta);
}

} // namespace

std::optional<emit::Doc> external_trigger(const Context& ctx, const model::Metric& m) {
  std::string type = m.type ? *m.type : "";
  if (type == "Resource") {
    return resource_trigger(ctx, m);
  }
  if (type == "External") {
    return external_metric_trigger(ctx, m.external);
  }
  if (type == "PodMetric") {
    return pod_metric_trigger(ctx, m.podmetric);
  }
  ctx.refuse(mark_or(m.type, m.mark), m.type.pointer, k_rule,
             fmt::format(
                 "unknown metric type \"{}\"; valid types are Resource, External, PodMetric", type),
             "Set type to Resource, External or PodMetric.");
  return std::nullopt;
}

} // namespace isvc::render
