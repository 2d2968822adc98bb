// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_pattern = {
    "schema-pattern",
    diag::Severity::error,
    Applies::any,
    "value does not match the required format",
    "Quantities, label keys and names follow fixed grammars; the API server rejects others.",
    "Rewrite the value so that it matches the pattern the message names.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\n  labels:\n"
    "    model: \"llama3:8b\"\nspec:\n  scaleTargetRef:\n    name: d\n  triggers:\n  - type: cpu\n"
    "    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    nullptr,
};

} // namespace isvc::validate
