// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "diag/format_text.hpp"
#include "kserve/config.hpp"

#include <functional>
#include <istream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::validate {

struct LintOptions {
  kserve::Config config;
  /// Rules turned off / on (on also enables rules that are off by default).
  std::set<std::string> disabled;
  std::set<std::string> enabled;
  std::map<std::string, diag::Severity> severity;
  unsigned jobs = 0; // 0 = all cores
  /// What findings call the input read from `-` (`--stdin-filename`).
  std::string stdin_name = "<stdin>";
  /// Files lint() leaves out: globs (util::glob_match) on paths relative to `exclude_base`,
  /// matching the file or one of its directories (`.isvc-scale.yaml`'s exclude).
  std::vector<std::string> exclude;
  std::string exclude_base;
  /// Told as files are read (stage "reading") and linted ("linting"): `done` of `total`.
  /// Called from the worker threads, one call at a time; lib shows nothing itself, the
  /// caller decides what (if anything) to print.
  std::function<void(std::string_view stage, std::size_t done, std::size_t total)> progress;
  /// Keep every file's text in LintResult::sources (`lint --fix`/`--diff` patch them). Off,
  /// each file's text and documents are freed once its findings exist.
  bool keep_sources = false;
};

struct LintResult {
  /// Findings, by input file order, then line, column, rule; fix patches attached.
  std::vector<diag::Diagnostic> diagnostics;
  /// The source lines the findings point at (text output's caret lines).
  diag::SourceLines lines;
  /// File texts, only with LintOptions::keep_sources.
  std::map<std::string, std::string, std::less<>> sources;
  std::size_t files = 0;
  std::size_t documents = 0;
  /// Documents of a kind lint checks (InferenceService, ScaledObject, TriggerAuthentication,
  /// HPA, PodMonitor, OpenTelemetryCollector); 0 means nothing was linted.
  std::size_t lintable = 0;
  /// Findings an `ignore-check.isvc-scale.io/` annotation silenced (with `suppression` set),
  /// in the same order; they never count towards the exit code.
  std::vector<diag::Diagnostic> suppressed;
  /// Every input file as findings name it, in input order.
  std::vector<std::string> file_names;
  /// Files the exclude globs left out (not in `files`).
  std::size_t excluded = 0;
};

/// Lints every input: YAML, JSON Schema, every active rule, cross-document
/// rules, then suppressions (`ignore-check.isvc-scale.io/<rule>` annotations). Each file is
/// read, linted and freed in its worker, one document at a time: what is held is the
/// findings and each cross rule's facts, not the corpus.
LintResult lint(const std::vector<std::string>& paths, std::istream& in, const LintOptions& opts);

/// The same over inputs already read (render lints what it renders): `files` as expanded
/// (`-` for stdin), their texts, which were readable, and the findings of reading them.
LintResult lint_texts(const std::vector<std::string>& files,
                      std::vector<std::string> texts,
                      const std::vector<bool>& readable,
                      diag::Sink top,
                      const LintOptions& opts);

/// True if `rule` runs under `opts`.
bool rule_active(std::string_view rule, bool default_on, const LintOptions& opts);

} // namespace isvc::validate
