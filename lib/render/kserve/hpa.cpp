// SPDX-License-Identifier: Apache-2.0
// What KServe v0.20.0's pkg/controller/v1beta1/inferenceservice/reconcilers/hpa/hpa_reconciler.go
// builds (getHPAMetrics :60, createHPA :150 at kserve/kserve aaac4e2).
#include "render/common.hpp"
#include "render/renderers.hpp"
#include "util/quantity.hpp"

namespace isvc::render {
namespace {

emit::Doc utilization(const char* name, std::optional<std::int64_t> value) {
  return hpa_resource_metric(name, hpa_utilization(value));
}

std::optional<std::int64_t> opt(const model::Field<std::int64_t>& f) {
  return f ? std::optional<std::int64_t>(*f) : std::nullopt;
}

std::optional<emit::Doc> resource_metric(const model::Metric& m) {
  const auto& r = m.resource;
  const auto& t = r.target;
  if (*r.name == "cpu") {
    // target.type and averageValue are ignored: cpu is always Utilization.
    return utilization("cpu", t.average_utilization ? *t.average_utilization : 80);
  }
  if (*r.name != "memory") {
    return std::nullopt;
  }
  std::string type = t.type ? *t.type : "";
  if (type == "Utilization") {
    return utilization("memory", opt(t.average_utilization));
  }
  emit::Doc target = emit::Doc::object();
  if (type == "AverageValue") {
    target["type"] = "AverageValue";
    // MetricQuantity.GetQuantity(): serialised in canonical form (1024Mi -> 1Gi).
    std::string text = t.average_value ? *t.average_value : "0";
    target["averageValue"] = util::canonical_quantity(text).value_or(text);
  } else {
    target["type"] = "";
  }
  return hpa_resource_metric("memory", std::move(target));
}

} // namespace

std::optional<emit::Doc> kserve_hpa(const Context& ctx) {
  const auto& c = ctx.comp;
  emit::Doc hpa = object_head("autoscaling/v2", "HorizontalPodAutoscaler", ctx.meta.name,
                              ctx.meta.ns, ctx.meta.labels, ctx.meta.annotations);
  std::int64_t min = c.min_replicas && *c.min_replicas >= 1 ? *c.min_replicas : 1;
  std::int64_t max = c.max_replicas ? *c.max_replicas : 0;
  if (max < min) {
    max = min;
  }
  emit::Doc metrics = emit::Doc::array();
  if (c.autoscaling.present) {
    for (const auto& m : c.autoscaling.metrics) {
      if (!m.resource.present) {
        continue; // External and PodMetric entries vanish
      }
      if (auto d = resource_metric(m)) {
        metrics.push_back(std::move(*d));
      }
    }
  } else {
    std::string metric = c.scale_metric ? *c.scale_metric : "cpu";
    if (metric == "cpu") {
      metrics.push_back(utilization("cpu", c.scale_target ? *c.scale_target : 80));
    } else if (metric == "memory" && c.scale_target) {
      metrics.push_back(utilization("memory", *c.scale_target));
    }
  }
  emit::Doc spec = emit::Doc::object();
  spec["scaleTargetRef"] =
      emit::Doc{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", ctx.meta.name}};
  spec["minReplicas"] = min;
  spec["maxReplicas"] = max;
  if (!metrics.empty()) {
    spec["metrics"] = std::move(metrics);
  }
  spec["behavior"] = emit::Doc::object(); // always &HorizontalPodAutoscalerBehavior{}
  hpa["spec"] = std::move(spec);
  return hpa;
}

} // namespace isvc::render
