// SPDX-License-Identifier: Apache-2.0
#include "diag/format_text.hpp"
#include "diag/formats.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace isvc::diag;

namespace {

std::string text_of(std::uint32_t line, std::uint32_t col, const std::string& source) {
  Diagnostic d;
  d.file = "f.yaml";
  d.mark = {line, col};
  d.severity = Severity::warning;
  d.rule = "hpa-replica-bounds";
  d.message = "m";
  std::ostringstream out;
  write_text(out, d, [&](std::string_view) { return std::string_view(source); });
  return out.str();
}

} // namespace

TEST_SUITE("diag::text") {
  TEST_CASE("short lines are echoed whole with the caret under the column") {
    CHECK(text_of(2, 5, "a: 1\nbb: 22\n") ==
          "f.yaml:2:5: warning: m [hpa-replica-bounds]\n    2 | bb: 22\n      |     ^\n");
  }
  TEST_CASE("a long line is echoed as a window around the column") {
    std::string line = std::string(1000, 'a') + "X" + std::string(1000, 'b');
    std::string out = text_of(1, 1001, line);
    CHECK(out == "f.yaml:1:1001: warning: m [hpa-replica-bounds]\n    1 | ..." +
                     std::string(60, 'a') + "X" + std::string(59, 'b') + "...\n      | " +
                     std::string(63, ' ') + "^\n");
  }
  TEST_CASE("columns count characters, not UTF-8 bytes") {
    // "ñ" is two bytes; column 6 is the space after the two ñ (byte 8).
    CHECK(text_of(1, 6, "a: ññ b") ==
          "f.yaml:1:6: warning: m [hpa-replica-bounds]\n    1 | a: ññ b\n      |      ^\n");
    CHECK(text_of(1, 7, "a: ññ b") ==
          "f.yaml:1:7: warning: m [hpa-replica-bounds]\n    1 | a: ññ b\n      |       ^\n");
  }
  TEST_CASE("control characters in file, message and fix are escaped: one line, no ESC") {
    Diagnostic d;
    d.file = "in\nv\xff.yaml";
    d.mark = {1, 1};
    d.severity = Severity::error;
    d.rule = "hpa-replica-bounds";
    d.message = "value \"\x1b[31mRED\" or \"a\nb\" or \"\u2028\u009b\u00e9\"";
    d.fix = "Fix\ttab\r.";
    std::ostringstream out;
    write_text(out, d, {});
    CHECK(out.str() == "in\\x0av\\xff.yaml:1:1: error: value \"\\x1b[31mRED\" or \"a\\x0ab\" or "
                       "\"\\u2028\\u009b\u00e9\" [hpa-replica-bounds]\n  fix: Fix\\x09tab\\x0d.\n");
  }
  TEST_CASE("control bytes in the echoed line are shown as '?'") {
    std::string src = std::string("a: \x1b[31m") + '\0' + "x";
    CHECK(text_of(1, 4, src) ==
          "f.yaml:1:4: warning: m [hpa-replica-bounds]\n    1 | a: ?[31m?x\n      |    ^\n");
  }
}

namespace {

std::string report_of(Format f,
                      const std::vector<Diagnostic>& ds,
                      const std::vector<std::string>& files,
                      Severity fail_on) {
  std::vector<RuleInfo> rules;
  Report r{ds, rules, {}, files.size(), "0", files, fail_on};
  std::ostringstream out;
  write_report(out, f, r);
  return out.str();
}
Diagnostic finding(const std::string& file, Severity s, const std::string& message) {
  Diagnostic d;
  d.file = file;
  d.mark = {3, 5};
  d.severity = s;
  d.rule = "hpa-replica-bounds";
  d.message = message;
  d.fix = "Do it.";
  return d;
}

} // namespace

TEST_SUITE("diag::formats") {
  TEST_CASE("JSON and SARIF write a file name that is not UTF-8 with U+FFFD, no type_error") {
    std::vector<Diagnostic> ds{finding("inv\xff.yaml", Severity::error, "m")};
    std::vector<std::string> files{"inv\xff.yaml"};
    CHECK(report_of(Format::json, ds, files, Severity::error).find("inv\xEF\xBF\xBD.yaml") !=
          std::string::npos);
    CHECK_NOTHROW(report_of(Format::sarif, ds, files, Severity::error));
  }
  TEST_CASE("JUnit: one testcase per file, failures only at or above --fail-on") {
    std::vector<Diagnostic> ds{finding("a.yaml", Severity::error, "bad"),
                               finding("a.yaml", Severity::warning, "meh"),
                               finding("b.yaml", Severity::warning, "meh\x01<&>\xff")};
    std::vector<std::string> files{"a.yaml", "b.yaml", "clean.yaml"};
    std::string x = report_of(Format::junit, ds, files, Severity::error);
    CHECK(x.find("<testsuites name=\"isvc-scale\" tests=\"3\" failures=\"1\" errors=\"0\" "
                 "time=\"0\">") != std::string::npos);
    CHECK(x.find("<testsuite name=\"isvc-scale lint\" tests=\"3\" failures=\"1\" errors=\"0\" "
                 "skipped=\"0\" time=\"0\">") != std::string::npos);
    CHECK(x.find("<testcase classname=\"isvc-scale.lint\" name=\"clean.yaml\" time=\"0\"/>") !=
          std::string::npos);
    CHECK(x.find("<failure type=\"hpa-replica-bounds\" message=\"3:5: bad "
                 "[hpa-replica-bounds]\">a.yaml:3:5: error: bad [hpa-replica-bounds]\n"
                 "  fix: Do it.\n</failure>") != std::string::npos);
    CHECK(x.find("<system-out>a.yaml:3:5: warning: meh [hpa-replica-bounds]\n  fix: Do "
                 "it.\n</system-out>") != std::string::npos);
    // XML-illegal control characters and bytes that are not UTF-8 become U+FFFD.
    CHECK(x.find("meh\xEF\xBF\xBD&lt;&amp;&gt;\xEF\xBF\xBD [hpa-replica-bounds]") !=
          std::string::npos);
    CHECK(x.find('\x01') == std::string::npos);

    std::string w = report_of(Format::junit, ds, files, Severity::warning);
    CHECK(w.find("tests=\"3\" failures=\"2\"") != std::string::npos);
    CHECK(
        w.find("message=\"2 findings at or above warning; first 3:5: bad [hpa-replica-bounds]\"") !=
        std::string::npos);
    CHECK(w.find("<system-out>") == std::string::npos);

    std::string clean = report_of(Format::junit, {}, files, Severity::error);
    CHECK(clean.find("<testsuites name=\"isvc-scale\" tests=\"3\" failures=\"0\" errors=\"0\" "
                     "time=\"0\">") != std::string::npos);
  }
  TEST_CASE("GitHub workflow commands percent-encode control bytes, not only CR and LF") {
    std::vector<Diagnostic> ds{finding("a.yaml", Severity::warning, "x\x1b[31m%y")};
    std::vector<std::string> files{"a.yaml"};
    CHECK(report_of(Format::github, ds, files, Severity::error) ==
          "::warning file=a.yaml,line=3,col=5,title=hpa-replica-bounds::x%1B[31m%25y%0Afix: Do "
          "it.\n");
  }
}
