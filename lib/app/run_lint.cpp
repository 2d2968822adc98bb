// SPDX-License-Identifier: Apache-2.0
#include "app/run_lint.hpp"

#include "app/config_lookup.hpp"
#include "app/progress.hpp"
#include "app/run_fix.hpp"
#include "model/extensions.hpp"
#include "parse/yaml_loader.hpp"
#include "util/error.hpp"
#include "util/roff.hpp"
#include "util/spellcheck.hpp"
#include "validate/lint.hpp"
#include "validate/rule.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace isvc::app {
namespace {

std::string_view fixes_name(validate::Fixes f) {
  switch (f) {
  case validate::Fixes::safe:
    return "safe";
  case validate::Fixes::unsafe:
    return "unsafe";
  case validate::Fixes::none:
    break;
  }
  return "none";
}

bool unusable(const diag::Diagnostic& d) {
  return d.rule == "yaml-syntax" || d.rule == "io-unreadable";
}

const std::vector<diag::RuleInfo>& rule_infos();

// With --diff, stdout is the patch: the input errors go to stderr, as text.
bool report_unusable(const validate::LintResult& result,
                     const diag::SourceLookup& source,
                     const LintRequest& req,
                     std::ostream& err) {
  std::vector<diag::Diagnostic> bad;
  std::copy_if(result.diagnostics.begin(), result.diagnostics.end(), std::back_inserter(bad),
               unusable);
  if (bad.empty()) {
    return false;
  }
  const auto& infos = rule_infos();
  diag::write_report(err, diag::Format::text,
                     {bad, infos, source, result.files, req.version, result.file_names,
                      diag::Severity::error, false, nullptr, diag::line_lookup(result.lines)});
  return true;
}

// Built once: the registry is static, and copying every rule's texts cost each lint call
// (a libFuzzer exec, a pre-commit run) about 8% of its time (perf, tests/fuzz replay).
const std::vector<diag::RuleInfo>& rule_infos() {
  static const std::vector<diag::RuleInfo> k_infos = [] {
    std::vector<diag::RuleInfo> out;
    for (const auto* r : validate::rules()) {
      out.push_back({std::string(r->id), r->severity, std::string(r->summary),
                     std::string(r->rationale), std::string(r->fix)});
    }
    return out;
  }();
  return k_infos;
}

// The summary line and notes on `err` (unless -q), then the exit code: 2 for input that
// could not be read or parsed, 1 for findings at or above fail-on (or nothing lintable with
// --fail-if-no-objects), else 0.
int summarize(const LintRequest& req,
              const validate::LintResult& result,
              FailOn fail,
              std::ostream& err) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool input_error = false;
  bool failing = false;
  for (const auto& d : result.diagnostics) {
    errors += d.severity == diag::Severity::error ? 1 : 0;
    warnings += d.severity == diag::Severity::warning ? 1 : 0;
    input_error = input_error || d.rule == "yaml-syntax" || d.rule == "io-unreadable";
    failing = failing || (!fail.never && d.severity >= fail.level);
  }
  std::size_t notes = result.diagnostics.size() - errors - warnings;
  if (!req.quiet) {
    err << fmt::format(
        "isvc-scale: {} file{}, {} document{}: {} error{}, {} warning{}{}\n", result.files,
        result.files == 1 ? "" : "s", result.documents, result.documents == 1 ? "" : "s", errors,
        errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
        notes == 0 ? std::string() : fmt::format(", {} note{}", notes, notes == 1 ? "" : "s"));
    if (result.excluded > 0) {
      err << fmt::format("isvc-scale: note: {} file{} left out by the config's exclude globs\n",
                         result.excluded, result.excluded == 1 ? "" : "s");
    }
  }
  if (input_error) {
    return 2;
  }
  if (result.lintable == 0) {
    // An empty directory, a chart of Deployments or an LLMInferenceService: passing silently
    // would look like a clean result.
    err << "isvc-scale: note: nothing to lint: no InferenceService (serving.kserve.io), "
           "ScaledObject, TriggerAuthentication, HorizontalPodAutoscaler, PodMonitor or "
           "OpenTelemetryCollector in the inputs\n";
    failing = failing || req.fail_if_no_objects;
  }
  return failing ? 1 : 0;
}

} // namespace

