// SPDX-License-Identifier: Apache-2.0
// `lint --format json`: one versioned envelope, documented in isvc-scale-lint(1) (JSON OUTPUT).
#include "diag/format_writers.hpp"

namespace isvc::diag::detail {

namespace {

using ojson = nlohmann::ordered_json;

// Bumped when a field is renamed, removed or changes meaning; new fields keep the version.
constexpr int k_schema_version = 1;

ojson finding(const Diagnostic& d) {
  ojson j = ojson::object();
  j["file"] = d.file;
  j["line"] = d.mark.line;
  j["column"] = d.mark.col;
  j["severity"] = to_string(d.severity);
  j["rule"] = d.rule;
  j["message"] = d.message;
  j["fix"] = d.fix;
  j["pointer"] = d.pointer;
  j["doc"] = d.doc;
  j["apiVersion"] = d.object.api_version;
  j["kind"] = d.object.kind;
  j["namespace"] = d.object.ns;
  j["name"] = d.object.name;
  return j;
}

} // namespace

std::string dump_json(const ojson& j) {
  return j.dump(2, ' ', false, ojson::error_handler_t::replace);
}

Counts count(const std::vector<Diagnostic>& diagnostics) {
  Counts c;
  for (const auto& d : diagnostics) {
    c.errors += d.severity == Severity::error ? 1 : 0;
    c.warnings += d.severity == Severity::warning ? 1 : 0;
    c.notes += d.severity == Severity::note ? 1 : 0;
  }
  return c;
}

void write_json(std::ostream& out, const Report& r) {
  ojson findings = ojson::array();
  for (const auto& d : r.diagnostics) {
    findings.push_back(finding(d));
  }
  Counts c = count(r.diagnostics);
  ojson doc = ojson::object();
  doc["tool"] = "isvc-scale";
  doc["version"] = r.version;
  doc["schemaVersion"] = k_schema_version;
  doc["findings"] = std::move(findings);
  doc["summary"] =
      ojson{{"errors", c.errors}, {"warnings", c.warnings}, {"notes", c.notes}, {"files", r.files}};
  out << dump_json(doc) << '\n';
}

} // namespace isvc::diag::detail
