// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/triggers.hpp"
#include "diag/rule_id.hpp"
#include "prom/client.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace isvc::check {

/// What one trigger reads now, and what KEDA/the HPA make of it.
struct TriggerReport {
  Trigger trigger;
  bool evaluated = false;
  std::size_t series = 0;
  /// The value KEDA hands the HPA (0 for an ignored empty result).
  double value = 0;
  bool active = false;
  /// The HPA's proposal for this metric alone at the current replica count.
  int desired = 0;
  /// A finding: its rule id (registered in lib/diag/rule_ids.inc) and message; empty when none.
  diag::RuleId rule;
  std::string problem;
  /// A warning keeps the value (it still scales); an error means KEDA gets none.
  bool warning = false;
};

/// Judges one trigger's query result as KEDA would and proposes replicas as the HPA would.
TriggerReport evaluate(const Trigger& t, const prom::QueryResult& r, int current_replicas);

/// The replica count KEDA/the HPA ask for now, from every trigger of one object.
int desired_replicas(const Bounds& b, int current_replicas, const std::vector<TriggerReport>& ts);

} // namespace isvc::check
