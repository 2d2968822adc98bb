// SPDX-License-Identifier: Apache-2.0
#include "diag/formats.hpp"

#include "util/strings.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace isvc::diag {
namespace {

using ojson = nlohmann::ordered_json;

void write_json(std::ostream& out, const Report& r) {
  ojson arr = ojson::array();
  for (const auto& d : r.diagnostics) {
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
    arr.push_back(std::move(j));
  }
  out << arr.dump(2) << '\n';
}

const char* sarif_level(Severity s) {
  switch (s) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "note";
  }
  return "error";
}

void write_sarif(std::ostream& out, const Report& r) {
  ojson rules = ojson::array();
  std::map<std::string, std::size_t> index;
  for (const auto& info : r.rules) {
    index[info.id] = rules.size();
    ojson rule = ojson::object();
    rule["id"] = info.id;
    rule["name"] = info.id;
    rule["shortDescription"] = ojson{{"text", info.summary}};
    rule["fullDescription"] = ojson{{"text", info.rationale}};
    rule["help"] = ojson{{"text", info.fix}};
    rule["defaultConfiguration"] = ojson{{"level", sarif_level(info.severity)}};
    rules.push_back(std::move(rule));
  }
  ojson results = ojson::array();
  for (const auto& d : r.diagnostics) {
    ojson res = ojson::object();
    res["ruleId"] = d.rule;
    auto it = index.find(d.rule);
    if (it != index.end()) {
      res["ruleIndex"] = it->second;
    }
    res["level"] = sarif_level(d.severity);
    res["message"] = ojson{{"text", d.fix.empty() ? d.message : d.message + " Fix: " + d.fix}};
    ojson region = ojson::object();
    region["startLine"] = std::max<std::uint32_t>(d.mark.line, 1);
    region["startColumn"] = std::max<std::uint32_t>(d.mark.col, 1);
    ojson phys = ojson::object();
    phys["artifactLocation"] = ojson{{"uri", util::uri_escape(d.file)}};
    phys["region"] = std::move(region);
    ojson loc = ojson::object();
    loc["physicalLocation"] = std::move(phys);
    if (!d.pointer.empty()) {
      loc["logicalLocations"] =
          ojson::array({ojson{{"fullyQualifiedName", d.pointer}, {"kind", "member"}}});
    }
    res["locations"] = ojson::array({loc});
    results.push_back(std::move(res));
  }
  ojson driver = ojson::object();
  driver["name"] = "isvc-scale";
  driver["version"] = r.version;
  driver["rules"] = std::move(rules);
  ojson run = ojson::object();
  run["tool"] = ojson{{"driver", std::move(driver)}};
  // Columns count Unicode code points (the loader converts yaml-cpp's byte columns).
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  ojson doc = ojson::object();
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = ojson::array({run});
  out << doc.dump(2) << '\n';
}

// GitHub workflow commands: values escape %, CR, LF; properties also , and :.
std::string gh_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
  return out;
}

void write_github(std::ostream& out, const Report& r) {
  for (const auto& d : r.diagnostics) {
    const char* cmd = d.severity == Severity::error     ? "error"
                      : d.severity == Severity::warning ? "warning"
                                                        : "notice";
    out << fmt::format("::{} file={},line={},col={},title={}::{}\n", cmd, gh_escape(d.file, true),
                       d.mark.line, d.mark.col, gh_escape(d.rule, true),
                       gh_escape(d.fix.empty() ? d.message : d.message + "\nfix: " + d.fix, false));
  }
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
        out += ' ';
      } else {
        out += c;
      }
    }
  }
  return out;
}

// One testcase per finding, grouped by file; files without findings pass.
void write_junit(std::ostream& out, const Report& r) {
  std::map<std::string, std::vector<const Diagnostic*>> by_file;
  std::vector<std::string> order;
  for (const auto& d : r.diagnostics) {
    if (by_file.find(d.file) == by_file.end()) {
      order.push_back(d.file);
    }
    by_file[d.file].push_back(&d);
  }
  std::size_t failures = 0;
  for (const auto& d : r.diagnostics) {
    failures += d.severity != Severity::note ? 1 : 0;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"isvc-scale\" tests=\"{}\" failures=\"{}\">\n",
                     r.diagnostics.size(), failures);
  for (const auto& file : order) {
    const auto& ds = by_file[file];
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n", xml_escape(file),
                       ds.size(), ds.size());
    for (const auto* d : ds) {
      out << fmt::format("    <testcase classname=\"{}\" name=\"{}:{}:{} {}\">\n", xml_escape(file),
                         xml_escape(file), d->mark.line, d->mark.col, xml_escape(d->rule));
      out << fmt::format(
          "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}: {}\nfix: {}</failure>\n",
          xml_escape(d->rule), xml_escape(d->message), xml_escape(file), d->mark.line, d->mark.col,
          to_string(d->severity), xml_escape(d->message), xml_escape(d->fix));
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

} // namespace

bool parse_format(std::string_view name, Format& out) {
  static const std::map<std::string_view, Format> k_formats = {{"text", Format::text},
                                                               {"json", Format::json},
                                                               {"sarif", Format::sarif},
                                                               {"github", Format::github},
                                                               {"junit", Format::junit}};
  auto it = k_formats.find(name);
  if (it == k_formats.end()) {
    return false;
  }
  out = it->second;
  return true;
}

void write_report(std::ostream& out, Format format, const Report& report) {
  switch (format) {
  case Format::text:
    for (const auto& d : report.diagnostics) {
      write_text(out, d, report.source);
    }
    break;
  case Format::json:
    write_json(out, report);
    break;
  case Format::sarif:
    write_sarif(out, report);
    break;
  case Format::github:
    write_github(out, report);
    break;
  case Format::junit:
    write_junit(out, report);
    break;
  }
}

} // namespace isvc::diag
