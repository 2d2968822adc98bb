// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_required = {
    "schema-required",
    diag::Severity::error,
    Applies::any,
    "required field missing",
    "The API server rejects objects without their required fields.",
    "Add the missing field.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  triggers:\n "
    " - type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    nullptr,
};

} // namespace isvc::validate
