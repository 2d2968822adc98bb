// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace isvc::validate {

/// Longest string or key valijson sees. Its `pattern` check runs std::regex, whose
/// recursion grows with the input and overflows the stack on ~26 KB names.
inline constexpr std::size_t k_schema_string_cap = 1024;

/// Makes every `format` keyword apply to strings only: valijson's FormatConstraint calls
/// asString() on any value and throws on a map or list ("cannot be cast to a string").
/// Formats valijson does not check (int32, int64, ...) are dropped; date, time and
/// date-time move under {"if": {"type": "string"}, "then": {"format": ...}}.
void guard_formats(nlohmann::json& schema);

/// Removes every `propertyNames` keyword (the CRDs' label- and annotation-key pattern).
/// valijson's PropertyNamesConstraint check (validation_visitor.hpp, visit(const
/// PropertyNamesConstraint&)) validates each key with no result sink and only returns false,
/// so a key that fails it yields no finding, only the wrapper messages that lint drops;
/// compiling its pattern, whose {1,253} and {1,63} std::regex unrolls, was an eighth of a
/// one-file lint's start-up, and the regex ran on keys of any length.
void drop_property_names(nlohmann::json& schema);

/// Replaces every string and key longer than k_schema_string_cap with its first
/// k_schema_string_cap bytes and a U+0001, which no schema pattern or enum accepts, so a
/// pattern fails as it would on the whole string while the regex sees bounded input.
void cap_strings(nlohmann::json& target);

/// `s` as cap_strings leaves it when it is longer than k_schema_string_cap.
std::string cap_string(const std::string& s);

} // namespace isvc::validate
