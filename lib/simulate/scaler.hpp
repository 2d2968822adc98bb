// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "emit/emit.hpp"

#include <string>
#include <vector>

namespace isvc::simulate {

/// HPA metric target type (autoscaling/v2 MetricTarget.type).
enum class Target { value, average_value, utilization };

/// One trigger of a ScaledObject, or one metric of a plain HPA.
struct Trigger {
  std::string name;  ///< trigger `name`, or "" (addressed by position then)
  std::string type;  ///< prometheus, cpu, memory, external, ...
  std::string query; ///< metadata.query (demand model picks a signal from it)
  Target target = Target::average_value;
  double threshold = 1;
  double activation = 0; ///< activationThreshold (KEDA default 0)
  /// prometheus trigger metadata ignoreNullValues (default true): an empty result reads as 0.
  bool ignore_null = true;
  bool resource() const { return type == "cpu" || type == "memory"; }
};

/// One HPA scaling policy.
struct Policy {
  bool pods = true; ///< Pods (else Percent)
  int value = 0;
  int period = 15;
};

/// HPAScalingRules after API defaulting.
struct Rules {
  int window = 0;
  enum class Select { max, min, disabled } select = Select::max;
  std::vector<Policy> policies;
};

/// The simulated autoscaler: a ScaledObject (keda) or a plain HPA, as rendered.
struct Scaler {
  std::string name;
  bool keda = false;
  int min = 1;
  int max = 100;
  int polling = 30;         ///< KEDA pollingInterval
  int cooldown = 300;       ///< KEDA cooldownPeriod
  int initial_cooldown = 0; ///< KEDA initialCooldownPeriod
  /// KEDA idleReplicaCount (-1 = unset): replicas while inactive instead of 0; KEDA's webhook
  /// requires it below minReplicaCount (apis/keda/v1alpha1/scaledobject_types.go:364-365).
  int idle = -1;
  int fallback_failures = 0; ///< fallback.failureThreshold
  int fallback_replicas = 0; ///< fallback.replicas; 0 = no fallback
  double tolerance = 0.1;
  double gpus_per_pod = 0; ///< nvidia.com/gpu limits of the predictor pod
  std::vector<Trigger> triggers;
  /// The HPA has spec.behavior. Without it the controller takes its legacy path (fixed
  /// scale-up limit, 300 s scale-down window; see hpa.cpp); KEDA passes
  /// advanced.horizontalPodAutoscalerConfig.behavior through, nil when unset
  /// (kedacore/keda controllers/keda/hpa.go:79-84).
  bool behavior = false;
  Rules up;   ///< spec.behavior.scaleUp after API defaulting
  Rules down; ///< spec.behavior.scaleDown after API defaulting
};

/// A short label: the trigger's name, else the first metric name in its query (the identifier
/// before `{` or `[`), else its type.
std::string label_of(const Trigger& t);

/// Default HPA behavior (kubernetes v1.28.0 pkg/apis/autoscaling/v2/defaults.go:27-64,
/// GenerateHPAScaleUpRules :105-108, GenerateHPAScaleDownRules :113-116): up 0 s window,
/// max(100 %, 4 pods) per 15 s; down 100 % per 15 s, its window nil and so the controller's
/// 300 s (pkg/controller/podautoscaler/horizontal.go:1013-1019,
/// config/v1alpha1/defaults.go:47). Fields the object sets replace the defaults one by one
/// (copyHPAScalingRules :119-133); applied only when the object has a behavior
/// (SetDefaults_HorizontalPodAutoscalerBehavior :95-101).
Rules default_up();
Rules default_down();

/// Reads the ScaledObject or HorizontalPodAutoscaler among rendered `objects` (and the
/// InferenceService's nvidia.com/gpu limit). Returns false with `error` set if there is none or
/// a field cannot be read.
bool scaler_from_objects(const std::vector<emit::Object>& objects, Scaler& out, std::string& error);

} // namespace isvc::simulate
