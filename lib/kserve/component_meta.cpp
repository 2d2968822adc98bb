// SPDX-License-Identifier: Apache-2.0
#include "kserve/component_meta.hpp"

#include "kserve/internal_annotations.hpp"
#include "util/strings.hpp"

#include <array>
#include <string_view>

namespace isvc::kserve {
namespace {

// ServiceAnnotationDisallowedList as shipped.
constexpr std::array<std::string_view, 5> k_disallowed = {
    "autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/max-scale",
    "internal.serving.kserve.io/storage-initializer-sourceuri",
    "kubectl.kubernetes.io/last-applied-configuration", "modelFormat"};

bool disallowed(const std::string& key) {
  for (auto d : k_disallowed) {
    if (key == d) {
      return true;
    }
  }
  return false;
}

} // namespace

std::string component_name(const model::InferenceService& isvc, const model::Component& c) {
  std::string out = *isvc.name;
  if (c.kind == model::ComponentKind::predictor && c.name && !c.name->empty()) {
    out += "-" + *c.name;
  }
  out += "-";
  out += model::to_string(c.kind);
  return out;
}

ComponentMeta component_meta(const model::InferenceService& isvc,
                             const model::Component& c,
                             const Config* cfg,
                             bool controller) {
  ComponentMeta meta;
  meta.name = component_name(isvc, c);
  meta.ns = *isvc.ns;
  for (const auto& [k, v] : isvc.annotations) {
    if (!disallowed(k)) {
      meta.annotations[k] = *v;
    }
  }
  if (controller) {
    for (auto& [k, v] : internal_annotations(isvc, c)) {
      meta.annotations[k] = std::move(v);
    }
  }
  for (const auto& [k, v] : c.annotations) {
    if (!disallowed(k)) {
      meta.annotations[k] = *v;
    }
  }
  for (const auto& [k, v] : isvc.labels) {
    meta.labels[k] = *v;
  }
  for (const auto& [k, v] : c.labels) {
    meta.labels[k] = *v;
  }
  if (cfg != nullptr) {
    // DefaultInferenceService (inference_service_defaults.go).
    auto mode = meta.annotations.find(k_deployment_mode);
    if (mode != meta.annotations.end()) {
      if (mode->second == "RawDeployment") {
        mode->second = "Standard";
      } else if (mode->second == "Serverless") {
        mode->second = "Knative";
      }
    } else {
      std::string dflt = normalize_deployment_mode(cfg->default_deployment_mode);
      if (dflt == "Standard" || dflt == "ModelMesh") {
        meta.annotations[k_deployment_mode] = dflt;
      }
    }
  }
  meta.labels[k_isvc_label] = *isvc.name;
  meta.labels["component"] = model::to_string(c.kind);
  auto cls = meta.annotations.find(k_autoscaler_class);
  meta.class_present = cls != meta.annotations.end();
  meta.autoscaler_class = meta.class_present ? cls->second : "hpa";
  auto stop = meta.annotations.find(k_stop);
  meta.stopped = stop != meta.annotations.end() && util::iequals(stop->second, "true");
  return meta;
}

std::string
deployment_mode(const model::InferenceService& isvc, const Config& cfg, bool* from_annotation) {
  // GetDeploymentMode (inferenceservice/utils/utils.go): only the exact
  // (case-sensitive) known names count; any other value falls back to the
  // ConfigMap default like an absent annotation.
  const auto* a = isvc.annotation(k_deployment_mode);
  std::string mode = a != nullptr ? normalize_deployment_mode(**a) : "";
  if (from_annotation != nullptr) {
    *from_annotation = !mode.empty();
  }
  if (!mode.empty()) {
    return mode;
  }
  return normalize_deployment_mode(cfg.default_deployment_mode);
}

} // namespace isvc::kserve
