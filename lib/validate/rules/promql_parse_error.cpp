// SPDX-License-Identifier: Apache-2.0
// TODO(owner): implement; a rule without a check or example fails the registry test.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_promql_parse_error = {
    "promql-parse-error", diag::Severity::warning, Applies::any, "", "", "", "", nullptr,
};

} // namespace isvc::validate