validate::LintOptions file_lint_options(const std::string& config_file,
                                        bool no_config,
                                        const kserve::Config& kserve,
                                        unsigned jobs,
                                        std::optional<FailOn>* fail_on,
                                        std::ostream* notes) {
  validate::LintOptions opts;
  opts.config = kserve;
  opts.jobs = jobs;
  std::string config_path = no_config ? "" : config_file;
  if (!no_config && config_path.empty()) {
    std::error_code ec;
    auto found = find_config(std::filesystem::current_path(ec).string());
    for (const auto& line : found.ignored) {
      if (notes != nullptr) {
        *notes << "isvc-scale: note: " << line << '\n';
      }
    }
    config_path = found.path;
  }
  if (!config_path.empty()) {
    auto cfg = load_file_config(config_path);
    opts.disabled.insert(cfg.disable.begin(), cfg.disable.end());
    opts.enabled.insert(cfg.enable.begin(), cfg.enable.end());
    opts.severity = cfg.severity;
    opts.exclude = cfg.exclude;
    opts.exclude_base = cfg.base;
    if (fail_on != nullptr) {
      *fail_on = cfg.fail_on;
    }
  }
  return opts;
}

int run_lint(const LintRequest& req, std::istream& in, std::ostream& out, std::ostream& err) {
  std::optional<FailOn> file_fail_on;
  validate::LintOptions opts =
      file_lint_options(req.config_file, req.no_config, req.kserve, req.jobs, &file_fail_on, &err);
  opts.stdin_name = req.stdin_name;
  opts.keep_sources = req.diff || req.fix; // the patches apply to the texts
  FailOn fail = req.fail_on ? *req.fail_on : file_fail_on.value_or(FailOn{});
  diag::Severity fail_on = fail.level;
  for (const auto& id : req.disable) {
    check_rule_id(id, "--disable");
    check_disablable(id, "--disable");
    opts.disabled.insert(id);
    opts.enabled.erase(id);
  }
  for (const auto& id : req.enable) {
    check_rule_id(id, "--enable");
    opts.enabled.insert(id);
    opts.disabled.erase(id);
  }
  std::optional<ProgressLine> progress;
  if (req.progress) {
    progress.emplace(err);
    opts.progress = [&progress](std::string_view stage, std::size_t done, std::size_t total) {
      progress->update(stage, done, total);
    };
  }
  auto result = validate::lint(req.paths, in, opts);
  if (progress) {
    progress->finish();
    opts.progress = nullptr; // --fix lints again: quick, and after the line is gone
  }
  auto source = [&result](std::string_view f) -> std::string_view {
    auto it = result.sources.find(f);
    return it == result.sources.end() ? std::string_view() : it->second;
  };
  if (req.diff || req.fix) {
    auto done = apply_fixes(result, opts, req.diff, out);
    err << fmt::format("isvc-scale: {} {} fix{} in {} file{}\n",
                       req.diff ? "would apply" : "applied", done.fixes,
                       done.fixes == 1 ? "" : "es", done.files, done.files == 1 ? "" : "s");
    if (req.diff) {
      // Unreadable or unparseable input outranks a diff: CI must not read it as "fixable".
      return report_unusable(result, source, req, err) ? 2 : (done.files > 0 ? 1 : 0);
    }
    std::istringstream none;
    result = validate::lint(req.paths, none, opts);
  }
  const auto& infos = rule_infos();
  diag::Report report{
      result.diagnostics, infos,   source,    result.files,       req.version,
      result.file_names,  fail_on, req.color, &result.suppressed, diag::line_lookup(result.lines)};
  diag::write_report(out, req.format, report);

  return summarize(req, result, fail, err);
}

