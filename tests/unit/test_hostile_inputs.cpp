// SPDX-License-Identifier: Apache-2.0
// Regression inputs for crashes and wrong values found with hostile manifests (issue 12):
// each asserts the exit code, the positioned message and the rule id.
#include "app/run_lint.hpp"
#include "app/run_render.hpp"
#include "util/line_index.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace {

fs::path write_tmp(const std::string& name, const std::string& text) {
  fs::path dir = fs::path(ISVC_BINARY_DIR) / "hostile-tests";
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

std::string manifest(const std::string& metadata_extra, const std::string& predictor_extra) {
  return "apiVersion: serving.kserve.io/v1beta1\n"
         "kind: InferenceService\n"
         "metadata:\n"
         "  name: x\n"
         "  annotations:\n"
         "    serving.kserve.io/deploymentMode: Standard\n"
         "    serving.kserve.io/autoscalerClass: keda\n" +
         metadata_extra +
         "spec:\n"
         "  predictor:\n"
         "    minReplicas: 1\n"
         "    maxReplicas: 3\n"
         "    autoScaling:\n"
         "      metrics:\n"
         "      - type: Resource\n"
         "        resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}\n" +
         predictor_extra +
         "    model:\n"
         "      modelFormat:\n"
         "        name: sklearn\n";
}

struct Run {
  int rc;
  std::string out;
  std::string err;
};

Run lint(std::vector<std::string> paths, unsigned jobs = 1) {
  isvc::app::LintRequest req;
  req.paths = std::move(paths);
  req.no_config = true;
  req.jobs = jobs;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_lint(req, in, out, err);
  return {rc, out.str(), err.str()};
}

Run render(std::vector<std::string> paths, unsigned jobs = 1) {
  isvc::app::RenderRequest req;
  req.paths = std::move(paths);
  req.jobs = jobs;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_render(req, in, out, err);
  return {rc, out.str(), err.str()};
}

bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

} // namespace

