// SPDX-License-Identifier: Apache-2.0
#include "emit/emit.hpp"
#include "emit/quoting.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <yaml-cpp/yaml.h>

using isvc::emit::needs_quotes;

TEST_SUITE("emit::quoting") {
  TEST_CASE("YAML 1.1 and 1.2 non-strings are quoted") {
    for (const char* s :
         {"",     "yes",  "No",    "ON",   "off",        "y",
          "n",    "true", "False", "null", "~",          "123",
          "0.5",  "1e3",  "0x1F",  "0o17", "0777",       "1_000",
          "1:20", ".inf", "-.Inf", ".nan", "2024-01-01", "2001-12-14t21:59:43.10-05:00",
          "<<",   "=",    "-1",    "+12"}) {
      CAPTURE(s);
      CHECK(needs_quotes(s));
    }
  }
  TEST_CASE("indicators, comments, colons and whitespace are quoted") {
    for (const char* s : {"{\"__name__\"=\"x\"}",
                          "[a]",
                          "*ref",
                          "&a",
                          "!tag",
                          "|x",
                          ">x",
                          "'a'",
                          "%x",
                          "@x",
                          "`x",
                          "#c",
                          "a #c",
                          "a: b",
                          "trailing:",
                          " lead",
                          "trail ",
                          "line\nbreak",
                          "tab\there",
                          "-10Minutes",
                          "? x",
                          "...",
                          "... y",
                          "...       name",
                          "--- x"}) {
      CAPTURE(s);
      CHECK(needs_quotes(s));
    }
  }
  TEST_CASE("ordinary strings stay plain") {
    for (const char* s :
         {"vllm:num_requests_running", "1Gi", "500m", "cpu", "Utilization",
          "http://prometheus.monitoring.svc:9090", "/metrics", "a-b_c.d",
          "sum(rate(x[1m]) > bool 0)", "keda-otel-scaler.keda.svc:4318",
          "serving.kserve.io/autoscalerClass", "localhost:8080", "...x", "....", "a ... b"}) {
      CAPTURE(s);
      CHECK_FALSE(needs_quotes(s));
    }
  }
  TEST_CASE("double quoting escapes") {
    CHECK(isvc::emit::double_quoted("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  }
  TEST_CASE("YAML 1.1 line breaks and C0/C1 controls are quoted and escaped, other text kept") {
    // NEL, LS and PS are line breaks to PyYAML and ruamel: raw, they fold into spaces.
    for (const char* s : {"a\u2028b", "a\u2029b", "a\u0085b", "a\u0080b", "a\u009fb", "\x1b[31m",
                          "a\x7f", "\ufeffx"}) {
      CAPTURE(s);
      CHECK(needs_quotes(s));
    }
    CHECK_FALSE(needs_quotes("caf\u00e9 \u00a0\u4e2d"));
    using isvc::emit::double_quoted;
    CHECK(double_quoted("a\u2028b\u2029c\u0085d") == "\"a\\Lb\\Pc\\u0085d\"");
    CHECK(double_quoted("\x1b[31m\x01\x7f\u009f") == "\"\\x1b[31m\\x01\\x7f\\x9f\"");
    CHECK(double_quoted("\ufeff\uffff") == "\"\\uFEFF\\uFFFF\"");
    CHECK(double_quoted("caf\u00e9\u00a0\U0001F600") == "\"caf\u00e9\u00a0\U0001F600\"");
    CHECK(double_quoted("bad\xff") == "\"bad\\uFFFD\"");
  }
  TEST_CASE("block YAML: key order kept, empty containers inline, sequences unindented") {
    isvc::emit::Doc d = isvc::emit::Doc::object();
    d["b"] = "1";
    d["a"] = isvc::emit::Doc::array({isvc::emit::Doc{{"x", 1}, {"y", true}}, "on"});
    d["e"] = isvc::emit::Doc::object();
    d["n"] = nullptr;
    std::ostringstream out;
    isvc::emit::write_yaml(out, d);
    CHECK(out.str() == "b: \"1\"\na:\n- x: 1\n  \"y\": true\n- \"on\"\ne: {}\n\"n\": null\n");
  }

  TEST_CASE("a key over 1,024 characters is written as an explicit key that yaml-cpp reads back") {
    // YAML 1.2 section 7.4.2 (and yaml-cpp's scanner) limit implicit keys to 1,024 characters.
    std::string key(2000, 'k');
    isvc::emit::Doc d = isvc::emit::Doc::object();
    d[key] = "v";
    d["short"] = 1;
    std::ostringstream out;
    isvc::emit::write_yaml(out, d);
    CHECK(out.str() == "? " + key + "\n: v\nshort: 1\n");
    YAML::Node back = YAML::Load(out.str());
    CHECK(back[key].as<std::string>() == "v");
    CHECK(back["short"].as<int>() == 1);
  }
}
