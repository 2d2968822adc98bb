// SPDX-License-Identifier: Apache-2.0
// Reported by lib/check/evaluate.cpp, not by a lint check; this row registers and documents the id.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_check_empty_result = {
    "check-empty-result",
    diag::Severity::error,
    Applies::any,
    "the query returns nothing (or NaN) and ignoreNullValues is \"false\": KEDA errors",
    "KEDA's prometheus scaler returns an error for an empty result unless ignoreNullValues is true "
    "(kedacore/keda pkg/scalers/prometheus_scaler.go), so the ScaledObject goes to its fallback or "
    "stops scaling.",
    "Make the query return a series when idle (`or vector(0)`), or check that the labels match "
    "what the server exports.",
    "",
    nullptr,
    nullptr,
    true,
    Fixes::none,
    false,
    Stage::check,
};

} // namespace isvc::validate
