// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/lint_config.hpp"
#include "diag/formats.hpp"
#include "kserve/config.hpp"
#include "validate/lint.hpp"

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace isvc::app {

/// Everything `isvc-scale lint` takes, already parsed from flags.
struct LintRequest {
  std::vector<std::string> paths;
  diag::Format format = diag::Format::text;
  /// --fail-on when given (else the config file's fail-on, else error). `never`: findings
  /// never make the exit code 1 (input errors still give 2).
  std::optional<FailOn> fail_on;
  /// -q/--quiet: no summary line on stderr.
  bool quiet = false;
  /// A progress line on `err` for runs over a second (the CLI sets it when stderr is a
  /// terminal and -q is not given).
  bool progress = false;
  /// ANSI colour in text output (decided by the CLI from --color, the TTY and NO_COLOR).
  bool color = false;
  /// --fail-if-no-objects: exit 1 when no document of a kind lint checks was found.
  bool fail_if_no_objects = false;
  std::vector<std::string> disable;
  std::vector<std::string> enable;
  /// Explicit --config; otherwise `.isvc-scale.yaml` (or `.yml`) is looked up from the cwd upward.
  std::string config_file;
  bool no_config = false;
  /// --stdin-filename: what findings call the input read from `-`.
  std::string stdin_name = "<stdin>";
  kserve::Config kserve;
  unsigned jobs = 0;
  std::string version;
  /// `--fix`: write safe fixes back; `--diff`: print them as a unified diff instead.
  bool fix = false;
  bool diff = false;
};

/// Lints every input and writes the report to `out` (a summary line goes to
/// `err`). Returns 0 clean, 1 findings at or above fail-on, 2 usage error or
/// unreadable/unparsable input.
int run_lint(const LintRequest& req, std::istream& in, std::ostream& out, std::ostream& err);

/// Lint options from `config_file` (or the `.isvc-scale.yaml` found from the cwd upward,
/// unless `no_config`): rules disabled/enabled, severities and exclude globs. render reads
/// the same rules and severities, so one configuration gives one answer (exclude is lint's:
/// render renders what it is given). The file's fail-on goes to `fail_on` when given;
/// config files found but ignored (outside the repository, another owner) are named on `notes`.
validate::LintOptions file_lint_options(const std::string& config_file,
                                        bool no_config,
                                        const kserve::Config& kserve,
                                        unsigned jobs,
                                        std::optional<FailOn>* fail_on = nullptr,
                                        std::ostream* notes = nullptr);

/// `rules list` / `rules explain`: 0, or 2 for an unknown rule or format.
int run_rules_list(const std::string& format, std::ostream& out, std::ostream& err);
int run_rules_explain(const std::string& id, std::ostream& out, std::ostream& err);
/// `rules annotations`: the isvc-scale.io/ annotations as text or man (0), else 2.
int run_annotations(const std::string& format, std::ostream& out, std::ostream& err);

} // namespace isvc::app
