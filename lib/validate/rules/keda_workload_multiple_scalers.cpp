// SPDX-License-Identifier: Apache-2.0
// TODO(owner): implement; a rule without a check or example fails the registry test.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_keda_workload_multiple_scalers = {
    "keda-workload-multiple-scalers", diag::Severity::warning, Applies::scaled_object, "", "", "", "", nullptr,
};

} // namespace isvc::validate
