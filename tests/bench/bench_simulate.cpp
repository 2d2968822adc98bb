// SPDX-License-Identifier: Apache-2.0
// Prints how long `simulate` takes for one day of a three-trigger ScaledObject and of a cpu
// HPA, with the trace sampled every 15 s (metric replay) and as per-second demand. No timing
// assertion: usage `isvc_bench_simulate [repeats]`.
#include "simulate/simulate.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace isvc::simulate;

namespace {

Scaler three_triggers() {
  Scaler s;
  s.keda = true;
  s.min = 1;
  s.max = 20;
  s.up = default_up();
  s.down = default_down();
  for (double th : {2.0, 0.75, 4.0}) {
    Trigger t;
    t.type = "prometheus";
    t.threshold = th;
    t.target = th == 4.0 ? Target::average_value : Target::value;
    s.triggers.push_back(t);
  }
  s.triggers[2].query = "sum(vllm:num_requests_running)";
  return s;
}

double run_ms(const Scaler& s, const Trace& tr, int repeats) {
  Options opt;
  Run run;
  std::string error;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < repeats; ++i) {
    if (!simulate(s, tr, opt, run, error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      std::exit(1);
    }
  }
  std::chrono::duration<double, std::milli> d = std::chrono::steady_clock::now() - start;
  return d.count() / repeats;
}

} // namespace

int main(int argc, char** argv) {
  int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  std::string csv = "t,0,1,2\n";
  for (int t = 0; t <= 86400; t += 15) {
    double x = std::sin(t * 2 * 3.14159265358979 / 86400);
    csv += std::to_string(t) + "," + std::to_string(2 + 2 * x) + "," +
           std::to_string(0.5 + 0.4 * x) + "," + std::to_string(20 + 18 * x) + "\n";
  }
  Trace replay;
  std::string error;
  parse_csv(csv, replay, error);
  Trace demand;
  parse_shape("diurnal:20..300@24h,noise:1", demand, error);
  Scaler cpu;
  cpu.min = 2;
  cpu.max = 10;
  cpu.up = default_up();
  cpu.down = default_down();
  Trigger t;
  t.type = "cpu";
  t.target = Target::utilization;
  t.threshold = 65;
  cpu.triggers = {t};
  std::printf("1 day, 15 s HPA sync, 1 s event loop, mean of %d runs\n", repeats);
  std::printf("  keda 3 triggers, replay (5761 rows): %8.2f ms\n",
              run_ms(three_triggers(), replay, repeats));
  std::printf("  keda 3 triggers, demand:             %8.2f ms\n",
              run_ms(three_triggers(), demand, repeats));
  std::printf("  hpa cpu, demand:                     %8.2f ms\n", run_ms(cpu, demand, repeats));
  return 0;
}
