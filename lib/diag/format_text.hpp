// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"

#include <functional>
#include <ostream>
#include <string_view>

namespace isvc::diag {

/// Returns the text of `file` (for the caret line), or an empty view.
using SourceLookup = std::function<std::string_view(const std::string& file)>;

/// `file:line:col: severity: message [rule]`, the source line with a caret,
/// and `fix:` (ninja/gcc shape).
/// `color`: the severity word and the caret in ANSI colour (red, yellow, cyan; green caret).
void write_text(std::ostream& out,
                const Diagnostic& d,
                const SourceLookup& source,
                bool color = false);

} // namespace isvc::diag
