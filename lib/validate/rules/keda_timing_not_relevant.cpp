// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <cctype>
#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  const auto* s = spec(d);
  auto min = integer(at(s, "minReplicaCount"));
  auto idle = integer(at(s, "idleReplicaCount"));
  if (!min || *min == 0 || (idle && *idle == 0)) {
    return;
  }
  for (const char* key : {"pollingInterval", "cooldownPeriod"}) {
    if (at(s, key) != nullptr) {
      r.at(s->key_mark(key), std::string("/spec/") + key,
           fmt::format("{} is configured but is not relevant. {} is only relevant when "
                       "minReplicaCount = 0 or idleReplicaCount = 0{}",
                       std::string(1, static_cast<char>(std::toupper(key[0]))) + (key + 1),
                       std::string(1, static_cast<char>(std::toupper(key[0]))) + (key + 1),
                       std::string_view(key) == "pollingInterval"
                           ? " or useCachedMetrics is enabled"
                           : ""));
    }
  }
}

} // namespace

extern const Rule k_rule_keda_timing_not_relevant = {
    "keda-timing-not-relevant",
    diag::Severity::note,
    Applies::scaled_object,
    "pollingInterval or cooldownPeriod that KEDA ignores",
    "KEDA only polls and cools down between 0 and 1 replicas (or idle and min); with "
    "minReplicaCount >= 1 and no idleReplicaCount the HPA does the scaling and KEDA's webhook "
    "warns that the setting is not relevant.",
    "Remove pollingInterval/cooldownPeriod, or set minReplicaCount: 0 (with a trigger that works "
    "at zero pods) if scale to zero was the intent.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  minReplicaCount: 1\n  cooldownPeriod: 360\n  triggers:\n  - "
    "type: prometheus\n    metricType: AverageValue\n    metadata:\n      serverAddress: "
    "http://p:9090\n      query: sum(x)\n      threshold: \"5\"\n",
    check,
};

} // namespace isvc::validate
