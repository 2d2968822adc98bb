// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace isvc::util {

/// fnmatch(3)-style match of a '/'-separated relative path (FNM_PATHNAME: `*`, `?` and
/// `[...]` never match '/'), plus `**` as a whole path segment matching zero or more
/// segments (`**/x.yaml`, `vendor/**`, `a/**/b`). `[!...]`/`[^...]` negate a class,
/// ranges `a-z` work, and `\` quotes the next character.
bool glob_match(std::string_view pattern, std::string_view path);

} // namespace isvc::util
