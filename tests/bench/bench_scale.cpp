// SPDX-License-Identifier: Apache-2.0
// Scale benchmark: runs the isvc-scale CLI as a child on generated inputs and prints wall time
// and peak RSS (wait4's ru_maxrss) for each case of issue 12: a directory of many files (at -j1
// and -j2, median of RUNS, next to two -j1 processes on its halves at once: what two cores
// give at best on this machine), one file of 1k/8k/64k documents (per-document cost), one
// ScaledObject with 1,000 triggers, and one line carrying 10,000 findings. Prints numbers only:
// no timing assertion.
// Usage: isvc_bench_scale ISVC_SCALE SAMPLES_DIR WORK_DIR [SCALE=1.0] [RUNS=5]
//   SCALE multiplies every size (the CTest smoke passes a tiny one).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
  double seconds = 0;
  double rss_mib = 0;
  int status = -1;
};

// fork + exec with stdout and stderr to /dev/null.
pid_t spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// wait4 gives this child's own peak RSS.
Run reap(pid_t pid, std::chrono::steady_clock::time_point start) {
  Run r;
  struct rusage ru {};
  int status = 0;
  wait4(pid, &status, 0, &ru);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Run run_cli(const std::vector<std::string>& args) {
  auto start = std::chrono::steady_clock::now();
  return reap(spawn(args), start);
}

// Several commands at once; the wall time until the last one ends, the largest RSS.
Run run_together(const std::vector<std::vector<std::string>>& commands) {
  auto start = std::chrono::steady_clock::now();
  std::vector<pid_t> pids;
  for (const auto& c : commands) {
    pids.push_back(spawn(c));
  }
  Run all;
  for (pid_t p : pids) {
    Run r = reap(p, start);
    all.seconds = std::max(all.seconds, r.seconds);
    all.rss_mib = std::max(all.rss_mib, r.rss_mib);
    all.status = std::max(all.status, r.status);
  }
  return all;
}

Run median(const std::vector<std::vector<std::string>>& commands, int runs) {
  std::vector<Run> all;
  for (int i = 0; i < runs; ++i) {
    all.push_back(run_together(commands));
  }
  std::sort(all.begin(), all.end(),
            [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
  return all[all.size() / 2];
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The sample with its first `name: "..."` made unique.
std::string named(const std::string& sample, std::size_t i) {
  std::string out = sample;
  auto at = out.find("\n  name: ");
  if (at != std::string::npos) {
    auto eol = out.find('\n', at + 1);
    out.replace(at, eol - at, fmt::format("\n  name: model-{}", i));
  }
  return out;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::string scaled_object(std::size_t triggers, bool flow) {
  std::string out = "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\n"
                    "  namespace: ns\nspec:\n  scaleTargetRef:\n    name: web\n  triggers:";
  out += flow ? " [" : "\n";
  for (std::size_t i = 0; i < triggers; ++i) {
    std::string q = fmt::format("sum(rate(x{{a=\"{}\"}}[1m]))", i);
    out += flow ? fmt::format("{}{{type: prometheus, metadata: {{serverAddress: "
                              "'http://prom:9090', query: '{}', threshold: '5'}}}}",
                              i == 0 ? "" : ", ", q)
                : fmt::format("  - type: prometheus\n    metadata:\n      serverAddress: "
                              "http://prom:9090\n      query: '{}'\n      threshold: \"5\"\n",
                              q);
  }
  return out + (flow ? "]\n" : "");
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fmt::print(stderr, "usage: isvc_bench_scale ISVC_SCALE SAMPLES_DIR WORK_DIR [SCALE] [RUNS]\n");
    return 2;
  }
  std::string cli = argv[1];
  std::string sample = slurp(fs::path(argv[2]) / "keda-cpu-utilization.yaml");
  fs::path work = argv[3];
  double scale = argc > 4 ? std::atof(argv[4]) : 1.0;
  int runs = argc > 5 ? std::max(1, std::atoi(argv[5])) : 5;
  auto size = [scale](std::size_t n) {
    return std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(n) * scale));
  };
  fs::remove_all(work);
  fs::create_directories(work / "files");

  std::size_t nfiles = size(10000);
  for (std::size_t i = 0; i < nfiles; ++i) {
    write(work / "files" / fmt::format("m{:05}.yaml", i), named(sample, i));
  }
  Run j1 = median({{cli, "lint", "-j1", (work / "files").string()}}, runs);
  Run j2 = median({{cli, "lint", "-j2", (work / "files").string()}}, runs);
  fmt::print("files {:>6}: -j1 {:.2f} s {:.1f} MiB, -j2 {:.2f} s {:.1f} MiB, -j2 speed-up {:.2f}x "
             "(median of {})\n",
             nfiles, j1.seconds, j1.rss_mib, j2.seconds, j2.rss_mib, j1.seconds / j2.seconds, runs);
  // What two cores give at best: two independent `lint -j1` processes, one per half of
  // the files, started together (no shared heap, no threads), against -j1 on all of them.
  // Each half is a directory of hard links, so both runs walk a directory as -j1 does.
  std::vector<std::vector<std::string>> pair;
  for (int h = 0; h < 2; ++h) {
    fs::path dir = work / fmt::format("half{}", h);
    fs::create_directories(dir);
    for (std::size_t i = static_cast<std::size_t>(h); i < nfiles; i += 2) {
      auto name = fmt::format("m{:05}.yaml", i);
      fs::create_hard_link(work / "files" / name, dir / name);
    }
    pair.push_back({cli, "lint", "-j1", dir.string()});
  }
  Run two = median(pair, runs);
  fmt::print("files {:>6}: two -j1 processes on halves at once {:.2f} s: this machine's two-core "
             "ceiling {:.2f}x (median of {})\n",
             nfiles, two.seconds, j1.seconds / two.seconds, runs);

  for (std::size_t docs : {size(1000), size(8000), size(64000)}) {
    fs::path f = work / fmt::format("stream-{}.yaml", docs);
    {
      std::ofstream out(f, std::ios::binary);
      for (std::size_t i = 0; i < docs; ++i) {
        out << "---\n" << named(sample, i);
      }
    }
    Run r = run_cli({cli, "lint", "-j1", f.string()});
    fmt::print("stream {:>6} docs ({:.1f} MB): {:.2f} s, {:.1f} us/doc, {:.1f} MiB\n", docs,
               static_cast<double>(fs::file_size(f)) / 1e6, r.seconds,
               r.seconds * 1e6 / static_cast<double>(docs), r.rss_mib);
  }

  std::size_t triggers = size(1000);
  write(work / "triggers.yaml", scaled_object(triggers, false));
  Run t = run_cli({cli, "lint", (work / "triggers.yaml").string()});
  fmt::print("scaledobject {} triggers: {:.3f} s, {:.1f} MiB\n", triggers, t.seconds, t.rss_mib);

  std::size_t findings = size(10000);
  write(work / "findings.yaml", scaled_object(findings, true));
  Run fd = run_cli({cli, "lint", (work / "findings.yaml").string()});
  fmt::print("findings {} on one line: {:.3f} s, {:.1f} MiB\n", findings, fd.seconds, fd.rss_mib);
  return 0;
}
