// SPDX-License-Identifier: Apache-2.0
// Start-up: wall time from process start to exit of the isvc-scale binary, median over
// RUNS runs, for `--version` (loading and CLI set-up only), a one-file InferenceService
// lint (the pre-commit case: the 640 KB CRD schema is compiled) and a one-file
// ScaledObject lint. Prints numbers only; no timing assertion (the machine is shared).
// Usage: isvc_bench_startup BINARY SOURCE_DIR [RUNS=50] [DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The ScaledObject `render` writes for samples/keda-cpu-utilization.yaml.
constexpr const char* k_scaled_object = R"(apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: sklearn-v2-iris-predictor
spec:
  scaleTargetRef:
    name: sklearn-v2-iris-predictor
  minReplicaCount: 1
  maxReplicaCount: 5
  triggers:
  - type: cpu
    metricType: Utilization
    metadata:
      value: "50"
)";

// One run, stdout and stderr to /dev/null; seconds from fork to reaped exit, or < 0.
double run_once(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  std::fflush(nullptr); // else the child's copy of an unflushed stdout buffer prints twice
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0) {
      _exit(127);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) == 127) {
    return -1;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: isvc_bench_startup BINARY SOURCE_DIR [RUNS=50] [DIR]\n");
    return 2;
  }
  std::string bin = argv[1];
  fs::path src = argv[2];
  int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 50;
  fs::path dir = argc > 4 ? fs::path(argv[4]) : fs::temp_directory_path() / "isvc-scale-startup";
  fs::create_directories(dir);
  std::ofstream(dir / "scaledobject.yaml") << k_scaled_object;

  struct Case {
    const char* name;
    std::vector<std::string> argv;
  };
  const Case cases[] = {
      {"--version", {bin, "--version"}},
      {"lint one InferenceService",
       {bin, "lint", "--no-config", (src / "samples/keda-cpu-utilization.yaml").string()}},
      {"lint one ScaledObject", {bin, "lint", "--no-config", (dir / "scaledobject.yaml").string()}},
  };
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) {
    load[0] = -1;
  }
  fmt::print("start-up, median of {} runs (load average {:.2f} {:.2f} {:.2f})\n", runs, load[0],
             load[1], load[2]);
  for (const auto& c : cases) {
    std::vector<double> t;
    t.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
      double s = run_once(c.argv);
      if (s < 0) {
        fmt::print(stderr, "{}: the run failed\n", c.name);
        return 1;
      }
      t.push_back(s * 1e3);
    }
    std::sort(t.begin(), t.end());
    fmt::print("{:<28} median {:6.2f} ms  min {:6.2f} ms  p90 {:6.2f} ms\n", c.name,
               t[t.size() / 2], t.front(), t[t.size() * 9 / 10]);
  }
  fs::remove_all(dir);
  return 0;
}
