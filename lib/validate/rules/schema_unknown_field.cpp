// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_unknown_field = {
    "schema-unknown-field",
    diag::Severity::error,
    Applies::any,
    "field the schema does not know",
    "`kubectl apply` (strict field validation) rejects unknown fields; a typo silently drops "
    "intent with lenient tools.",
    "Remove the field or fix its spelling (see the suggestion; --fix renames it when exactly one "
    "known field is that close).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  "
    "predictor:\n    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n     "
    "     name: cpu\n          target:\n            type: Utilization\n            "
    "averageUtilisation: 50\n",
    nullptr,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
