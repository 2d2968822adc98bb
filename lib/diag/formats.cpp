// SPDX-License-Identifier: Apache-2.0
#include "diag/formats.hpp"

#include "diag/format_writers.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace isvc::diag {
namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& j) { return detail::dump_json(j); }

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

// SARIF 2.1.0 §3.55 fix: one artifactChange with a replacement per patch (regions in the
// run's columnKind, end column exclusive).
ojson sarif_fixes(const Diagnostic& d) {
  ojson reps = ojson::array();
  for (const auto& p : d.patches) {
    reps.push_back({{"deletedRegion",
                     {{"startLine", p.start.line},
                      {"startColumn", p.start.col},
                      {"endLine", p.end_mark.line},
                      {"endColumn", p.end_mark.col}}},
                    {"insertedContent", {{"text", p.text}}}});
  }
  // The same URI as the result's location: repository-relative, lexically normal.
  ojson change = {{"artifactLocation", {{"uri", util::uri_escape(util::repo_relative(d.file))}}},
                  {"replacements", std::move(reps)}};
  return ojson::array({{{"description", {{"text", d.fix}}},
                        {"artifactChanges", ojson::array({std::move(change)})}}});
}

ojson sarif_location(const std::string& file, model::Mark mark) {
  ojson region = ojson::object();
  region["startLine"] = std::max<std::uint32_t>(mark.line, 1);
  region["startColumn"] = std::max<std::uint32_t>(mark.col, 1);
  ojson phys = ojson::object();
  phys["artifactLocation"] = ojson{{"uri", util::uri_escape(util::repo_relative(file))}};
  phys["region"] = std::move(region);
  ojson loc = ojson::object();
  loc["physicalLocation"] = std::move(phys);
  return loc;
}

ojson sarif_result(const Diagnostic& d, const std::map<std::string, std::size_t>& index) {
  ojson res = ojson::object();
  res["ruleId"] = d.rule.str();
  auto it = index.find(d.rule.str());
  if (it != index.end()) {
    res["ruleIndex"] = it->second;
  }
  res["level"] = sarif_level(d.severity);
  res["message"] = ojson{{"text", d.fix.empty() ? d.message : d.message + " Fix: " + d.fix}};
  ojson loc = sarif_location(d.file.str(), d.mark);
  if (!d.pointer.empty()) {
    loc["logicalLocations"] =
        ojson::array({ojson{{"fullyQualifiedName", d.pointer}, {"kind", "member"}}});
  }
  res["locations"] = ojson::array({loc});
  if (!d.patches.empty()) {
    res["fixes"] = sarif_fixes(d);
  }
  if (d.suppression) {
    // SARIF 2.1.0 §3.35: an annotation in the file itself is kind inSource; the reviewer's
    // reason is the justification, the annotation key its location.
    ojson sup = ojson::object();
    sup["kind"] = "inSource";
    sup["status"] = "accepted";
    sup["justification"] = d.suppression->justification;
    sup["location"] = sarif_location(d.file.str(), d.suppression->mark);
    sup["properties"] = ojson{{"annotation", d.suppression->annotation}};
    res["suppressions"] = ojson::array({std::move(sup)});
  }
  return res;
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
    rule["helpUri"] = rule_help_uri(info.id);
    rule["defaultConfiguration"] = ojson{{"level", sarif_level(info.severity)}};
    rules.push_back(std::move(rule));
  }
  ojson results = ojson::array();
  for (const auto& d : r.diagnostics) {
    results.push_back(sarif_result(d, index));
  }
  if (r.suppressed != nullptr) {
    for (const auto& d : *r.suppressed) {
      results.push_back(sarif_result(d, index));
    }
  }
  ojson driver = ojson::object();
  driver["name"] = "isvc-scale";
  driver["version"] = r.version;
  driver["informationUri"] = "man:isvc-scale(1)";
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
  out << dump(doc) << '\n';
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
      // Other control bytes (ESC, NUL) would reach the runner's log raw: percent-encode them too.
      if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') {
        out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
      } else {
        out += c;
      }
    }
  }
  return out;
}

void write_github(std::ostream& out, const Report& r) {
  for (const auto& d : r.diagnostics) {
    const char* cmd = d.severity == Severity::error     ? "error"
                      : d.severity == Severity::warning ? "warning"
                                                        : "notice";
    out << fmt::format("::{} file={},line={},col={},title={}::{}\n", cmd,
                       gh_escape(util::repo_relative(d.file), true), d.mark.line, d.mark.col,
                       gh_escape(d.rule, true),
                       gh_escape(d.fix.empty() ? d.message : d.message + "\nfix: " + d.fix, false));
  }
}

