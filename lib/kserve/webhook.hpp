// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/rule_id.hpp"
#include "kserve/config.hpp"
#include "model/inference_service.hpp"

#include <string>
#include <vector>

namespace isvc::kserve {

/// One rejection by KServe's validating webhook, with KServe's message text.
struct Violation {
  /// Stable id of the check (also the lint rule id).
  diag::RuleId check;
  std::string message;
  model::Mark mark;
  std::string pointer;
};

/// KServe v0.20.0 `validateInferenceService` checks that touch autoscaling
/// (KServe pkg/apis/serving/v1beta1/inference_service_validation.go,
/// validateInferenceServiceAutoscaler :477), in KServe's order: the first one is the
/// error `kubectl apply` would print. Later ones are what KServe would report
/// after each earlier fix.
std::vector<Violation> validate(const model::InferenceService& isvc, const Config& cfg);

/// Replicas of each canary: canary minReplicas, else ceil(stable min × trafficPercent / 100).
std::vector<std::int64_t> canary_replicas(const model::InferenceService& isvc);

} // namespace isvc::kserve
