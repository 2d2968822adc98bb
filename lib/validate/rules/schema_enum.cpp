// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_enum = {
    "schema-enum",
    diag::Severity::error,
    Applies::any,
    "value not in the schema's allowed set",
    "The API server rejects values outside a field's enum (e.g. metric type, backend, target "
    "type).",
    "Use one of the allowed values named in the schema.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  "
    "predictor:\n    autoScaling:\n      metrics:\n      - type: Pods\n",
    nullptr,
};

} // namespace isvc::validate