int run_rules_list(const std::string& format, std::ostream& out, std::ostream& err) {
  const auto& all = validate::rules();
  if (format == "text") {
    for (const auto* r : all) {
      out << fmt::format("{:<40} {:<8} {:<4} {}\n", r->id, diag::to_string(r->severity),
                         r->fixes == validate::Fixes::safe ? "fix" : "", r->summary);
    }
  } else if (format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto* r : all) {
      arr.push_back({{"id", r->id.str()},
                     {"severity", diag::to_string(r->severity)},
                     {"summary", r->summary},
                     {"rationale", r->rationale},
                     {"fix", r->fix},
                     {"example", r->example},
                     {"fixes", fixes_name(r->fixes)},
                     {"enabledByDefault", r->default_on}});
    }
    out << arr.dump(2) << '\n';
  } else if (format == "markdown") {
    out << "| rule | severity | what it finds | fix | --fix |\n| --- | --- | --- | --- | --- |\n";
    for (const auto* r : all) {
      std::string fix(r->fix);
      std::string summary(r->summary);
      for (auto* s : {&fix, &summary}) {
        for (std::size_t p = s->find('|'); p != std::string::npos; p = s->find('|', p + 2)) {
          s->replace(p, 1, "\\|");
        }
      }
      out << fmt::format("| `{}` | {} | {} | {} | {} |\n", r->id, diag::to_string(r->severity),
                         summary, fix, r->fixes == validate::Fixes::safe ? "yes" : "");
    }
  } else if (format == "man") {
    // roff, regenerated into man/isvc-scale-rules.7 (kept in sync by a test).
    auto roff = [](std::string_view s) { return util::roff_escape(s); };
    out << ".\\\" Generated by `isvc-scale rules list --format man`; do not edit.\n"
        << ".TH ISVC-SCALE-RULES 7 \"\" \"isvc-scale\" \"isvc-scale rules\"\n"
        << ".SH NAME\nisvc-scale-rules \\- the lint rules of isvc-scale\n"
        << ".SH DESCRIPTION\nEach rule has an id, a default severity, what it finds, why it "
           "matters and how to fix it. Turn rules off with \\fB--disable\\fR, on with "
           "\\fB--enable\\fR, per object with the annotation "
           "\\fBignore-check.isvc-scale.io/<rule>: \"<reason>\"\\fR.\n.SH RULES\n";
    for (const auto* r : all) {
      out << ".TP\n.B " << r->id << "\n(" << diag::to_string(r->severity)
          << (r->default_on ? "" : ", off by default")
          << (r->fixes == validate::Fixes::safe ? ", fixable" : "") << ") " << roff(r->summary)
          << ".\n.br\n"
          << roff(r->rationale) << "\n.br\nFix: " << roff(r->fix) << "\n";
    }
  } else {
    err << fmt::format("isvc-scale: unknown format '{}'{}\n", format,
                       util::did_you_mean(format, {"text", "json", "markdown", "man"}));
    return 2;
  }
  return 0;
}

int run_rules_explain(const std::string& id, std::ostream& out, std::ostream& err) {
  const auto* r = validate::find_rule(id);
  if (r == nullptr) {
    err << fmt::format("isvc-scale: unknown rule '{}'{}\n", id,
                       util::did_you_mean(id, validate::rule_ids()));
    return 2;
  }
  out << fmt::format("{} ({}{})\n\n{}.\n\nWhy: {}\n\nFix: {}\n", r->id,
                     diag::to_string(r->severity), r->default_on ? "" : ", off by default",
                     r->summary, r->rationale, r->fix);
  if (r->stage != validate::Stage::lint) {
    out << (r->stage == validate::Stage::read
                ? "\nReported while reading the inputs (every command); the run exits 2.\n"
                : "\nReported by `isvc-scale check --prometheus URL`, against a live "
                  "Prometheus.\n");
  }
  if (!r->example.empty()) {
    out << "\nExample that triggers it:\n\n";
    std::istringstream lines{std::string(r->example)};
    for (std::string line; std::getline(lines, line);) {
      out << "    " << line << '\n';
    }
  }
  return 0;
}

} // namespace isvc::app
