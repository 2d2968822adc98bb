// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_range = {
    "schema-range",
    diag::Severity::error,
    Applies::any,
    "number or length out of range",
    "Replica counts, windows, periods and utilizations have bounds the API server or HPA enforces.",
    "Use a value inside the documented range.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    autoScaling:\n      behavior:\n        scaleDown:\n"
    "          stabilizationWindowSeconds: 4000\n",
    nullptr,
};

} // namespace isvc::validate
