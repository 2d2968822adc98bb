// SPDX-License-Identifier: Apache-2.0
// What yaml-cpp accepts but kubectl's reader (go-yaml) and PyYAML refuse: tags
// it cannot honour and directives not followed by `---`. Used by the loader.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace isvc::parse {

/// Why the node tag `tag` (as yaml-cpp reports it: "?" plain, "!" non-specific, a
/// resolved URI, or an unresolved "!h!x"/"!x") on a scalar with `value` (or on a
/// collection, `scalar` false) cannot be read as kubectl would; nullopt if it can.
std::optional<std::string> check_tag(std::string_view tag, std::string_view value, bool scalar);

/// Byte offset of the first line after `%` directives that is not `---`
/// (the YAML spec and go-yaml require the document start marker there), or nullopt.
std::optional<std::size_t> directive_without_document_start(std::string_view text);

} // namespace isvc::parse
