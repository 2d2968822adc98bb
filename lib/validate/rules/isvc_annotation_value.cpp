// SPDX-License-Identifier: Apache-2.0
// TODO(owner): implement; a rule without a check or example fails the registry test.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_isvc_annotation_value = {
    "isvc-annotation-value", diag::Severity::warning, Applies::inference_service, "", "", "", "", nullptr,
};

} // namespace isvc::validate
