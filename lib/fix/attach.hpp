// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "diag/format_text.hpp"
#include "util/line_index.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace isvc::fix {

/// Resolves the edit of every finding against its file's text (one line index per file, so
/// the cost is linear in the files and findings); findings whose edit cannot be made safely
/// keep no patches.
void attach_patches(std::vector<diag::Diagnostic>& diagnostics, const diag::SourceLookup& source);
/// The same for findings of one file whose text and line index the caller has.
void attach_patches(std::span<diag::Diagnostic> diagnostics,
                    std::string_view text,
                    const util::LineIndex& lines);

} // namespace isvc::fix