// XML 1.0 text: markup escaped; bytes that are not UTF-8 and characters XML forbids (C0
// controls but tab/LF/CR, U+FFFE, U+FFFF) become U+FFFD. In attributes, tab/LF/CR are
// written as character references so a reader does not normalise them to spaces.
std::string xml_escape(std::string_view s, bool attribute = true) {
  std::string out;
  auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const char* replacement = "\xEF\xBF\xBD";
  for (std::size_t i = 0; i < s.size();) {
    unsigned char b = byte(i);
    if (b < 0x80) {
      switch (b) {
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
      case '\t':
      case '\n':
      case '\r':
        out += attribute ? fmt::format("&#{};", b) : std::string(1, static_cast<char>(b));
        break;
      default:
        out += b < 0x20 ? replacement : std::string(1, static_cast<char>(b));
      }
      ++i;
      continue;
    }
    std::size_t len = util::utf8_length(s, i);
    if (len == 0) {
      out += replacement;
      ++i;
      continue;
    }
    bool nonchar = b == 0xEF && byte(i + 1) == 0xBF && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF);
    out += nonchar ? std::string(replacement) : std::string(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string finding_line(const Diagnostic& d) {
  std::string out = fmt::format("{}:{}:{}: {}: {} [{}]", d.file, d.mark.line, d.mark.col,
                                to_string(d.severity), d.message, d.rule);
  if (!d.fix.empty()) {
    out += "\n  fix: " + d.fix;
  }
  return out;
}

bool is_tool_failure(const Diagnostic* d) {
  return d->rule == "yaml-syntax" || d->rule == "io-unreadable";
}

// One testcase per linted file, clean ones too. Findings at or above --fail-on make the
// testcase's <failure> (the run exits 1 for them); lower ones go to its <system-out>.
void write_junit(std::ostream& out, const Report& r) {
  std::vector<std::string> order = r.file_names;
  std::map<std::string, std::vector<const Diagnostic*>, std::less<>> by_file;
  for (const auto& name : order) {
    by_file[name];
  }
  for (const auto& d : r.diagnostics) {
    auto it = by_file.find(d.file.view());
    if (it == by_file.end()) {
      order.push_back(d.file.str()); // a path that expanded to no file (missing, unreadable dir)
      it = by_file.emplace(d.file.str(), std::vector<const Diagnostic*>()).first;
    }
    it->second.push_back(&d);
  }
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const auto& file : order) {
    const auto& ds = by_file[file];
    bool tool_error = std::any_of(ds.begin(), ds.end(), is_tool_failure);
    bool failing = std::any_of(ds.begin(), ds.end(),
                               [&r](const Diagnostic* d) { return d->severity >= r.fail_on; });
    errors += tool_error ? 1 : 0;
    failures += !tool_error && failing ? 1 : 0;
  }
  // time is 0: lint timing is not a test result, and the output stays deterministic.
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format(
      "<testsuites name=\"isvc-scale\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"0\">\n",
      order.size(), failures, errors);
  out << fmt::format("  <testsuite name=\"isvc-scale lint\" tests=\"{}\" failures=\"{}\" "
                     "errors=\"{}\" skipped=\"0\" time=\"0\">\n",
                     order.size(), failures, errors);
  for (const auto& file : order) {
    std::vector<const Diagnostic*> failing;
    std::string failing_text;
    std::string other_text;
    for (const auto* d : by_file[file]) {
      std::string& text = d->severity >= r.fail_on ? failing_text : other_text;
      text += finding_line(*d) + "\n";
      if (d->severity >= r.fail_on) {
        failing.push_back(d);
      }
    }
    out << fmt::format("    <testcase classname=\"isvc-scale.lint\" name=\"{}\" time=\"0\"",
                       xml_escape(file));
    if (failing.empty() && other_text.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    if (!failing.empty()) {
      const Diagnostic& first = *failing.front();
      std::string message = failing.size() == 1
                                ? fmt::format("{}:{}: {} [{}]", first.mark.line, first.mark.col,
                                              first.message, first.rule)
                                : fmt::format("{} findings at or above {}; first {}:{}: {} [{}]",
                                              failing.size(), to_string(r.fail_on), first.mark.line,
                                              first.mark.col, first.message, first.rule);
      // A file isvc-scale could not read or parse is the tool's <error>, not a lint <failure>.
      const char* element =
          std::any_of(failing.begin(), failing.end(), is_tool_failure) ? "error" : "failure";
      out << fmt::format("      <{0} type=\"{1}\" message=\"{2}\">{3}</{0}>\n", element,
                         xml_escape(first.rule), xml_escape(message),
                         xml_escape(failing_text, false));
    }
    if (!other_text.empty()) {
      out << fmt::format("      <system-out>{}</system-out>\n", xml_escape(other_text, false));
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
  out << "</testsuites>\n";
}

} // namespace

std::string rule_help_uri(std::string_view rule) {
  // The man: scheme (as systemd's Documentation= uses it); the fragment names the rule's
  // entry, which man/isvc-scale-rules.7 lists under its id.
  return "man:isvc-scale-rules(7)#" + std::string(rule);
}

namespace {

void write_text_report(std::ostream& out, const Report& r) {
  for (const auto& d : r.diagnostics) {
    if (r.lines) {
      write_text_lines(out, d, r.lines, r.color);
    } else {
      write_text(out, d, r.source, r.color);
    }
  }
}

struct FormatRow {
  std::string_view name;
  Format format;
  void (*write)(std::ostream&, const Report&);
};

// The formats list: a format is its writer plus one row here (the CLI's choices come from it).
constexpr FormatRow k_formats[] = {
    {"text", Format::text, write_text_report},
    {"json", Format::json, detail::write_json},
    {"sarif", Format::sarif, write_sarif},
    {"github", Format::github, write_github},
    {"junit", Format::junit, write_junit},
    {"codequality", Format::codequality, detail::write_codequality},
};

} // namespace

std::vector<std::string> format_names() {
  std::vector<std::string> out;
  for (const auto& row : k_formats) {
    out.emplace_back(row.name);
  }
  return out;
}

bool parse_format(std::string_view name, Format& out) {
  for (const auto& row : k_formats) {
    if (row.name == name) {
      out = row.format;
      return true;
    }
  }
  return false;
}

void write_report(std::ostream& out, Format format, const Report& report) {
  for (const auto& row : k_formats) {
    if (row.format == format) {
      row.write(out, report);
      return;
    }
  }
}

} // namespace isvc::diag
