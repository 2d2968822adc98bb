// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace isvc::app {

/// The `.isvc-scale.yaml` lint uses without --config, and the ones it passed over.
struct ConfigLookup {
  /// Empty: none.
  std::string path;
  /// One line per config file found but ignored, naming it and why (for stderr).
  std::vector<std::string> ignored;
};

/// Looks for `.isvc-scale.yaml` (then `.yml`) from `start` upward, no further than the
/// repository root (the first directory holding `.git`). Outside a repository only
/// `start` itself counts: a config in a parent such as a world-writable /tmp could
/// otherwise turn every error into a note. A file owned by another user is ignored too.
ConfigLookup find_config(const std::string& start);

} // namespace isvc::app
