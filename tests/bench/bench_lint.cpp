// SPDX-License-Identifier: Apache-2.0
// Lint throughput on a generated GitOps-like corpus: files/s for two parse-only
// baselines -- plain yaml-cpp (`YAML::LoadAll`, issue 12's reference) and our
// loader (read + YAML events into the position-carrying model) -- and for the
// full lint (schemas + every rule + cross-document rules), and the ratios.
// Usage: isvc_bench [FILES=2000] [JOBS=0 (all cores)] [DIR]
#include "parse/inputs.hpp"
#include "parse/yaml_loader.hpp"
#include "util/parallel.hpp"
#include "validate/lint.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;

namespace {

// Three shapes: a keda ISVC with Prometheus + cpu, an hpa ISVC, and an ISVC
// plus a hand-written ScaledObject and TriggerAuthentication.
std::string corpus_file(std::size_t i) {
  std::string name = fmt::format("model-{}", i);
  std::string isvc = fmt::format(R"(apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: {0}
  namespace: team-{1}
  annotations:
    serving.kserve.io/deploymentMode: Standard
    serving.kserve.io/autoscalerClass: {2}
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 8
    model:
      modelFormat:
        name: huggingface
      args: ["--model_name={0}"]
      resources:
        limits: {{cpu: "2", memory: 8Gi, nvidia.com/gpu: "1"}}
        requests: {{cpu: "1", memory: 4Gi, nvidia.com/gpu: "1"}}
)",
                                 name, i % 17, i % 3 == 1 ? "hpa" : "keda");
  if (i % 3 == 1) {
    return isvc + R"(    autoScaling:
      metrics:
      - type: Resource
        resource:
          name: cpu
          target:
            type: Utilization
            averageUtilization: 70
)";
  }
  std::string metrics = fmt::format(R"(    autoScaling:
      metrics:
      - type: External
        external:
          metric:
            backend: prometheus
            serverAddress: http://prometheus.monitoring.svc:9090
            query: sum(vllm:num_requests_waiting{{namespace="team-{1}",model_name="{0}"}})
          target:
            type: AverageValue
            averageValue: "5"
            value: "5"
      - type: Resource
        resource:
          name: cpu
          target:
            type: Utilization
            averageUtilization: 80
      behavior:
        scaleDown:
          stabilizationWindowSeconds: 300
)",
                                    name, i % 17);
  if (i % 3 == 0) {
    return isvc + metrics;
  }
  return isvc + metrics +
         fmt::format(R"(---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {0}-router
  namespace: team-{1}
spec:
  scaleTargetRef:
    name: {0}-router
  minReplicaCount: 1
  maxReplicaCount: 4
  triggers:
  - type: prometheus
    metricType: AverageValue
    metadata:
      serverAddress: http://prometheus.monitoring.svc:9090
      query: sum(rate(vllm:num_incoming_requests_total{{namespace="team-{1}"}}[1m]))
      threshold: "10"
    authenticationRef:
      name: prom-auth
---
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata:
  name: prom-auth
  namespace: team-{1}
spec:
  secretTargetRef:
  - parameter: bearerToken
    name: prom-token
    key: token
)",
                     name, i % 17);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
  std::size_t files = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
  unsigned jobs = argc > 2 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 0;
  fs::path dir = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "isvc-scale-bench";
  fs::remove_all(dir);
  for (std::size_t i = 0; i < files; ++i) {
    fs::path sub = dir / fmt::format("team-{}", i % 17);
    fs::create_directories(sub);
    std::ofstream(sub / fmt::format("model-{}.yaml", i)) << corpus_file(i);
  }
  unsigned j = jobs == 0 ? isvc::util::default_jobs() : jobs;

  // Baseline (a): plain yaml-cpp over the same files, read the same way.
  isvc::diag::Sink sink;
  auto paths = isvc::parse::expand_inputs({dir.string()}, sink);
  std::istringstream none;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::size_t> ydocs(paths.size());
  (void)isvc::util::parallel_for(paths.size(), j, [&](std::size_t k) {
    isvc::diag::Sink local;
    std::string text;
    isvc::parse::read_input(paths[k], none, text, local);
    ydocs[k] = YAML::LoadAll(text).size();
  });
  double yaml_s = seconds_since(t0);

  // Baseline (b): our loader, the same reads into the position-carrying model.
  t0 = std::chrono::steady_clock::now();
  std::vector<std::size_t> docs(paths.size());
  (void)isvc::util::parallel_for(paths.size(), j, [&](std::size_t k) {
    isvc::diag::Sink local;
    std::string text;
    isvc::parse::read_input(paths[k], none, text, local);
    docs[k] = isvc::parse::load_yaml(paths[k], std::move(text), local).docs.size();
  });
  double parse_s = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  isvc::validate::LintOptions opts;
  opts.jobs = jobs;
  auto result = isvc::validate::lint({dir.string()}, none, opts);
  double lint_s = seconds_since(t0);

  fmt::print("corpus: {} files, {} documents, {} findings, jobs {}\n", result.files,
             result.documents, result.diagnostics.size(), j);
  fmt::print("yaml-cpp LoadAll: {:.3f} s, {:.0f} files/s\n", yaml_s, files / yaml_s);
  fmt::print("parse-only:      {:.3f} s, {:.0f} files/s (our loader)\n", parse_s, files / parse_s);
  fmt::print("lint:            {:.3f} s, {:.0f} files/s\n", lint_s, files / lint_s);
  fmt::print("lint / yaml-cpp LoadAll time ratio: {:.2f}\n", lint_s / yaml_s);
  fmt::print("lint / parse-only time ratio: {:.2f}\n", lint_s / parse_s);
  fmt::print("our loader / yaml-cpp LoadAll time ratio: {:.2f}\n", parse_s / yaml_s);
  if (std::getenv("ISVC_BENCH_KEEP") == nullptr) {
    fs::remove_all(dir);
  }
  return result.files == files ? 0 : 1;
}
