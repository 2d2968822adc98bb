// SPDX-License-Identifier: Apache-2.0
// What KServe v0.20.0's pkg/controller/v1beta1/inferenceservice/reconcilers/keda/keda_reconciler.go
// builds (getKedaMetrics :81, createKedaScaledObject :187 at kserve/kserve aaac4e2).
#include "render/renderers.hpp"

#include <fmt/format.h>
#include <map>

namespace isvc::render {
namespace {

std::string original_or_zero(const model::Quantity& q) { return q ? *q : "0"; }

emit::Doc resource_trigger(const model::Metric& m) {
  const auto& t = m.resource.target;
  std::string type = t.type ? *t.type : "";
  std::string value = "0";
  if (type == "Utilization") {
    if (t.average_utilization) {
      value = std::to_string(*t.average_utilization);
    } else if (*m.resource.name == "cpu") {
      value = "80"; // DefaultCPUUtilization
    }
  } else if (type == "AverageValue") {
    value = original_or_zero(t.average_value);
  } else if (type == "Value") {
    value = original_or_zero(t.value);
  }
  emit::Doc trig = emit::Doc::object();
  trig["type"] = *m.resource.name;
  trig["metadata"] = emit::Doc{{"value", value}};
  if (!type.empty()) {
    trig["metricType"] = type;
  }
  return trig;
}

emit::Doc external_trigger(const model::Metric& m) {
  const auto& x = m.external;
  std::map<std::string, std::string> meta;
  meta["serverAddress"] = x.server_address ? *x.server_address : "";
  meta["query"] = x.query ? *x.query : "";
  meta["threshold"] = original_or_zero(x.target.value);
  if (x.backend && *x.backend == "prometheus" && x.ns && !x.ns->empty()) {
    meta["namespace"] = *x.ns;
  }
  if (x.auth_present && x.auth_modes && !x.auth_modes->empty()) {
    meta["authModes"] = *x.auth_modes;
  }
  emit::Doc trig = emit::Doc::object();
  trig["type"] = x.backend ? *x.backend : "";
  trig["metadata"] = sorted_map(meta);
  if (x.auth_present && x.auth_name && !x.auth_name->empty()) {
    trig["authenticationRef"] = emit::Doc{{"name", *x.auth_name}};
  }
  return trig;
}

emit::Doc podmetric_trigger(const Context& ctx, const model::Metric& m) {
  const auto& p = m.podmetric;
  emit::Doc trig = emit::Doc::object();
  if (!p.backend || *p.backend != "opentelemetry") {
    trig["type"] = "";
    trig["metadata"] = emit::Doc::object();
    return trig;
  }
  std::map<std::string, std::string> meta;
  meta["metricQuery"] = fmt::format("sum({}{{namespace=\"{}\", deployment=\"{}\"}})",
                                    p.query ? *p.query : "", ctx.meta.ns, ctx.meta.name);
  meta["targetValue"] = original_or_zero(p.target.value);
  meta["scalerAddress"] = p.server_address && !p.server_address->empty()
                              ? *p.server_address
                              : ctx.opts.config.otel_scaler_endpoint;
  if (p.operation_over_time && !p.operation_over_time->empty()) {
    meta["operationOverTime"] = *p.operation_over_time;
  }
  trig["type"] = "external";
  trig["metadata"] = sorted_map(meta);
  return trig;
}

} // namespace

std::optional<emit::Doc> kserve_scaled_object(const Context& ctx) {
  const auto& c = ctx.comp;
  const auto& cfg = ctx.opts.config;
  emit::Doc so = object_head("keda.sh/v1alpha1", "ScaledObject", ctx.meta.name, ctx.meta.ns,
                             ctx.meta.labels, ctx.meta.annotations);
  auto [min, max] = plan::kserve_keda_replicas(c);
  emit::Doc spec = emit::Doc::object();
  spec["scaleTargetRef"] = emit::Doc{{"name", ctx.meta.name}};
  spec["minReplicaCount"] = min;
  spec["maxReplicaCount"] = max;

  // Only the stabilization windows survive; the ConfigMap fills each side.
  std::optional<std::int64_t> up = cfg.scale_up_window;
  std::optional<std::int64_t> down = cfg.scale_down_window;
  const auto& b = c.autoscaling.behavior;
  if (b.scale_up.stabilization_window_seconds) {
    up = *b.scale_up.stabilization_window_seconds;
  }
  if (b.scale_down.stabilization_window_seconds) {
    down = *b.scale_down.stabilization_window_seconds;
  }
  if (up || down) {
    emit::Doc behavior = emit::Doc::object();
    if (up) {
      behavior["scaleUp"] = emit::Doc{{"stabilizationWindowSeconds", *up}};
    }
    if (down) {
      behavior["scaleDown"] = emit::Doc{{"stabilizationWindowSeconds", *down}};
    }
    emit::Doc advanced = emit::Doc::object();
    advanced["horizontalPodAutoscalerConfig"] = emit::Doc{{"behavior", std::move(behavior)}};
    // ScalingModifiers is a non-pointer struct with omitempty: Go still emits {}.
    advanced["scalingModifiers"] = emit::Doc::object();
    spec["advanced"] = std::move(advanced);
  }

  if (!c.autoscaling.present || c.autoscaling.metrics.empty()) {
    spec["triggers"] = nullptr; // no omitempty on triggers
  } else {
    emit::Doc triggers = emit::Doc::array();
    for (const auto& m : c.autoscaling.metrics) {
      std::string type = m.type ? *m.type : "";
      if (type == "Resource") {
        triggers.push_back(resource_trigger(m));
      } else if (type == "External") {
        triggers.push_back(external_trigger(m));
      } else if (type == "PodMetric") {
        triggers.push_back(podmetric_trigger(ctx, m));
      }
    }
    spec["triggers"] = std::move(triggers);
  }
  so["spec"] = std::move(spec);
  return so;
}

} // namespace isvc::render
