// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_invalid = {
    "schema-invalid",
    diag::Severity::error,
    Applies::any,
    "document fails its JSON Schema",
    "A constraint of the upstream schema without a more specific rule failed, e.g. a timestamp "
    "that "
    "is not RFC 3339.",
    "Fix the field named in the message.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\n"
    "  creationTimestamp: yesterday\nspec:\n  scaleTargetRef:\n    name: d\n  triggers:\n"
    "  - type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    nullptr,
};

} // namespace isvc::validate
