// SPDX-License-Identifier: Apache-2.0
// Reported by the engine itself (lib/parse/yaml_loader.cpp); this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_yaml_duplicate_key = {
    "yaml-duplicate-key",
    diag::Severity::error,
    Applies::any,
    "mapping key defined twice",
    "YAML readers disagree on which value of a repeated key wins; yaml-cpp keeps the first, "
    "Kubernetes the last.",
    "Remove or rename the repeated key.",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n",
    nullptr,
};

} // namespace isvc::validate
