// SPDX-License-Identifier: Apache-2.0
#include "diag/format_text.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace isvc::diag;

namespace {

std::string text_of(std::uint32_t line, std::uint32_t col, const std::string& source) {
  Diagnostic d;
  d.file = "f.yaml";
  d.mark = {line, col};
  d.severity = Severity::warning;
  d.rule = "r";
  d.message = "m";
  std::ostringstream out;
  write_text(out, d, [&](const std::string&) { return std::string_view(source); });
  return out.str();
}

} // namespace

TEST_SUITE("diag::text") {
  TEST_CASE("short lines are echoed whole with the caret under the column") {
    CHECK(text_of(2, 5, "a: 1\nbb: 22\n") ==
          "f.yaml:2:5: warning: m [r]\n    2 | bb: 22\n      |     ^\n");
  }
  TEST_CASE("a long line is echoed as a window around the column") {
    std::string line = std::string(1000, 'a') + "X" + std::string(1000, 'b');
    std::string out = text_of(1, 1001, line);
    CHECK(out == "f.yaml:1:1001: warning: m [r]\n    1 | ..." + std::string(60, 'a') + "X" +
                     std::string(59, 'b') + "...\n      | " + std::string(63, ' ') + "^\n");
  }
  TEST_CASE("columns count characters, not UTF-8 bytes") {
    // "ñ" is two bytes; column 6 is the space after the two ñ (byte 8).
    CHECK(text_of(1, 6, "a: ññ b") ==
          "f.yaml:1:6: warning: m [r]\n    1 | a: ññ b\n      |      ^\n");
    CHECK(text_of(1, 7, "a: ññ b") ==
          "f.yaml:1:7: warning: m [r]\n    1 | a: ññ b\n      |       ^\n");
  }
  TEST_CASE("control bytes in the echoed line are shown as '?'") {
    std::string src = std::string("a: \x1b[31m") + '\0' + "x";
    CHECK(text_of(1, 4, src) == "f.yaml:1:4: warning: m [r]\n    1 | a: ?[31m?x\n      |    ^\n");
  }
}
