// SPDX-License-Identifier: Apache-2.0
// Where Prometheus finds a component's metrics: decided once, read by the PodMonitor renderer
// and by the podmonitor-port-undeclared rule.
#pragma once

#include "model/inference_service.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace isvc::plan {

/// The model container's name on the pod KServe creates: every stock implementation
/// (KServe pkg/apis/serving/v1beta1/predictor_sklearn.go:36, predictor_huggingfaceruntime.go:44,
/// ...) and a single custom container (predictor_custom.go:69-71, transformer_custom.go:55) are
/// named constants.InferenceServiceContainerName (pkg/constants/constants.go:493).
inline constexpr const char* k_model_container = "kserve-container";

/// The ServingRuntime's metrics port when the InferenceService names none: KServe's pod webhook
/// defaults kserve-container's port to 8080 (pkg/webhook/admission/pod/
/// metrics_aggregate_injector.go:30), as do all but two stock runtimes (config/runtimes/
/// kserve-*.yaml:9; torchserve says 8082, tritonserver 8002).
inline constexpr std::int64_t k_default_metrics_port = 8080;

struct ScrapePlan {
  /// serving.kserve.io/enable-prometheus-scraping is "true" on the component.
  bool enabled = false;
  /// prometheus.kserve.io/port (else prometheus.io/port) as written, "8080" when unset.
  std::string port_text;
  /// port_text as a port number; unset when it is not one (render refuses).
  std::optional<std::int64_t> port;
  /// prometheus.kserve.io/path (else prometheus.io/path), "/metrics" when unset.
  std::string path;
  /// The container serving the metrics (k_model_container).
  std::string container;
  /// Name of the port the component declares with that number ("" when none does): a
  /// PodMonitor `port:` selects only a declared, named port.
  std::string declared_port_name;
  /// The component's container ports as written (name, number): empty on stock runtimes.
  std::vector<std::pair<std::string, std::int64_t>> declared_ports;
};

/// The scrape facts of `c` from its merged annotations.
ScrapePlan resolve_scrape(const model::Component& c,
                          const std::map<std::string, std::string>& annotations);

} // namespace isvc::plan
