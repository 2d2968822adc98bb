// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace isvc::util {

/// Length of the well-formed UTF-8 sequence at `s[i]` (Unicode 15, table 3-7: no overlongs,
/// surrogates or code points above U+10FFFF): 1 for ASCII, 2 to 4, or 0 if it is malformed.
std::size_t utf8_length(std::string_view s, std::size_t i);

} // namespace isvc::util
