// SPDX-License-Identifier: Apache-2.0
// TODO(owner): implement; a rule without a check or example fails the registry test.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_hpa_replica_bounds = {
    "hpa-replica-bounds", diag::Severity::warning, Applies::hpa, "", "", "", "", nullptr,
};

} // namespace isvc::validate
