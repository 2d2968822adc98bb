// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/edit.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace isvc::fix {

/// The patches of whole fixes (one finding's patches each), in order: a fix any of whose
/// patches overlaps a patch already taken is dropped whole, never half-applied (the next
/// pass gets another go at it). A fix identical to one taken (two findings, one change) adds
/// nothing. Two insertions at one offset count as overlapping: their order would be a guess.
/// `taken`, when given, receives the indexes of the fixes that went in.
std::vector<diag::Patch> whole_fixes(const std::vector<std::vector<diag::Patch>>& fixes,
                                     std::vector<std::size_t>* taken_fixes = nullptr);

/// `text` with sorted, non-overlapping patches applied.
std::string apply(std::string_view text, const std::vector<diag::Patch>& patches);

/// A unified diff (3 lines of context) of what `patches` do to `text`, with `path` on both
/// header lines, so `patch -p0` applies it from the directory the paths are relative to.
std::string unified_diff(const std::string& path,
                         std::string_view text,
                         const std::vector<diag::Patch>& patches);

/// The same for two whole texts (what several --fix passes made): the lines that differ by a
/// longest common subsequence of lines, in hunks as above; one block from the first to the
/// last differing line when the texts differ over too many lines for that table.
std::string
unified_diff_texts(const std::string& path, std::string_view before, std::string_view after);

} // namespace isvc::fix
