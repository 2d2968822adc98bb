// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace isvc::kserve {

/// The entries of ConfigMap `inferenceservice-config` that autoscaling uses
/// (KServe pkg/apis/serving/v1beta1/configmap.go
/// NewInferenceServicesConfig, NewDeployConfig; config/configmap/inferenceservice.yaml). Defaults
/// are KServe v0.20.0's shipped values.
struct Config {
  std::string default_deployment_mode = "Serverless";
  std::optional<std::int32_t> scale_up_window = 0;
  std::optional<std::int32_t> scale_down_window = 300;
  std::string otel_scrape_interval = "5s";
  std::string otel_receiver_endpoint = "keda-otel-scaler.keda.svc:4317";
  std::string otel_scaler_endpoint = "keda-otel-scaler.keda.svc:4318";
  std::string otel_cpu_limit = "1";
  std::string otel_memory_limit = "2Gi";
  std::string otel_cpu_request = "200m";
  std::string otel_memory_request = "512Mi";
  /// Annotations KServe does not copy from the InferenceService to the pod template: its
  /// defaults (pkg/constants/constants.go:534-540) plus the inferenceService entry's
  /// serviceAnnotationDisallowedList, appended (pkg/apis/serving/v1beta1/configmap.go:234-245).
  std::vector<std::string> service_annotation_disallowed = {
      "autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/max-scale",
      "internal.serving.kserve.io/storage-initializer-sourceuri",
      "kubectl.kubernetes.io/last-applied-configuration", "modelFormat"};
  /// Where the values came from (for --verbose).
  std::string source = "KServe v0.20.0 shipped defaults";
};

/// Reads a ConfigMap as `kubectl get cm inferenceservice-config -o yaml` prints
/// it. Missing keys become empty, as in KServe's configmap.go. Throws
/// isvc::Error with KServe's message text on unparsable JSON.
Config load_config(const std::string& path, const std::string& text);

/// Reads the ConfigMap from a file (`--kserve-config`); throws isvc::Error.
Config load_config_file(const std::string& path);

/// "Standard" or "Knative" (legacy names normalised); "" if unknown.
std::string normalize_deployment_mode(const std::string& mode);

} // namespace isvc::kserve
