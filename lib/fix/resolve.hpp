// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/edit.hpp"
#include "fix/line_index.hpp"

#include <vector>

namespace isvc::fix {

/// Turns a YAML-level edit into byte patches of the file. Empty when the edit cannot be made
/// by touching only the scalar or key it names: multi-line plain scalars, escapes in the
/// changed text, flow-style entries to delete, anchors and tags in the way. Every other
/// byte of the file (comments, quoting, indentation, line ends) stays as written.
std::vector<diag::Patch> resolve(const diag::Edit& edit, const LineIndex& index);

} // namespace isvc::fix
