// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace isvc::util {

/// Levenshtein distance (ninja's SpellcheckString idea).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest of `candidates` within a small distance, or "".
std::string closest(std::string_view word, const std::vector<std::string_view>& candidates);

/// The one candidate within the distance closest() accepts, or "" when none or several are
/// that close: a correction certain enough to apply (`lint --fix` renames to it).
std::string sole_correction(std::string_view word, const std::vector<std::string_view>& candidates);

/// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

} // namespace isvc::util
