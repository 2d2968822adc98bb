// SPDX-License-Identifier: Apache-2.0
#include "util/shared_text.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace isvc::util {

SharedText::SharedText(std::string_view text) {
  if (text.empty()) {
    return;
  }
  auto own = std::make_shared_for_overwrite<char[]>(text.size());
  std::memcpy(own.get(), text.data(), text.size());
  m_view = std::string_view(own.get(), text.size());
  m_own = std::move(own);
}

SharedText SharedText::known(std::string_view text) {
  // The objects lint has rules for and those they refer to; anything else is copied.
  static constexpr std::array<std::string_view, 24> k_known = {
      "serving.kserve.io/v1beta1",
      "serving.kserve.io/v1alpha1",
      "keda.sh/v1alpha1",
      "autoscaling/v2",
      "autoscaling/v2beta2",
      "autoscaling/v1",
      "monitoring.coreos.com/v1",
      "opentelemetry.io/v1beta1",
      "opentelemetry.io/v1alpha1",
      "apps/v1",
      "v1",
      "InferenceService",
      "ScaledObject",
      "ScaledJob",
      "TriggerAuthentication",
      "ClusterTriggerAuthentication",
      "HorizontalPodAutoscaler",
      "PodMonitor",
      "ServiceMonitor",
      "OpenTelemetryCollector",
      "ServingRuntime",
      "ClusterServingRuntime",
      "Deployment",
      "ConfigMap",
  };
  auto it = std::find(k_known.begin(), k_known.end(), text);
  return it != k_known.end() ? borrow(*it) : SharedText(text);
}

} // namespace isvc::util
