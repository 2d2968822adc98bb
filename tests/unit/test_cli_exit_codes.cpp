// SPDX-License-Identifier: Apache-2.0
// Exit codes and stream discipline of the app layer (what cli/ returns).
#include "app/run_lint.hpp"
#include "app/run_render.hpp"
#include "model/extensions.hpp"
#include "plan/extensions.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

fs::path write_tmp(const std::string& name, const std::string& text) {
  fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests";
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

const char* k_good = R"(apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: good
  namespace: ml
  annotations:
    serving.kserve.io/deploymentMode: Standard
    serving.kserve.io/autoscalerClass: keda
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 3
    autoScaling:
      metrics:
      - type: Resource
        resource:
          name: cpu
          target:
            type: Utilization
            averageUtilization: 60
    model:
      modelFormat:
        name: sklearn
)";

struct Run {
  int rc;
  std::string out;
  std::string err;
};

Run run(const isvc::app::RenderRequest& req) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_render(req, in, out, err);
  return {rc, out.str(), err.str()};
}

// The output files of a directory; render's lock file (.isvc-scale.lock, lib/app/dir_lock)
// stays there between runs by design and is not output.
std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename() != ".isvc-scale.lock") {
      names.insert(e.path().filename().string());
    }
  }
  return names;
}

isvc::app::RenderRequest to_dir(const std::vector<std::string>& paths, const fs::path& dir) {
  isvc::app::RenderRequest req;
  req.paths = paths;
  req.jobs = 1;
  req.include_input = true;
  fs::remove_all(dir);
  req.output_dir = dir.string();
  return req;
}

Run render(std::vector<std::string> paths) {
  isvc::app::RenderRequest req;
  req.paths = std::move(paths);
  req.jobs = 2;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_render(req, in, out, err);
  return {rc, out.str(), err.str()};
}

Run lint(std::vector<std::string> paths,
         isvc::diag::Severity fail_on = isvc::diag::Severity::error) {
  isvc::app::LintRequest req;
  req.paths = std::move(paths);
  req.no_config = true;
  req.fail_on = isvc::app::FailOn{fail_on, false};
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_lint(req, in, out, err);
  return {rc, out.str(), err.str()};
}

} // namespace

TEST_SUITE("app::exit-codes") {
  TEST_CASE("render: 0 and manifests on stdout when everything renders") {
    auto r = render({write_tmp("good.yaml", k_good).string()});
    CHECK(r.rc == 0);
    CHECK(r.out.find("kind: ScaledObject") != std::string::npos);
  }
  TEST_CASE("render: one refused input means exit 1 and an empty stdout") {
    std::string bad = k_good;
    bad.replace(bad.find("minReplicas: 1"), 14, "minReplicas: 5");
    auto r = render({write_tmp("good.yaml", k_good).string(), write_tmp("bad.yaml", bad).string()});
    CHECK(r.rc == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("bad.yaml:11:18: error: 'MinReplicas' cannot be greater than MaxReplicas "
                     "[kserve-replicas]") != std::string::npos);
  }
  TEST_CASE("render: unparsable YAML means exit 2 and an empty stdout") {
    auto r = render(
        {write_tmp("good.yaml", k_good).string(), write_tmp("broken.yaml", "a: [1,\n").string()});
    CHECK(r.rc == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("broken.yaml:2:1: error: ") != std::string::npos);
  }
  TEST_CASE("lint: 0 clean, 1 findings, 2 unparsable; --fail-on warning") {
    CHECK(lint({write_tmp("good.yaml", k_good).string()}).rc == 0);
    std::string bad = k_good;
    bad.replace(bad.find("averageUtilization: 60"), 22, "averageUtilization: 160");
    auto r = lint({write_tmp("bad.yaml", bad).string()});
    CHECK(r.rc == 1);
    CHECK(r.out.find("bad.yaml:20:33: error: the target utilization percentage should be a "
                     "[1-100] integer [kserve-utilization-range]") != std::string::npos);
    CHECK(lint({write_tmp("broken.yaml", "a: [1,\n").string()}).rc == 2);
    CHECK(lint({"no/such/file.yaml"}).rc == 2);
  }
  TEST_CASE("lint and render: NUL bytes and invalid UTF-8 are unparsable (exit 2)") {
    std::string nul = k_good;
    nul.replace(nul.find("name: good"), 10, std::string("name: go\0od", 11));
    auto r = lint({write_tmp("nul.yaml", nul).string()});
    CHECK(r.rc == 2);
    CHECK(r.out.find("nul.yaml:4:11: error: control character U+0000 is not allowed in YAML "
                     "[yaml-syntax]") != std::string::npos);
    std::string utf = k_good;
    utf.replace(utf.find("name: good"), 10, "name: go\xC3(od");
    auto u = render({write_tmp("utf.yaml", utf).string()});
    CHECK(u.rc == 2);
    CHECK(u.out.empty());
    CHECK(u.err.find("utf.yaml:4:11: error: invalid UTF-8 byte 0xC3; YAML input must be UTF-8 "
                     "[yaml-syntax]") != std::string::npos);
    CHECK(lint({write_tmp("bom.yaml", "\xEF\xBB\xBF" + std::string(k_good)).string()}).rc == 0);
  }
  TEST_CASE("lint: unknown rule ids are a usage error with a suggestion") {
    isvc::app::LintRequest req;
    req.paths = {write_tmp("good.yaml", k_good).string()};
    req.no_config = true;
    req.disable = {"kserve-replica"};
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    CHECK_THROWS_WITH(isvc::app::run_lint(req, in, out, err),
                      "--disable: unknown rule 'kserve-replica' (did you mean 'kserve-replicas'?)");
  }
}

