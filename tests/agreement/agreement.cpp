// SPDX-License-Identifier: Apache-2.0
// lint and render agree (issue 8): over every sample, every rule fixture and a generated
// matrix of InferenceServices,
//   - if lint reports no error, render (both modes) exits 0 and its output lints with no error;
//   - if render refuses, lint reports each of render's errors, same rule id, same line:col.
// The only way out is tests/agreement/exceptions.txt: `<input> <mode> <reason>`.
#include "app/run_render.hpp"
#include "validate/lint.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path k_src = ISVC_SOURCE_DIR;
const fs::path k_work = fs::path(ISVC_BINARY_DIR) / "agreement";

using Finding = std::string; // "rule L:C"

std::set<Finding> lint_errors(const std::vector<std::string>& paths) {
  isvc::validate::LintOptions opts;
  opts.jobs = 1;
  std::istringstream none;
  auto result = isvc::validate::lint(paths, none, opts);
  std::set<Finding> out;
  for (const auto& d : result.diagnostics) {
    if (d.severity == isvc::diag::Severity::error) {
      out.insert(fmt::format("{} {}:{}", d.rule, d.mark.line, d.mark.col));
    }
  }
  return out;
}

struct Rendered {
  int rc;
  std::string out;
  std::set<Finding> errors; // parsed from stderr: `file:L:C: error: ... [rule]`
  std::string err;
};

Rendered render(const std::vector<std::string>& paths, isvc::render::Mode mode) {
  isvc::app::RenderRequest req;
  req.paths = paths;
  req.options.mode = mode;
  req.jobs = 1;
  req.no_config = true;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Rendered r{isvc::app::run_render(req, in, out, err), out.str(), {}, err.str()};
  static const std::regex line(R"(^[^ ]+:(\d+):(\d+): error: .* \[([a-z0-9-]+)\]$)");
  std::istringstream lines(r.err);
  for (std::string l; std::getline(lines, l);) {
    std::smatch m;
    if (std::regex_match(l, m, line)) {
      r.errors.insert(fmt::format("{} {}:{}", m[3].str(), m[1].str(), m[2].str()));
    }
  }
  return r;
}

std::map<std::string, std::string> exceptions() {
  std::map<std::string, std::string> out;
  std::ifstream in(k_src / "tests/agreement/exceptions.txt");
  for (std::string l; std::getline(in, l);) {
    if (l.empty() || l[0] == '#') {
      continue;
    }
    std::istringstream words(l);
    std::string input;
    std::string mode;
    words >> input >> mode;
    std::string reason;
    std::getline(words, reason);
    REQUIRE_MESSAGE(reason.size() > 10, "exception without a reason: ", l);
    out[input + " " + mode] = reason;
  }
  return out;
}

std::string join(const std::set<Finding>& s) {
  std::string out;
  for (const auto& f : s) {
    out += (out.empty() ? "" : ", ") + f;
  }
  return out.empty() ? "none" : out;
}

// Checks both directions for one input set; returns the number of violations.
int agree(const std::vector<std::string>& paths,
          const std::string& name,
          const std::map<std::string, std::string>& skip,
          std::set<std::string>& used) {
  int bad = 0;
  auto lint = lint_errors(paths);
  for (auto mode : {isvc::render::Mode::external, isvc::render::Mode::kserve}) {
    std::string key = name + (mode == isvc::render::Mode::external ? " external" : " kserve");
    if (skip.count(key) != 0) {
      used.insert(key);
      continue;
    }
    auto r = render(paths, mode);
    if (lint.empty() && r.rc != 0) {
      ++bad;
      FAIL_CHECK(key, ": lint reports no error but render exits ", r.rc, ":\n", r.err);
    }
    if (r.rc != 0) {
      for (const auto& e : r.errors) {
        if (lint.count(e) == 0) {
          ++bad;
          FAIL_CHECK(key, ": render refuses with ", e, ", lint reports ", join(lint));
        }
      }
      continue;
    }
    if (lint.empty() && !r.out.empty()) {
      fs::path out = k_work / "out" / (std::to_string(std::hash<std::string>{}(key)) + ".yaml");
      fs::create_directories(out.parent_path());
      std::ofstream(out) << r.out;
      auto again = lint_errors({out.string()});
      if (!again.empty()) {
        ++bad;
        FAIL_CHECK(key, ": render's output (", out.string(), ") lints with ", join(again));
      }
    }
  }
  return bad;
}

