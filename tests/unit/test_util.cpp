// SPDX-License-Identifier: Apache-2.0
#include "promql/selector.hpp"
#include "util/glob.hpp"
#include "util/json_number.hpp"
#include "util/quantity.hpp"
#include "util/spellcheck.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"
#include "util/versions.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

TEST_SUITE("util") {
  TEST_CASE("one JSON number grammar: Go encoding/json's, as KEDA reads thresholds") {
    for (const char* ok : {"0", "-0", "5", "10", "0.5", "1e3", "1E+3", "2.5e-1", "-7"}) {
      CAPTURE(ok);
      CHECK(isvc::util::is_json_number(ok));
    }
    for (const char* bad : {"", "-", "+5", "05", ".5", "5.", "1e", "1e+", "0x10", "500m", "1_0",
                            " 5", "5 ", "--5", "Inf", "NaN"}) {
      CAPTURE(bad);
      CHECK_FALSE(isvc::util::is_json_number(bad));
    }
    CHECK(isvc::util::is_non_negative_json_number("0.25"));
    CHECK_FALSE(isvc::util::is_non_negative_json_number("-1"));
    CHECK_FALSE(isvc::util::is_non_negative_json_number(""));
  }
  TEST_CASE("canonical quantities match Kubernetes") {
    using isvc::util::canonical_quantity;
    CHECK(*canonical_quantity("1024Mi") == "1Gi");
    CHECK(*canonical_quantity("500Mi") == "500Mi");
    CHECK(*canonical_quantity("2048Ki") == "2Mi");
    CHECK(*canonical_quantity("1536Mi") == "1536Mi");
    CHECK(*canonical_quantity("0.5") == "500m");
    CHECK(*canonical_quantity("1000") == "1k");
    CHECK(*canonical_quantity("200m") == "200m");
    CHECK(*canonical_quantity("1") == "1");
    CHECK(*canonical_quantity("2Gi") == "2Gi");
    CHECK(*canonical_quantity("1e3") == "1e3");
    CHECK_FALSE(canonical_quantity("12abc"));
  }
  TEST_CASE("quantity values") {
    CHECK(*isvc::util::quantity_value("1Mi") == doctest::Approx(1048576.0));
    CHECK(*isvc::util::quantity_value("500m") == doctest::Approx(0.5));
    CHECK_FALSE(isvc::util::quantity_value(".5x"));
  }
  TEST_CASE("JSON pointer escaping") {
    CHECK(isvc::util::pointer_join("/metadata/annotations", "serving.kserve.io/x~y") ==
          "/metadata/annotations/serving.kserve.io~1x~0y");
  }
  TEST_CASE("did you mean") {
    CHECK(isvc::util::closest("rendr", {"render", "lint", "rules"}) == "render");
    CHECK(isvc::util::closest("zzzzzz", {"render", "lint"}).empty());
    // A correction to apply needs exactly one close candidate.
    CHECK(isvc::util::sole_correction("averageUtilisation", {"averageUtilization", "averageValue",
                                                             "type"}) == "averageUtilization");
    CHECK(isvc::util::sole_correction("valeu", {"value", "values", "type"}).empty());
    CHECK(isvc::util::sole_correction("zzzzzz", {"render", "lint"}).empty());
    CHECK(isvc::util::sole_correction("type", {"types", "type"}).empty());
    CHECK(isvc::util::sole_correction("valeu", {"value", "value"}) == "value");
  }
  TEST_CASE("simple PromQL selectors") {
    auto q = isvc::promql::parse_simple("avg(vllm:num_requests_running{model_name=\"m\"})");
    REQUIRE(q);
    CHECK(q->aggregation == "avg");
    CHECK(q->name == "vllm:num_requests_running");
    REQUIRE(q->labels.size() == 1);
    CHECK(q->labels[0].second == "m");
    CHECK_FALSE(isvc::promql::parse_simple("rate(x[1m])"));
    CHECK_FALSE(isvc::promql::parse_simple("x{a!=\"b\"}"));
    // KServe's blind wrapping of a query that has a selector: two selectors, '=' in a "value".
    CHECK_FALSE(isvc::promql::parse_simple(
        "sum(x{a=\"b\"}{namespace=\"ml\", deployment=\"m-predictor\"})"));
    CHECK_FALSE(isvc::promql::parse_simple("x{a=\"b=c\"}"));
    CHECK(isvc::promql::to_string(*q) == "avg(vllm:num_requests_running{model_name=\"m\"})");
  }
  TEST_CASE("uri_escape keeps a relative path and encodes what a URI cannot hold") {
    CHECK(isvc::util::uri_escape("manifests/team-a/model_1.yaml") ==
          "manifests/team-a/model_1.yaml");
    CHECK(isvc::util::uri_escape("a b,c:d%.yaml") == "a%20b%2Cc%3Ad%25.yaml");
    CHECK(isvc::util::uri_escape("<stdin>") == "%3Cstdin%3E");
  }
  TEST_CASE("utf8_length: well-formed sequences only") {
    using isvc::util::utf8_length;
    CHECK(utf8_length("a", 0) == 1);
    CHECK(utf8_length("\xC3\xB1", 0) == 2);         // ñ
    CHECK(utf8_length("\xE2\x80\xA8", 0) == 3);     // U+2028
    CHECK(utf8_length("\xF0\x9F\x98\x80", 0) == 4); // emoji
    CHECK(utf8_length("\xC0\xAF", 0) == 0);         // overlong
    CHECK(utf8_length("\xED\xA0\x80", 0) == 0);     // surrogate
    CHECK(utf8_length("\xF4\x90\x80\x80", 0) == 0); // above U+10FFFF
    CHECK(utf8_length("\xC3", 0) == 0);             // truncated
    CHECK(utf8_length("\xFF", 0) == 0);
  }
  TEST_CASE("split_key_values: trimmed pairs, empty entries skipped, first bad entry named") {
    auto kv = isvc::util::split_key_values(" a = 1, ,b=x=y,c= ");
    REQUIRE_FALSE(kv.bad);
    REQUIRE(kv.pairs.size() == 3);
    CHECK(kv.pairs[0] == std::pair<std::string_view, std::string_view>{"a", "1"});
    CHECK(kv.pairs[1].second == "x=y");
    CHECK(kv.pairs[2].second.empty());
    auto bad = isvc::util::split_key_values("a=1, nope, =2");
    REQUIRE(bad.bad);
    CHECK(*bad.bad == "nope");
    CHECK(bad.pairs.size() == 1);
  }
  TEST_CASE("repository-relative paths for CI formats") {
    using isvc::util::repo_relative;
    CHECK(repo_relative("./x.yaml") == "x.yaml");
    CHECK(repo_relative("./a//b/../c.yaml") == "a/c.yaml");
    CHECK(repo_relative("a/./b.yaml") == "a/b.yaml");
    CHECK(repo_relative("../up.yaml") == "../up.yaml");
    CHECK(repo_relative("-") == "-");
    CHECK(repo_relative("./") == "./");
  }
  TEST_CASE("the --version table names the version every strict schema was taken from") {
    namespace fs = std::filesystem;
    auto version_of = [](std::string_view project) {
      for (const auto& u : isvc::util::k_upstream_versions) {
        if (u.project == project) {
          return std::string(u.version);
        }
      }
      return std::string("?");
    };
    const std::pair<const char*, std::string> expect[] = {
        {"autoscaling_v2_HorizontalPodAutoscaler.json", "kubernetes " + version_of("Kubernetes")},
        {"keda.sh_v1alpha1_ScaledObject.json", "kedacore/keda " + version_of("KEDA")},
        {"keda.sh_v1alpha1_TriggerAuthentication.json", "kedacore/keda " + version_of("KEDA")},
        {"monitoring.coreos.com_v1_PodMonitor.json",
         "prometheus-operator/prometheus-operator " + version_of("prometheus-operator")},
        {"opentelemetry.io_v1beta1_OpenTelemetryCollector.json",
         "open-telemetry/opentelemetry-operator " + version_of("opentelemetry-operator")},
    };
    for (const auto& fp : expect) {
      const auto& file = fp.first; // not a structured binding: clang 14 cannot capture one
      const auto& prefix = fp.second;
      CAPTURE(file);
      std::ifstream in(fs::path(ISVC_SOURCE_DIR) / "schemas/strict" / file);
      auto comment = nlohmann::json::parse(in).value("$comment", std::string());
      CHECK(comment.rfind(prefix + " ", 0) == 0);
    }
    CHECK(isvc::util::version_text("0.1.0").rfind("isvc-scale 0.1.0\ntargets:\n  KServe v0.20.0 (",
                                                  0) == 0);
  }
}

