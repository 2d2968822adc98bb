// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "validate/lint.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace isvc::app {

/// What `lint --fix` / `--diff` did.
struct FixSummary {
  std::size_t files = 0; ///< files changed (or that --diff would change)
  std::size_t fixes = 0; ///< patches applied
};

/// One file's text after every safe fix, and the findings those fixes answered.
struct FixedText {
  std::string text;
  std::vector<diag::Diagnostic> fixed;
  std::size_t patches = 0;
};

/// `text` linted as standard input and fixed pass after pass, in memory: what `--fix` does
/// to one file, without writing it.
FixedText fix_text(std::string text, const validate::LintOptions& opts);

/// Applies every safe fix of `result` (findings of rules marked Fixes::safe whose edit
/// resolved to patches). Each file is fixed in memory, re-linted and fixed again until no
/// safe fix is left (at most a few passes: a later pass takes the edits an earlier one
/// skipped because they overlapped). `diff` prints a unified diff to `out` instead of
/// writing; otherwise every changed file is replaced atomically, keeping its permissions.
/// Throws isvc::Error for a file that cannot be written or for stdin without `diff`.
FixSummary apply_fixes(const validate::LintResult& result,
                       const validate::LintOptions& opts,
                       bool diff,
                       std::ostream& out);

} // namespace isvc::app