TEST_SUITE("hostile") {
  TEST_CASE("a 26 KB metadata.name is a range finding, not a stack overflow in std::regex") {
    std::string text = manifest("", "");
    text.replace(text.find("name: x"), 7, "name: " + std::string(26000, 'a'));
    auto path = write_tmp("long-name.yaml", text).string();
    auto r = lint({path});
    CHECK(r.rc == 1);
    CHECK(has(r.out, "long-name.yaml:4:9: error: /metadata/name is out of range: String should "
                     "be no more than 253 characters in length. [schema-range]"));
    auto rr = render({path});
    CHECK(rr.rc == 1);
    CHECK(has(rr.err, "long-name.yaml:4:9: error: /metadata/name is out of range"));
  }
  TEST_CASE("a 26 KB label value and ScaledObject name are range findings") {
    auto label = write_tmp("long-label.yaml",
                           manifest("  labels:\n    a: " + std::string(26000, 'b') + "\n", ""));
    auto r = lint({label.string()});
    CHECK(r.rc == 1);
    CHECK(has(r.out, "long-label.yaml:9:8: error: /metadata/labels/a is out of range: String "
                     "should be no more than 63 characters in length. [schema-range]"));
    auto so = write_tmp("long-so.yaml", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\n"
                                        "metadata:\n  name: " +
                                            std::string(26000, 'c') +
                                            "\nspec:\n  scaleTargetRef: {name: x}\n"
                                            "  triggers: [{type: cpu, metricType: Utilization, "
                                            "metadata: {value: \"50\"}}]\n");
    auto s = lint({so.string()});
    CHECK(s.rc == 1);
    CHECK(has(s.out, "long-so.yaml:4:9: error: /metadata/name is out of range: String should be "
                     "no more than 253 characters in length. [schema-range]"));
  }
  TEST_CASE("a 32 KB activation-threshold is checked without std::regex") {
    std::string digits(32000, '1');
    auto bad =
        write_tmp("long-activation.yaml",
                  manifest("    isvc-scale.io/activation-threshold: \"" + digits + "x\"\n", ""));
    auto r = render({bad.string()});
    CHECK(r.rc == 1);
    CHECK(has(r.err, "long-activation.yaml:8:41: error: annotation "
                     "isvc-scale.io/activation-threshold must be a non-negative number"));
    CHECK(has(r.err, "[isvc-annotation-value]"));
    auto good =
        write_tmp("long-activation-ok.yaml",
                  manifest("    isvc-scale.io/activation-threshold: \"" + digits + "\"\n", ""));
    CHECK(render({good.string()}).rc == 0);
  }
  TEST_CASE("a mapping in a field whose schema has a format is a type finding") {
    std::string text = manifest("", "");
    text.replace(text.find("minReplicas: 1"), 14, "minReplicas: {a: 1}");
    auto path = write_tmp("map-min.yaml", text).string();
    auto r = lint({path});
    CHECK(r.rc == 1);
    CHECK(!has(r.out + r.err, "internal error"));
    CHECK(has(r.out, "map-min.yaml:10:5: error: /spec/predictor/minReplicas has the wrong type "
                     "(want integer) [schema-type]"));
    auto rr = render({path, write_tmp("long-name2.yaml", manifest("", "")).string()}, 2);
    CHECK(rr.rc == 1);
    CHECK(!has(rr.err, "internal error"));
  }
  TEST_CASE("parallel_for keeps each item's exception instead of terminating") {
    std::atomic<int> ran{0};
    auto failed = isvc::util::parallel_for(6, 2, [&](std::size_t i) {
      ++ran;
      if (i == 1) {
        throw std::runtime_error("boom");
      }
      if (i == 4) {
        throw std::bad_alloc();
      }
    });
    CHECK(ran == 6);
    REQUIRE(failed.size() == 6);
    CHECK(!failed[0]);
    CHECK(isvc::util::describe(failed[1]) == "boom");
    CHECK(isvc::util::describe(failed[4]) == "out of memory");
  }
  TEST_CASE("one integer reader with go-yaml's rules (resolve.go, strconv.ParseInt base 0)") {
    using isvc::util::parse_int;
    CHECK(parse_int("012") == 10);
    CHECK(parse_int("0b11") == 3);
    CHECK(parse_int("1_0") == 10);
    CHECK(parse_int("0x10") == 16);
    CHECK(parse_int("0o17") == 15);
    CHECK(parse_int("-0b11") == -3);
    CHECK(parse_int("+7") == 7);
    CHECK(parse_int("-9223372036854775808") == INT64_MIN);
    CHECK(!parse_int("9223372036854775808"));
    CHECK(!parse_int("--9223372036854775808"));
    CHECK(!parse_int("--5"));
    CHECK(!parse_int("+-5"));
    CHECK(!parse_int("0x-1"));
    CHECK(!parse_int("0x"));
    CHECK(!parse_int("08"));
    CHECK(!parse_int("_1"));
    CHECK(!parse_int(""));
  }
  TEST_CASE("maxReplicas: --5, +-5 and 0x-1 are type findings; 012 renders as 10") {
    for (const char* v : {"--5", "+-5", "0x-1"}) {
      std::string text = manifest("", "");
      text.replace(text.find("maxReplicas: 3"), 14, std::string("maxReplicas: ") + v);
      auto r = render({write_tmp("int.yaml", text).string()});
      CHECK(r.rc == 1);
      CHECK(
          has(r.err, std::string("int.yaml:11:18: error: maxReplicas must be an integer, not \"") +
                         v + "\" [schema-type]"));
    }
    std::string text = manifest("", "");
    text.replace(text.find("maxReplicas: 3"), 14, "maxReplicas: 012");
    auto r = render({write_tmp("octal.yaml", text).string()});
    CHECK(r.rc == 0);
    CHECK(has(r.out, "maxReplicaCount: 10\n"));
  }
  TEST_CASE("LineIndex maps lines to bytes once per text") {
    std::string_view text = "a\r\nbb\n\nccc";
    isvc::util::LineIndex idx(text);
    CHECK(idx.size() == 4);
    CHECK(idx.line(text, 1) == "a");
    CHECK(idx.line(text, 2) == "bb");
    CHECK(idx.line(text, 3).empty());
    CHECK(idx.line(text, 4) == "ccc");
    CHECK(idx.line(text, 5).empty());
    CHECK(idx.start(0) == std::string_view::npos);
    CHECK(idx.start(4) == 7);
  }
  TEST_CASE("an unterminated quoted scalar at EOF is a yaml-syntax error (exit 2)") {
    auto r = lint(
        {write_tmp("unterminated.yaml", "a: 'it''s'\nb: \"x\\\"y\"\nc: \"z\nd: 2\n").string()});
    CHECK(r.rc == 2);
    CHECK(has(r.out, "unterminated.yaml:3:4: error: this quoted scalar has no closing quote before "
                     "the end of the input [yaml-syntax]"));
    auto rr = render({write_tmp("unterminated1.yaml", "a: 'z\n").string()});
    CHECK(rr.rc == 2);
    CHECK(rr.out.empty());
    CHECK(has(rr.err, "unterminated1.yaml:1:4: error: this quoted scalar has no closing quote"));
  }
}
