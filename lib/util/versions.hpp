// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace isvc::util {

/// One upstream project whose API the rules, schemas and renderers target.
struct UpstreamVersion {
  std::string_view project;
  std::string_view version;
  std::string_view what; // the APIs taken from it
};

/// The one place the targeted upstream versions are written down; `--version` prints it and
/// a unit test checks it against the provenance ($comment) of every schema in schemas/strict/.
inline constexpr std::array<UpstreamVersion, 5> k_upstream_versions = {{
    {"KServe", "v0.20.0", "serving.kserve.io/v1beta1 InferenceService, controller behaviour"},
    {"KEDA", "v2.20.2", "keda.sh/v1alpha1 ScaledObject, TriggerAuthentication"},
    {"Kubernetes", "v1.35", "autoscaling/v2 HorizontalPodAutoscaler"},
    {"prometheus-operator", "v0.93.0", "monitoring.coreos.com/v1 PodMonitor"},
    {"opentelemetry-operator", "v0.158.0", "opentelemetry.io/v1beta1 OpenTelemetryCollector"},
}};

/// `isvc-scale --version`: "isvc-scale X.Y.Z", "targets:" and one line per upstream project
/// (no final newline; CLI11 adds it).
inline std::string version_text(std::string_view own) {
  std::string text = "isvc-scale " + std::string(own) + "\ntargets:";
  for (const auto& u : k_upstream_versions) {
    text += "\n  " + std::string(u.project) + " " + std::string(u.version) + " (" +
            std::string(u.what) + ")";
  }
  return text;
}

} // namespace isvc::util
