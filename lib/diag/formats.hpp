// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "diag/format_text.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace isvc::diag {

/// Rule metadata an output format may carry (SARIF's tool.driver.rules).
struct RuleInfo {
  std::string id;
  Severity severity;
  std::string summary;
  std::string rationale;
  std::string fix;
};

/// Every output of `lint`, one interface (kubeconform's outputs idea).
enum class Format { text, json, sarif, github, junit, codequality };

/// Parses a name of format_names(); false if unknown.
bool parse_format(std::string_view name, Format& out);
/// Every lint output format by name, in the formats list's order ("text", "json", ...).
std::vector<std::string> format_names();

struct Report {
  const std::vector<Diagnostic>& diagnostics;
  const std::vector<RuleInfo>& rules;
  SourceLookup source;
  std::size_t files = 0;
  std::string version;
  /// Every linted file, in input order (JUnit writes one testcase each, clean ones too).
  std::vector<std::string> file_names;
  /// Findings at or above this fail the run (JUnit <failure>); lower ones are output only.
  Severity fail_on = Severity::error;
  /// ANSI colour in text output (the caller decides: a TTY, no NO_COLOR, --color).
  bool color = false;
  /// Findings an in-file annotation silenced: SARIF keeps them with `suppressions`.
  const std::vector<Diagnostic>* suppressed = nullptr;
  /// Caret lines by file and line (lint's LintResult::lines); when set, used over `source`.
  LineLookup lines = {};
};

/// SARIF's helpUri of a rule: its entry in isvc-scale-rules(7), "man:isvc-scale-rules(7)#<id>".
std::string rule_help_uri(std::string_view rule);

void write_report(std::ostream& out, Format format, const Report& report);

} // namespace isvc::diag
