// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace isvc::validate {

/// The keyword that replaces `pattern` where a matcher below is exactly equivalent to the
/// pattern (as valijson's PatternConstraint applies it: std::regex_search, ECMAScript, on
/// strings only; valijson validation_visitor.hpp, visit(const PatternConstraint&)). Its value
/// is the pattern text.
inline constexpr std::string_view k_native_pattern_keyword = "x-isvc-pattern";

/// True if `text` matches `pattern`; one linear pass, no backtracking.
using PatternMatcher = bool (*)(std::string_view text);

/// The matcher for one of the CRDs' patterns that a run meets most (the Kubernetes
/// quantity, DNS-1123 label and subdomain, DNS-1035 label, label value, absolute path), or
/// nullptr. Compiling these with std::regex was 1.7 M instructions of a one-file lint.
PatternMatcher native_matcher(std::string_view pattern);

/// Renames `pattern` to x-isvc-pattern wherever native_matcher knows it (build time).
void use_native_patterns(nlohmann::json& schema);

} // namespace isvc::validate
