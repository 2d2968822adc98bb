// SPDX-License-Identifier: Apache-2.0
// Reported by lib/check/evaluate.cpp, not by a lint check; this row registers and documents the id.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_check_activation_not_0_1 = {
    "check-activation-not-0-1",
    diag::Severity::warning,
    Applies::any,
    "the activation trigger reads more than 1: it counts series, not this service's traffic",
    "isvc-scale check evaluates the rendered activation query on a live Prometheus. The activation "
    "trigger is meant to answer 0 or 1 for this service; a larger value means it counts series, so "
    "any model's traffic wakes this one.",
    "Compare the aggregated expression again (`(sum(...) > bool 0)`), or scope it to this service.",
    "",
    nullptr,
    nullptr,
    true,
    Fixes::none,
    false,
    Stage::check,
};

} // namespace isvc::validate
