// SPDX-License-Identifier: Apache-2.0
// `lint --format codequality`: GitLab's Code Quality report (a subset of the Code Climate
// issue spec: description, check_name, fingerprint, severity, location.path/lines.begin),
// for `artifacts: reports: codequality:`. Documented in isvc-scale-lint(1).
#include "diag/format_writers.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>
#include <map>

namespace isvc::diag::detail {
namespace {

using ojson = nlohmann::ordered_json;

// info < minor < major < critical < blocker: input lint could not read or parse was never
// checked, which outranks any finding.
const char* severity(const Diagnostic& d) {
  if (d.rule == "yaml-syntax" || d.rule == "io-unreadable") {
    return "blocker";
  }
  switch (d.severity) {
  case Severity::error:
    return "major";
  case Severity::warning:
    return "minor";
  case Severity::note:
    return "info";
  }
  return "major";
}

// FNV-1a, 64 bits, from two offset bases: 32 hex digits, the same on every run and machine.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h) {
  for (unsigned char c : s) {
    h = (h ^ c) * 0x100000001b3ULL;
  }
  return h;
}

// GitLab tells findings apart, and matches them between the base and the merge request, by
// fingerprint: path, rule, document, JSON pointer and message, not the line, so a finding
// keeps its fingerprint when lines above it move. `nth` tells identical findings apart.
std::string fingerprint(const Diagnostic& d, const std::string& path, std::size_t nth) {
  std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", path, d.rule, d.doc, d.pointer,
                                d.message, nth);
  return fmt::format("{:016x}{:016x}", fnv1a(key, 0xcbf29ce484222325ULL),
                     fnv1a(key, 0x84222325cbf29ce4ULL));
}

} // namespace

void write_codequality(std::ostream& out, const Report& r) {
  ojson issues = ojson::array();
  std::map<std::string, std::size_t> seen;
  for (const auto& d : r.diagnostics) {
    std::string path = util::repo_relative(d.file);
    std::string base = fingerprint(d, path, 0);
    std::size_t nth = seen[base]++;
    ojson issue = ojson::object();
    issue["description"] = d.fix.empty() ? d.message : d.message + " Fix: " + d.fix;
    issue["check_name"] = d.rule;
    issue["fingerprint"] = nth == 0 ? base : fingerprint(d, path, nth);
    issue["severity"] = severity(d);
    issue["location"] =
        ojson{{"path", path}, {"lines", {{"begin", std::max<std::uint32_t>(d.mark.line, 1)}}}};
    issues.push_back(std::move(issue));
  }
  out << dump_json(issues) << '\n';
}

} // namespace isvc::diag::detail
