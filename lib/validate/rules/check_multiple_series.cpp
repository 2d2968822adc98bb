// SPDX-License-Identifier: Apache-2.0
// Reported by lib/check/evaluate.cpp, not by a lint check; this row registers and documents the id.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_check_multiple_series = {
    "check-multiple-series",
    diag::Severity::error,
    Applies::any,
    "the query returns more than one series: KEDA's scaler fails",
    "KEDA's prometheus scaler refuses a result with more than one element (kedacore/keda "
    "pkg/scalers/prometheus_scaler.go, \"multiple elements\"); the trigger never yields a value.",
    "Aggregate the query (`sum(...)` or `max(...)`) so it returns exactly one series.",
    "",
    nullptr,
    nullptr,
    true,
    Fixes::none,
    false,
    Stage::check,
};

} // namespace isvc::validate
