// SPDX-License-Identifier: Apache-2.0
// Reads the fields KEDA's prometheus scaler reads (kedacore/keda
// pkg/scalers/prometheus_scaler.go, prometheusMetadata: query, threshold,
// activationThreshold, ignoreNullValues default true) and the HPA's External
// metric targets (k8s.io/api autoscaling/v2 MetricSpec).
#include "check/triggers.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace isvc::check {
namespace {

std::string str(const emit::Doc& obj, const char* key) {
  if (!obj.is_object()) {
    return {};
  }
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// KEDA parses these with strconv.ParseFloat; a number in JSON is taken as is.
double number(const emit::Doc& obj, const char* key, double fallback) {
  if (!obj.is_object() || !obj.contains(key)) {
    return fallback;
  }
  const auto& v = obj[key];
  if (v.is_number()) {
    return v.get<double>();
  }
  std::string s = v.is_string() ? v.get<std::string>() : "";
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0' ? d : fallback;
}

int integer(const emit::Doc& obj, const char* key, int fallback) {
  return obj.is_object() && obj.contains(key) && obj[key].is_number_integer() ? obj[key].get<int>()
                                                                              : fallback;
}

Trigger keda_trigger(const emit::Doc& t, int i) {
  Trigger out;
  out.kind = "ScaledObject";
  out.index = i;
  out.pointer = fmt::format("/spec/triggers/{}", i);
  const emit::Doc meta = t.is_object() && t.contains("metadata") ? t["metadata"] : emit::Doc();
  out.name = str(t, "name").empty() ? str(meta, "metricName") : str(t, "name");
  std::string type = str(t, "type");
  if (type != "prometheus") {
    out.skipped =
        fmt::format("{} trigger, not a Prometheus query", type.empty() ? "untyped" : type);
    return out;
  }
  out.query = str(meta, "query");
  out.metric_type = str(t, "metricType").empty() ? "AverageValue" : str(t, "metricType");
  out.threshold = number(meta, "threshold", 0);
  out.activation_threshold = number(meta, "activationThreshold", 0);
  std::string inv = str(meta, "ignoreNullValues");
  out.ignore_null_values = !(inv == "false" || inv == "f" || inv == "False" || inv == "0");
  return out;
}

// An HPA reads metric names through an adapter (external.metrics.k8s.io), not PromQL.
Trigger hpa_metric(const emit::Doc& m, int i) {
  Trigger out;
  out.kind = "HorizontalPodAutoscaler";
  out.index = i;
  out.pointer = fmt::format("/spec/metrics/{}", i);
  std::string type = str(m, "type");
  out.name = type;
  if (type == "External" && m.contains("external") && m["external"].is_object()) {
    const auto& ext = m["external"];
    out.name = ext.contains("metric") ? str(ext["metric"], "name") : "";
    out.skipped = "External metric read through a metrics adapter, not a PromQL query";
  } else {
    out.skipped = fmt::format("{} metric, not a Prometheus query", type.empty() ? "untyped" : type);
  }
  return out;
}

} // namespace

std::vector<Trigger> triggers_of(const emit::Doc& body, Bounds& bounds) {
  std::vector<Trigger> out;
  std::string kind = str(body, "kind");
  const emit::Doc spec = body.is_object() && body.contains("spec") ? body["spec"] : emit::Doc();
  const emit::Doc md =
      body.is_object() && body.contains("metadata") ? body["metadata"] : emit::Doc();
  const char* list = kind == "ScaledObject" ? "triggers" : "metrics";
  if ((kind != "ScaledObject" && kind != "HorizontalPodAutoscaler") || !spec.is_object() ||
      !spec.contains(list) || !spec[list].is_array()) {
    return out;
  }
  if (kind == "ScaledObject") {
    // KEDA's defaults: minReplicaCount 0, maxReplicaCount 100 (apis/keda/v1alpha1
    // scaledobject_types.go, +kubebuilder defaults).
    bounds = {integer(spec, "minReplicaCount", 0), integer(spec, "maxReplicaCount", 100)};
  } else {
    bounds = {integer(spec, "minReplicas", 1), integer(spec, "maxReplicas", 1)};
  }
  int i = 0;
  for (const auto& t : spec[list]) {
    Trigger tr = kind == "ScaledObject" ? keda_trigger(t, i) : hpa_metric(t, i);
    tr.ns = str(md, "namespace");
    tr.object = str(md, "name");
    out.push_back(std::move(tr));
    ++i;
  }
  return out;
}

} // namespace isvc::check