TEST_SUITE("util::glob_match") {
  using isvc::util::glob_match;
  TEST_CASE("* ? and classes stay within one path segment") {
    CHECK(glob_match("*.yaml", "a.yaml"));
    CHECK_FALSE(glob_match("*.yaml", "d/a.yaml"));
    CHECK(glob_match("charts/*/templates/skip-*.yaml", "charts/m/templates/skip-1.yaml"));
    CHECK_FALSE(glob_match("charts/*/templates/*.yaml", "charts/m/n/templates/a.yaml"));
    CHECK(glob_match("v?.yaml", "v1.yaml"));
    CHECK_FALSE(glob_match("v?.yaml", "v/.yaml"));
    CHECK(glob_match("[a-c]x[!0-9].yml", "bxz.yml"));
    CHECK_FALSE(glob_match("[a-c]x[!0-9].yml", "bx5.yml"));
    CHECK(glob_match("[^0-9]", "z"));
    CHECK(glob_match("a[", "a["));
    CHECK(glob_match("\\*.yaml", "*.yaml"));
    CHECK_FALSE(glob_match("\\*.yaml", "x.yaml"));
    CHECK(glob_match("a*b*c", "aXbYbZc"));
    CHECK_FALSE(glob_match("a*b*c", "aXbYbZ"));
  }
  TEST_CASE("** is zero or more whole segments") {
    CHECK(glob_match("**/*.generated.yaml", "x.generated.yaml"));
    CHECK(glob_match("**/*.generated.yaml", "a/b/x.generated.yaml"));
    CHECK(glob_match("vendor/**", "vendor/a/b.yaml"));
    CHECK(glob_match("a/**/b.yaml", "a/b.yaml"));
    CHECK(glob_match("a/**/b.yaml", "a/x/y/b.yaml"));
    CHECK_FALSE(glob_match("a/**/b.yaml", "x/a/b.yaml"));
    CHECK(glob_match("**", "any/depth/file.yaml"));
    CHECK_FALSE(glob_match("vendor", "vendor/a.yaml")); // the caller tries each directory
  }
  TEST_CASE("many stars do not backtrack exponentially") {
    std::string path(200, 'a');
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", path));
    std::string deep;
    for (int i = 0; i < 60; ++i) {
      deep += "d/";
    }
    CHECK_FALSE(glob_match("**/**/**/**/x", deep + "y"));
  }
}
