// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_type = {
    "schema-type",
    diag::Severity::error,
    Applies::any,
    "value has the wrong type",
    "Kubernetes rejects e.g. a number where a string is required (KEDA trigger metadata values, "
    "annotation values, quantities written as floats).",
    "Quote strings and write numbers as numbers, as the field requires.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: cpu\n    metricType: Utilization\n    "
    "metadata:\n      value: 50\n",
    nullptr,
};

} // namespace isvc::validate
