// SPDX-License-Identifier: Apache-2.0
#include "check/rules.hpp"

namespace isvc::check {

const std::vector<CheckRule>& rules() {
  static const std::vector<CheckRule> k_rules = {
      {"check-activation-not-0-1",
       "the activation trigger reads more than 1: it counts series, not this service's traffic"},
      {"check-empty-result",
       "the query returns nothing (or NaN) and ignoreNullValues is \"false\": KEDA errors"},
      {"check-multiple-series", "the query returns more than one series: KEDA's scaler fails"},
      {"check-query-failed", "Prometheus is unreachable or rejects the query"},
  };
  return k_rules;
}

} // namespace isvc::check
