// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace isvc::app {

/// A fail-on value (flag or config): findings at or above `level` fail the run, none with `never`.
struct FailOn {
  diag::Severity level = diag::Severity::error;
  bool never = false;
};

/// Parses error|warning|never; false otherwise.
bool parse_fail_on(std::string_view text, FailOn& out);

/// `.isvc-scale.yaml` as read: every key checked, rule ids known.
struct FileConfig {
  std::vector<std::string> disable;
  std::vector<std::string> enable;
  std::map<std::string, diag::Severity> severity;
  std::optional<FailOn> fail_on;
  /// `exclude:` globs, relative to `base` (the config file's directory).
  std::vector<std::string> exclude;
  std::string base;
};

/// Reads and checks a config file; an Error names the file, line and column of what is wrong.
FileConfig load_file_config(const std::string& path);

/// An unknown rule id is a usage error naming the closest known id.
void check_rule_id(const std::string& id, const std::string& where);
/// yaml-syntax and io-unreadable cannot be turned off.
void check_disablable(const std::string& id, const std::string& where);

} // namespace isvc::app
