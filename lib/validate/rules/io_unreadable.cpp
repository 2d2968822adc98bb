// SPDX-License-Identifier: Apache-2.0
// Reported by lib/parse/inputs.cpp, not by a lint check; this row registers and documents the id.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_io_unreadable = {
    "io-unreadable",
    diag::Severity::error,
    Applies::any,
    "the input cannot be read",
    "A path that cannot be opened, a directory that cannot be listed, or bytes that are not UTF-8 "
    "text were never checked; the run exits 2 so CI does not pass on input nobody read.",
    "Check the path and its permissions.",
    "",
    nullptr,
    nullptr,
    true,
    Fixes::none,
    false,
    Stage::read,
};

} // namespace isvc::validate
