// SPDX-License-Identifier: Apache-2.0
#include "kserve/component_meta.hpp"
#include "render/renderers.hpp"

namespace isvc::render {
namespace {

bool kserve_keda(const Context& c) { return c.meta.autoscaler_class == "keda" && !c.meta.stopped; }
// HPAs are created only for an absent or `hpa` class (shouldCreateHPA).
bool kserve_hpa_applies(const Context& c) {
  return (!c.meta.class_present || c.meta.autoscaler_class == "hpa") && !c.meta.stopped;
}
bool engine_keda(const Context& c) { return c.engine == Engine::keda; }
bool engine_hpa(const Context& c) { return c.engine == Engine::hpa; }
bool scraping(const Context& c) {
  auto it = c.meta.annotations.find(kserve::k_enable_scraping);
  return c.engine != Engine::none && it != c.meta.annotations.end() && it->second == "true";
}

} // namespace

const std::vector<Renderer>& renderers() {
  static const std::vector<Renderer> k_renderers = {
      {"otel-collector", Mode::kserve, "KServe's sidecar OpenTelemetryCollector",
       wants_otel_collector, otel_collector},
      {"keda-scaledobject", Mode::kserve, "KServe's ScaledObject (class keda)", kserve_keda,
       kserve_scaled_object},
      {"hpa", Mode::kserve, "KServe's HorizontalPodAutoscaler (class hpa or none set)",
       kserve_hpa_applies, kserve_hpa},
      {"keda-scaledobject", Mode::external, "ScaledObject with the full intent", engine_keda,
       external_scaled_object},
      {"hpa", Mode::external, "autoscaling/v2 HPA with the full behavior", engine_hpa,
       external_hpa},
      {"pod-monitor", Mode::external, "PodMonitor when Prometheus scraping is enabled", scraping,
       pod_monitor},
  };
  return k_renderers;
}

} // namespace isvc::render
