// SPDX-License-Identifier: Apache-2.0
// --mode external, engine hpa: autoscaling/v2 with the full behavior and
// External/Pods metrics for prometheus-adapter users.
#include "promql/selector.hpp"
#include "render/common.hpp"
#include "render/external/triggers.hpp"
#include "render/renderers.hpp"

#include <fmt/format.h>

namespace isvc::render {
namespace {

constexpr diag::RuleId k_rule = "render-unrenderable";

// Adapter-served metrics are named, not queried: accept `name{k="v"}` only.
std::optional<emit::Doc>
metric_identifier(const Context& ctx, const model::Field<std::string>& q, model::Mark at) {
  auto s = q ? promql::parse_simple(*q) : std::nullopt;
  if (!s || !s->aggregation.empty()) {
    ctx.refuse(q.node != nullptr ? q.mark : at, q.pointer, k_rule,
               fmt::format("an HPA reads External/Pods metrics by name from a metrics adapter; "
                           "\"{}\" is not a metric name with optional exact label matches",
                           q ? *q : ""),
               "Use autoscalerClass keda for PromQL queries, or name the metric your "
               "prometheus-adapter rule exposes.");
    return std::nullopt;
  }
  emit::Doc id = emit::Doc::object();
  id["name"] = s->name;
  if (!s->labels.empty()) {
    emit::Doc ml = emit::Doc::object();
    std::map<std::string, std::string> sorted(s->labels.begin(), s->labels.end());
    id["selector"] = emit::Doc{{"matchLabels", sorted_map(sorted)}};
  }
  return id;
}

std::optional<emit::Doc> metric(const Context& ctx, const model::Metric& m) {
  std::string type = m.type ? *m.type : "";
  if (type == "Resource") {
    const auto& r = m.resource;
    const auto& t = r.target;
    std::string ttype = t.type ? *t.type : "";
    std::string name = r.name ? *r.name : "";
    if (ttype == "Utilization" && t.average_utilization) {
      return hpa_resource_metric(name, hpa_utilization(*t.average_utilization));
    }
    if (ttype == "AverageValue" && t.average_value) {
      return hpa_resource_metric(
          name, emit::Doc{{"type", "AverageValue"}, {"averageValue", *t.average_value}});
    }
    ctx.refuse(t.type ? t.type.mark : (t.present ? t.mark : m.mark), t.pointer, k_rule,
               "a Resource metric needs type Utilization with averageUtilization or type "
               "AverageValue with averageValue",
               "Set target.type and the matching value.");
    return std::nullopt;
  }
  if (type == "External" || type == "PodMetric") {
    bool ext = type == "External";
    const auto& query = ext ? m.external.query : m.podmetric.query;
    const auto& t = ext ? m.external.target : m.podmetric.target;
    auto id = metric_identifier(ctx, query, ext ? m.external.mark : m.podmetric.mark);
    auto metric_type =
        ext ? external_metric_type(ctx, t) : std::optional<std::string>("AverageValue");
    if (!id || !metric_type) {
      return std::nullopt;
    }
    auto threshold = target_threshold(ctx, t, *metric_type, m.mark);
    if (!threshold) {
      return std::nullopt;
    }
    emit::Doc target = emit::Doc::object();
    target["type"] = *metric_type;
    target[*metric_type == "Value" ? "value" : "averageValue"] = *threshold;
    emit::Doc src = emit::Doc::object();
    src["metric"] = std::move(*id);
    src["target"] = std::move(target);
    emit::Doc out = emit::Doc::object();
    out["type"] = ext ? "External" : "Pods";
    out[ext ? "external" : "pods"] = std::move(src);
    return out;
  }
  ctx.refuse(m.type.node != nullptr ? m.type.mark : m.mark, m.type.pointer, k_rule,
             fmt::format("unknown metric type \"{}\"", type),
             "Set type to Resource, External or PodMetric.");
  return std::nullopt;
}

} // namespace

std::optional<emit::Doc> external_hpa(const Context& ctx) {
  const auto& c = ctx.comp;
  if (c.min_replicas && *c.min_replicas == 0) {
    ctx.refuse(c.min_replicas.mark, c.min_replicas.pointer, "isvc-scale-to-zero-hpa",
               "an HPA cannot scale to zero (minReplicas must be >= 1)",
               "Use autoscalerClass keda with an activation source for scale-to-zero, or set "
               "minReplicas: 1.");
    return std::nullopt;
  }
  emit::Doc metrics = emit::Doc::array();
  bool ok = true;
  if (c.autoscaling.present) {
    for (const auto& m : c.autoscaling.metrics) {
      if (auto d = metric(ctx, m)) {
        metrics.push_back(std::move(*d));
      } else {
        ok = false;
      }
    }
  } else {
    std::string sm = c.scale_metric ? *c.scale_metric : "cpu";
    if (sm == "cpu" || (sm == "memory" && c.scale_target)) {
      metrics.push_back(
          hpa_resource_metric(sm, hpa_utilization(c.scale_target ? *c.scale_target : 80)));
    } else {
      ctx.refuse(c.scale_metric.node != nullptr ? c.scale_metric.mark : c.mark,
                 c.scale_metric.pointer, k_rule,
                 fmt::format("scaleMetric {} has no HPA equivalent{}", sm,
                             sm == "memory" ? " without scaleTarget" : " (it is a Knative metric)"),
                 "Use autoScaling.metrics, or scaleMetric cpu/memory with scaleTarget.");
      return std::nullopt;
    }
  }
  if (!ok) {
    return std::nullopt;
  }
  std::int64_t min = c.min_replicas ? *c.min_replicas : 1;
  std::int64_t max = c.max_replicas && *c.max_replicas >= min ? *c.max_replicas : min;
  // Not KServe's HPA name: with class external KServe would rewrite an HPA of that name it does
  // not own (see plan::ComponentPlan::external_hpa_name).
  std::string name = ctx.cp != nullptr ? ctx.cp->external_hpa_name : ctx.meta.name + "-isvc-scale";
  emit::Doc hpa = object_head("autoscaling/v2", "HorizontalPodAutoscaler", name, ctx.meta.ns,
                              managed_labels(ctx), {});
  emit::Doc spec = emit::Doc::object();
  spec["scaleTargetRef"] =
      emit::Doc{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", ctx.meta.name}};
  spec["minReplicas"] = min;
  spec["maxReplicas"] = max;
  if (!metrics.empty()) {
    spec["metrics"] = std::move(metrics);
  }
  if (auto b = full_behavior(c.autoscaling.behavior)) {
    spec["behavior"] = std::move(*b);
  }
  hpa["spec"] = std::move(spec);
  return hpa;
}

} // namespace isvc::render