std::vector<fs::path> yaml_files(const fs::path& dir, bool recursive) {
  std::vector<fs::path> out;
  auto add = [&out](const fs::directory_entry& e) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") {
      out.push_back(e.path());
    }
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      add(e);
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir)) {
      add(e);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

namespace {

// One generated InferenceService: class x mode x minReplicas x metric x annotations.
struct Cell {
  const char* cls; // "" = unset
  bool standard;   // deploymentMode written
  int min;
  const char* metric; // key into k_metrics
  const char* extra;  // key into k_extras
};

const std::map<std::string, std::string> k_metrics = {
    {"none", ""},
    {"cpu", "    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n"
            "          name: cpu\n          target: {type: Utilization, averageUtilization: 60}\n"},
    {"memory",
     "    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n"
     "          name: memory\n          target: {type: AverageValue, averageValue: 4Gi}\n"},
    {"prometheus",
     "    autoScaling:\n      metrics:\n      - type: External\n        external:\n"
     "          metric:\n            backend: prometheus\n"
     "            serverAddress: http://prometheus.monitoring:9090\n"
     "            query: sum(rate(istio_requests_total{destination_workload=\"m-predictor\", "
     "destination_workload_namespace=\"ml\"}[2m]))\n"
     "          target: {type: Value, value: \"10\"}\n"},
    {"unaggregated",
     "    autoScaling:\n      metrics:\n      - type: External\n        external:\n"
     "          metric:\n            backend: prometheus\n"
     "            serverAddress: http://prometheus.monitoring:9090\n"
     "            query: vllm:num_requests_running{namespace=\"ml\", model_name=\"m\"}\n"
     "          target: {type: Value, value: \"4\"}\n"},
    {"podmetric", "    autoScaling:\n      metrics:\n      - type: PodMetric\n        podmetric:\n"
                  "          metric:\n            backend: opentelemetry\n"
                  "            metricNames: [process_cpu_seconds_total]\n"
                  "            query: avg(process_cpu_seconds_total)\n"
                  "          target: {type: Value, value: \"50\"}\n"},
};

// Annotations on the InferenceService (first) or on the predictor (after '|').
const std::map<std::string, std::pair<std::string, std::string>> k_extras = {
    {"none", {"", ""}},
    {"activation", {"    isvc-scale.io/activation-preset: istio\n", ""}},
    {"fallback",
     {"    isvc-scale.io/fallback-failure-threshold: \"3\"\n"
      "    isvc-scale.io/fallback-replicas: \"2\"\n",
      ""}},
    {"fallback-replicas-only", {"    isvc-scale.io/fallback-replicas: \"2\"\n", ""}},
    {"component-kedda", {"", "    annotations:\n      isvc-scale.io/autoscaler: kedda\n"}},
};

std::string yaml_for(const Cell& c) {
  std::string ann;
  if (c.standard) {
    ann += "    serving.kserve.io/deploymentMode: Standard\n";
  }
  if (*c.cls != 0) {
    ann += fmt::format("    serving.kserve.io/autoscalerClass: {}\n", c.cls);
  }
  const auto& [isvc_extra, comp_extra] = k_extras.at(c.extra);
  ann += isvc_extra;
  return fmt::format("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                     "  name: m\n  namespace: ml\n{}spec:\n  predictor:\n{}"
                     "    minReplicas: {}\n    maxReplicas: 3\n{}"
                     "    model:\n      modelFormat: {{name: huggingface}}\n",
                     ann.empty() ? "" : "  annotations:\n" + ann, comp_extra, c.min,
                     k_metrics.at(c.metric));
}

} // namespace

TEST_CASE("lint and render agree on every sample, rule fixture and generated InferenceService") {
  auto skip = exceptions();
  std::set<std::string> used;
  int bad = 0;
  int inputs = 0;
  for (const auto& f : yaml_files(k_src / "samples", false)) {
    bad += agree({f.string()}, "samples/" + f.filename().string(), skip, used);
    ++inputs;
  }
  for (const auto& f : yaml_files(k_src / "tests/rules", true)) {
    std::string name = fs::relative(f, k_src).string();
    bad += agree({f.string()}, name, skip, used);
    ++inputs;
  }
  fs::create_directories(k_work / "matrix");
  for (const char* cls : {"", "keda", "hpa", "external", "none"}) {
    for (bool standard : {true, false}) {
      for (int min : {0, 1}) {
        for (const auto& [metric, unused_m] : k_metrics) {
          for (const auto& [extra, unused_e] : k_extras) {
            Cell c{cls, standard, min, metric.c_str(), extra.c_str()};
            std::string name =
                fmt::format("matrix/{}-{}-min{}-{}-{}", *cls ? cls : "unset",
                            standard ? "standard" : "mode-unset", min, metric, extra);
            fs::path f = k_work / (name + ".yaml");
            std::ofstream(f) << yaml_for(c);
            bad += agree({f.string()}, name, skip, used);
            ++inputs;
          }
        }
      }
    }
  }
  // The same InferenceService in two files of one directory: render refuses the pair, lint
  // must say so. Across directories (a blank namespace) lint sees two applications and render
  // one stream: the written exception.
  bad += agree({(k_src / "tests/agreement/same-isvc-original.yaml").string(),
                (k_src / "tests/agreement/same-isvc-copy.yaml").string()},
               "pair:same-isvc-original+same-isvc-copy", skip, used);
  bad += agree({(k_src / "samples/keda-cpu-utilization.yaml").string(),
                (k_src / "tests/agreement/same-isvc-copy.yaml").string()},
               "pair:keda-cpu-utilization+same-isvc-copy", skip, used);
  MESSAGE(inputs, " inputs checked in both modes, ", bad, " disagreements, ", used.size(),
          " excepted");
  CHECK(bad == 0);
  for (const auto& entry : skip) {
    const std::string& key = entry.first; // clang 14 cannot capture a structured binding
    CHECK_MESSAGE(used.count(key) != 0, "stale exception (no such input): ", key);
  }
  CHECK(skip.size() <= 6);
}
