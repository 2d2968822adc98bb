// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/edit.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace isvc::fix {

/// Sorts patches by position and drops every one that overlaps one before it (the next
/// `--fix` pass gets another go at it, against the changed text).
std::vector<diag::Patch> non_overlapping(std::vector<diag::Patch> patches);

/// `text` with sorted, non-overlapping patches applied.
std::string apply(std::string_view text, const std::vector<diag::Patch>& patches);

/// A unified diff (3 lines of context) of what `patches` do to `text`, with `path` on both
/// header lines, so `patch -p0` applies it from the directory the paths are relative to.
std::string unified_diff(const std::string& path,
                         std::string_view text,
                         const std::vector<diag::Patch>& patches);

/// The same for two whole texts: one hunk from the first to the last line that differs.
std::string
unified_diff_texts(const std::string& path, std::string_view before, std::string_view after);

} // namespace isvc::fix
