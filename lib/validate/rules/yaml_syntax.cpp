// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/parse/yaml_loader.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_yaml_syntax = {
    "yaml-syntax",
    diag::Severity::error,
    Applies::any,
    "YAML does not parse",
    "Nothing in a file is linted or rendered until it parses.",
    "Fix the YAML syntax at the reported position.",
    "a: [1, 2\n",
    nullptr,
};

} // namespace isvc::validate
