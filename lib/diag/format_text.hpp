// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "diag/line_store.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>

namespace isvc::diag {

/// Returns the text of `file` (for the caret line), or an empty view.
using SourceLookup = std::function<std::string_view(std::string_view file)>;

/// The text of 1-based `line` of `file` without its newline, or an empty view.
using LineLookup = std::function<std::string_view(std::string_view file, std::uint32_t line)>;

/// Source lines kept for caret lines: file -> 1-based line -> its text. Lint keeps these, the
/// lines its findings point at, instead of whole files.
using SourceLines = std::map<std::string, LineStore, std::less<>>;

/// A LineLookup over `lines` (which must outlive it).
LineLookup line_lookup(const SourceLines& lines);

/// `file:line:col: severity: message [rule]`, the source line with a caret,
/// and `fix:` (ninja/gcc shape).
/// `color`: the severity word and the caret in ANSI colour (red, yellow, cyan; green caret).
void write_text(std::ostream& out,
                const Diagnostic& d,
                const SourceLookup& source,
                bool color = false);
/// The same with the caret line from `lines` instead of the file's text.
void write_text_lines(std::ostream& out,
                      const Diagnostic& d,
                      const LineLookup& lines,
                      bool color = false);

} // namespace isvc::diag
