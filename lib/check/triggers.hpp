// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "emit/emit.hpp"

#include <string>
#include <vector>

namespace isvc::check {

/// One scaling input of a ScaledObject (spec.triggers[i]) or an HPA (spec.metrics[i]).
struct Trigger {
  std::string kind; ///< ScaledObject or HorizontalPodAutoscaler
  std::string ns;
  std::string object;
  int index = 0;
  /// JSON Pointer of the trigger inside its object ("/spec/triggers/1").
  std::string pointer;
  std::string name; ///< trigger name, metricName or the HPA metric's name
  /// PromQL to evaluate; "" for what is not a prometheus trigger (cpu, adapter metrics).
  std::string query;
  /// Why `query` is empty, for the report.
  std::string skipped;
  std::string metric_type = "AverageValue"; ///< AverageValue or Value
  double threshold = 0;
  double activation_threshold = 0;
  bool ignore_null_values = true;
};

/// The scaling bounds of the object the triggers belong to.
struct Bounds {
  int min_replicas = 1;
  int max_replicas = 1;
};

/// Triggers of a ScaledObject or HPA body, in spec order; empty for other kinds.
std::vector<Trigger> triggers_of(const emit::Doc& body, Bounds& bounds);

} // namespace isvc::check
