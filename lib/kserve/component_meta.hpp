// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kserve/config.hpp"
#include "model/inference_service.hpp"

#include <map>
#include <string>

namespace isvc::kserve {

inline constexpr const char* k_deployment_mode = "serving.kserve.io/deploymentMode";
inline constexpr const char* k_autoscaler_class = "serving.kserve.io/autoscalerClass";
inline constexpr const char* k_stop = "serving.kserve.io/stop";
inline constexpr const char* k_enable_scraping = "serving.kserve.io/enable-prometheus-scraping";
inline constexpr const char* k_prom_port = "prometheus.kserve.io/port";
inline constexpr const char* k_prom_path = "prometheus.kserve.io/path";
inline constexpr const char* k_otel_inject = "sidecar.opentelemetry.io/inject";
inline constexpr const char* k_isvc_label = "serving.kserve.io/inferenceservice";

/// What KServe's controller computes per component
/// (pkg/controller/v1beta1/inferenceservice/components/predictor.go Reconcile and its
/// transformer/explainer siblings).
struct ComponentMeta {
  std::string name;
  std::string ns;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  /// Merged-annotation class, "hpa" when the key is absent.
  std::string autoscaler_class;
  bool class_present = false;
  bool stopped = false;
};

/// `<isvc>-predictor`, `<isvc>-<name>-predictor`, `<isvc>-transformer`, ...
std::string component_name(const model::InferenceService& isvc, const model::Component& c);

/// With `cfg`, the annotations are those KServe's mutating webhook stores:
/// deploymentMode RawDeployment/Serverless rewritten to Standard/Knative, and set
/// from the ConfigMap default (Standard or ModelMesh) when absent. With
/// `controller`, also the internal annotations the component reconciler adds.
ComponentMeta component_meta(const model::InferenceService& isvc,
                             const model::Component& c,
                             const Config* cfg = nullptr,
                             bool controller = false);

/// The controller's deployment mode (GetDeploymentMode): a known annotation value
/// normalised, else the ConfigMap default. `from_annotation` tells which.
std::string deployment_mode(const model::InferenceService& isvc,
                            const Config& cfg,
                            bool* from_annotation = nullptr);

} // namespace isvc::kserve
