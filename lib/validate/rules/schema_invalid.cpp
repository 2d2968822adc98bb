// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/validate/schema.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_schema_invalid = {
    "schema-invalid",
    diag::Severity::error,
    Applies::any,
    "document fails its JSON Schema",
    "A constraint of the upstream schema that has no more specific rule failed.",
    "Fix the field named in the message.",
    "",
    nullptr,
};

} // namespace isvc::validate
