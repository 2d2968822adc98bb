// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "validate/rule.hpp"

namespace isvc::validate {

/// Reports the KServe webhook verdicts of one check id (computed once per ISVC).
void report_webhook(const Subject& d, Reporter& r, std::string_view check);

} // namespace isvc::validate