TEST_SUITE("app::render") {
  TEST_CASE("--mode external output renders again to the same objects (stable hand-over)") {
    auto first = render({write_tmp("good.yaml", k_good).string()});
    REQUIRE(first.rc == 0);
    // Keep only the re-emitted InferenceService (the first document).
    std::string isvc = first.out.substr(0, first.out.find("\n---\n") + 1);
    auto second = render({write_tmp("again.yaml", isvc).string()});
    REQUIRE(second.rc == 0);
    auto strip = [](std::string s) {
      std::string out;
      std::istringstream lines(s);
      for (std::string l; std::getline(lines, l);) {
        if (l.rfind("# Source:", 0) != 0) {
          out += l + "\n";
        }
      }
      return out;
    };
    CHECK(strip(second.out) == strip(first.out));
    CHECK(second.err.empty()); // no "wrote Standard" note the second time
  }
  TEST_CASE("--output-dir: odd names are sanitised, nameless documents get a fallback") {
    auto input = write_tmp("odd-names.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                             "  name: ../../../escaped\n  namespace: ml\n---\n"
                                             "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                             "  name: 123\n---\n- a list doc\n---\njust a scalar\n"
                                             "---\nkind: Secret/../..\nmetadata:\n  name: .x.\n"
                                             "  namespace: ..\n");
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / "odd";
    auto r = run(to_dir({input.string()}, dir));
    REQUIRE(r.rc == 0);
    auto names = listing(dir);
    CHECK(names.size() == 5);
    for (const char* fallback : {"document-0-1.yaml", "document-0-2.yaml", "document-0-3.yaml"}) {
      CHECK(names.count(fallback) == 1);
    }
    for (const auto& n : names) {
      CAPTURE(n);
      CHECK(n.front() != '.');
      CHECK(n.find("..") == std::string::npos);
      CHECK(n.find_first_not_of(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
            std::string::npos);
    }
    CHECK_FALSE(fs::exists(dir.parent_path() / "escaped.yaml"));
  }
  TEST_CASE("--output-dir: two objects for one file name write nothing") {
    auto input = write_tmp("clash.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                         "  name: a/b\n---\napiVersion: v1\nkind: ConfigMap\n"
                                         "metadata:\n  name: a_b\n");
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / "clash";
    auto req = to_dir({write_tmp("good.yaml", k_good).string(), input.string()}, dir);
    CHECK_THROWS_WITH(run(req), doctest::Contains("would both be written to"));
    CHECK(listing(dir).empty());
  }
  TEST_CASE("--output-dir: a target that is not a regular file writes nothing") {
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / "notfile";
    auto req = to_dir({write_tmp("good.yaml", k_good).string()}, dir);
    fs::create_directories(dir / "ml_scaledobject_good-predictor.yaml");
    CHECK_THROWS_WITH(run(req), doctest::Contains("exists and is not a regular file"));
    CHECK(listing(dir) == std::set<std::string>{"ml_scaledobject_good-predictor.yaml"});
  }
  TEST_CASE("--output-dir replaces existing files and leaves no temporary file behind") {
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / "replace";
    auto req = to_dir({write_tmp("good.yaml", k_good).string()}, dir);
    fs::create_directories(dir);
    std::ofstream(dir / "ml_scaledobject_good-predictor.yaml") << "old\n";
    REQUIRE(run(req).rc == 0);
    CHECK(listing(dir) == std::set<std::string>{"ml_inferenceservice_good.yaml",
                                                "ml_scaledobject_good-predictor.yaml"});
    std::ifstream f(dir / "ml_scaledobject_good-predictor.yaml");
    std::stringstream text;
    text << f.rdbuf();
    CHECK(text.str().find("kind: ScaledObject") != std::string::npos);
  }
  TEST_CASE("--namespace must be a DNS label (usage error, exit 2)") {
    for (const char* ns : {"../x", "ML", "a_b", "-a", "a.b"}) {
      CAPTURE(ns);
      isvc::app::RenderRequest req;
      req.paths = {write_tmp("good.yaml", k_good).string()};
      req.options.ns = ns;
      auto r = run(req);
      CHECK(r.rc == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find("is not a namespace name") != std::string::npos);
    }
  }
  TEST_CASE("--include-input passes an InferenceService render leaves alone through unchanged") {
    const std::string knative = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                                "metadata:\n  name: kn\n  namespace: ml\n  annotations:\n"
                                "    serving.kserve.io/deploymentMode: Serverless\n"
                                "spec:\n  predictor:\n    minReplicas: 0\n";
    auto input = write_tmp("knative.yaml", knative + "---\napiVersion: v1\nkind: ConfigMap\n"
                                                     "metadata:\n  name: cm\n  namespace: ml\n");
    isvc::app::RenderRequest req;
    req.paths = {input.string()};
    req.include_input = true;
    auto r = run(req);
    REQUIRE(r.rc == 0);
    CHECK(r.out == "# Source: " + input.string() + "#0\n" + knative +
                       "---\n# Source: " + input.string() +
                       "#1\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                       "  name: cm\n  namespace: ml\n");
    CHECK(r.err.find("deployment mode Knative") != std::string::npos);
    req.include_input = false;
    auto without = run(req);
    CHECK(without.rc == 0);
    CHECK(without.out.empty());
  }
  TEST_CASE("the same object twice on stdout is refused (exit 1) naming both sources") {
    auto a = write_tmp("twice-a.yaml", k_good);
    auto b = write_tmp("twice-b.yaml", k_good);
    isvc::app::RenderRequest both;
    both.paths = {a.string(), b.string()};
    auto r = run(both);
    CHECK(r.rc == 1);
    CHECK(r.out.empty());
    // render lints first (issue 8): lint's own finding, at the later document.
    CHECK(r.err.find(b.string() +
                     ":4:9: error: InferenceService ml/good is defined twice, "
                     "first at " +
                     a.string() + ":4") != std::string::npos);
    CHECK(r.err.find("[input-duplicate-object]") != std::string::npos);
    auto so =
        write_tmp("hand-so.yaml",
                  "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\n"
                  "metadata:\n  name: good-predictor\n  namespace: ml\n"
                  "spec:\n  scaleTargetRef: {name: other}\n  minReplicaCount: 1\n  triggers:\n"
                  "  - type: cpu\n    metricType: Utilization\n"
                  "    metadata: {value: \"50\"}\n");
    isvc::app::RenderRequest req;
    req.paths = {a.string(), so.string()};
    req.include_input = true;
    auto pass = run(req);
    CHECK(pass.rc == 1);
    CHECK(pass.err.find("keda.sh/v1alpha1 ScaledObject ml/good-predictor twice") !=
          std::string::npos);
  }
  TEST_CASE("input-duplicate-object: one namespace, or a blank one in one directory") {
    std::string blank = k_good;
    blank.replace(blank.find("  namespace: ml\n"), 16, "");
    std::string other = k_good;
    other.replace(other.find("namespace: ml"), 13, "namespace: qa");
    auto in_dir = [](const std::string& dir, const std::string& name, const std::string& text) {
      fs::create_directories(fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / dir);
      return write_tmp(dir + "/" + name, text).string();
    };
    // base and overlays of a GitOps tree: blank namespaces, one directory each
    auto base = in_dir("dup-base", "isvc.yaml", blank);
    auto prod = in_dir("dup-prod", "isvc.yaml", blank);
    auto across = lint({base, prod});
    CHECK(across.rc == 0);
    CHECK(across.out.find("input-duplicate-object") == std::string::npos);
    // one directory: one object wherever it is applied
    auto sibling = in_dir("dup-base", "copy.yaml", blank);
    auto same_dir = lint({base, sibling});
    CHECK(same_dir.rc == 1);
    CHECK(same_dir.out.find(sibling +
                            ":4:9: error: InferenceService good is defined twice, first at " +
                            base + ":4") != std::string::npos);
    // an explicit namespace: one object across directories too, unless they differ
    auto ml_a = in_dir("dup-ml-a", "isvc.yaml", k_good);
    auto ml_b = in_dir("dup-ml-b", "isvc.yaml", k_good);
    CHECK(lint({ml_a, ml_b}).rc == 1);
    auto qa = in_dir("dup-ml-a", "qa.yaml", other);
    auto two_ns = lint({ml_a, qa});
    CHECK(two_ns.rc == 0);
    // a blank namespace beside an explicit one: applied elsewhere it is another object
    auto blank_beside = in_dir("dup-ml-a", "blank.yaml", blank);
    CHECK(lint({ml_a, blank_beside}).rc == 0);
  }
  TEST_CASE("a file name with a newline does not break the # Source: comment") {
    auto input = write_tmp("evil\nspec: {}\n.yaml", k_good);
    auto r = render({input.string()});
    REQUIRE(r.rc == 0);
    CHECK(r.out.find("evil\\nspec: {}\\n.yaml#0\n") != std::string::npos);
    CHECK(r.out.find("\nspec: {}\n") == std::string::npos);
  }
  TEST_CASE("--output-dir writes one file per object and nothing to stdout") {
    isvc::app::RenderRequest req;
    req.paths = {write_tmp("good.yaml", k_good).string()};
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / "out";
    fs::remove_all(dir);
    req.output_dir = dir.string();
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(isvc::app::run_render(req, in, out, err) == 0);
    CHECK(out.str().empty());
    CHECK(fs::exists(dir / "ml_inferenceservice_good.yaml"));
    CHECK(fs::exists(dir / "ml_scaledobject_good-predictor.yaml"));
    CHECK(listing(dir).size() == 2);
  }
}

TEST_SUITE("app::lint") {
  TEST_CASE("-j N gives the same bytes as -j 1 (output merged in input order)") {
    auto run = [](unsigned jobs, isvc::diag::Format format) {
      isvc::app::LintRequest req;
      req.paths = {std::string(ISVC_SOURCE_DIR) + "/samples",
                   std::string(ISVC_SOURCE_DIR) + "/tests/rules"};
      req.no_config = true;
      req.jobs = jobs;
      req.format = format;
      std::istringstream in;
      std::ostringstream out;
      std::ostringstream err;
      isvc::app::run_lint(req, in, out, err);
      return out.str();
    };
    for (auto f : {isvc::diag::Format::text, isvc::diag::Format::sarif}) {
      std::string one = run(1, f);
      CHECK(one.size() > 1000);
      CHECK(run(2, f) == one);
      CHECK(run(7, f) == one);
    }
  }
}

TEST_SUITE("docs") {
  TEST_CASE("the man page documents every isvc-scale.io/ annotation") {
    std::ifstream in(fs::path(ISVC_SOURCE_DIR) / "man/isvc-scale-annotations.5");
    std::stringstream page;
    page << in.rdbuf();
    for (const auto& k : isvc::plan::extension_keys()) {
      CAPTURE(k.key);
      CHECK(page.str().find("isvc-scale.io/" + std::string(k.key)) != std::string::npos);
    }
  }
  TEST_CASE("the schema lists exactly the isvc-scale.io/ annotations the reader knows") {
    std::ifstream in(fs::path(ISVC_SOURCE_DIR) / "schemas/isvc-scale.io_v1_AutoScaling.json");
    auto schema = nlohmann::json::parse(in);
    std::set<std::string> in_schema;
    for (const auto& [k, v] :
         schema["properties"]["metadata"]["properties"]["annotations"]["properties"].items()) {
      in_schema.insert(k);
    }
    std::set<std::string> known;
    for (const auto& k : isvc::plan::extension_keys()) {
      known.insert("isvc-scale.io/" + std::string(k.key));
    }
    CHECK(in_schema == known);
  }
  TEST_CASE("--output-dir with -o json writes one JSON object per file") {
    isvc::app::RenderRequest req;
    req.paths = {write_tmp("good.yaml", k_good).string()};
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "exit-code-tests" / "out-json";
    fs::remove_all(dir);
    req.output_dir = dir.string();
    req.json = true;
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(isvc::app::run_render(req, in, out, err) == 0);
    std::ifstream f(dir / "ml_scaledobject_good-predictor.json");
    REQUIRE(f);
    std::stringstream text;
    text << f.rdbuf();
    auto j = nlohmann::json::parse(text.str());
    CHECK(j["kind"] == "ScaledObject");
    CHECK(j["metadata"]["name"] == "good-predictor");
    CHECK_FALSE(fs::exists(dir / "ml_scaledobject_good-predictor.yaml"));
  }
}
