// SPDX-License-Identifier: Apache-2.0
#include "emit/emit.hpp"
#include "emit/quoting.hpp"

#include <doctest/doctest.h>
#include <sstream>

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
                          "? x"}) {
      CAPTURE(s);
      CHECK(needs_quotes(s));
    }
  }
  TEST_CASE("ordinary strings stay plain") {
    for (const char* s : {"vllm:num_requests_running", "1Gi", "500m", "cpu", "Utilization",
                          "http://prometheus.monitoring.svc:9090", "/metrics", "a-b_c.d",
                          "sum(rate(x[1m]) > bool 0)", "keda-otel-scaler.keda.svc:4318",
                          "serving.kserve.io/autoscalerClass", "localhost:8080"}) {
      CAPTURE(s);
      CHECK_FALSE(needs_quotes(s));
    }
  }
  TEST_CASE("double quoting escapes") {
    CHECK(isvc::emit::double_quoted("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
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
}
