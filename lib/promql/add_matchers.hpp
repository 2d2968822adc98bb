// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::promql {

/// A label matcher to add: `label="value"`.
struct AddMatcher {
  std::string label;
  std::string value;
};

/// `query` with every `add` matcher written into each vector selector that has no matcher
/// on that label yet, the rest of the text byte for byte: `x` becomes `x{l="v"}`, `x{a="b"}`
/// becomes `x{a="b",l="v"}`. `quote` is the string quote to write (' where the query sits
/// in a double-quoted YAML scalar). nullopt when the query does not parse, a value would need
/// an escape, or a selector's braces cannot be found at its offset.
std::optional<std::string>
add_matchers(std::string_view query, const std::vector<AddMatcher>& add, char quote = '"');

} // namespace isvc::promql
