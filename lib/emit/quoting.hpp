// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace isvc::emit {

/// True if a YAML 1.1 or 1.2 reader could take `s`, written plain, for
/// anything but this exact string (bool, null, number, timestamp, indicator,
/// comment, leading/trailing space, line break).
bool needs_quotes(std::string_view s);

/// `s` as a YAML double-quoted scalar; control characters, NEL, LS and PS are escaped
/// (\\xNN, \\N, \\L, \\P, \\uNNNN) so YAML 1.1 and 1.2 readers get `s` back exactly.
std::string double_quoted(std::string_view s);

} // namespace isvc::emit
