// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/inference_service.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::model {

/// Prefix of the project's own annotations on the InferenceService.
inline constexpr std::string_view k_ext_prefix = "isvc-scale.io/";

/// Intent KServe's schema cannot carry, read from `isvc-scale.io/*` annotations.
struct Extensions {
  Field<std::string> autoscaler; // keda | hpa
  Field<std::int64_t> polling_interval;
  Field<std::int64_t> cooldown_period;
  Field<std::int64_t> initial_cooldown_period;
  Field<std::int64_t> fallback_failure_threshold;
  Field<std::int64_t> fallback_replicas;
  Field<std::string> activation_query;
  Field<std::string> activation_preset;
  Field<std::string> activation_threshold;
  Field<std::string> activation_server_address;
  Field<std::string> podmonitor_labels;
  /// podmonitor-labels split into valid Kubernetes label keys and values (empty if invalid).
  std::map<std::string, std::string> podmonitor_label_map;
  Field<std::string> scrape_interval;
  /// isvc-scale.io/llm-d-version: the llm-d-router (EPP) release in front of the InferencePool.
  Field<std::string> llm_d_version;
  Field<std::string> graphite_query_time;
  Field<std::string> model_name;
};

} // namespace isvc::model
