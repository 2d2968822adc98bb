// SPDX-License-Identifier: Apache-2.0
// Reported by lib/check/evaluate.cpp, not by a lint check; this row registers and documents the id.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_check_query_failed = {
    "check-query-failed",
    diag::Severity::error,
    Applies::any,
    "Prometheus is unreachable or rejects the query",
    "The query could not be evaluated, so nothing is known about how the object would scale; KEDA "
    "would report the same error at run time if the server rejects the query.",
    "Check --prometheus, the credentials options and the query syntax.",
    "",
    nullptr,
    nullptr,
    true,
    Fixes::none,
    false,
    Stage::check,
};

} // namespace isvc::validate
