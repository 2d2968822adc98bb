// SPDX-License-Identifier: Apache-2.0
#include "simulate/output.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace isvc::simulate {
namespace {

constexpr std::size_t kMaxRows = 40;
constexpr std::size_t kSparkWidth = 60;

std::string clock(int t) { return fmt::format("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60); }

std::string cell(double v) { return std::isnan(v) ? "error" : fmt::format("{:.4g}", v); }

std::string trigger_label(const Trigger& t, std::size_t i) {
  return fmt::format("{}:{}", i, label_of(t));
}

// Ticks where the replicas or ready pods changed.
void write_table(std::ostream& out, const Sim& sim) {
  const auto& tr = sim.scaler.triggers;
  std::string head = fmt::format("{:>8}  {:>8}  {:>5}", "time", "replicas", "ready");
  for (std::size_t i = 0; i < tr.size(); ++i) {
    head += fmt::format("  {:>12}", trigger_label(tr[i], i).substr(0, 12));
  }
  if (sim.run.demand) {
    head += fmt::format("  {:>8}  {:>8}", "load", "queue");
  }
  out << head << '\n';
  std::size_t shown = 0;
  std::size_t changes = 0;
  const Tick* prev = nullptr;
  for (const auto& tk : sim.run.ticks) {
    bool changed = prev == nullptr || tk.replicas != prev->replicas || tk.ready != prev->ready;
    prev = &tk;
    if (!changed) {
      continue;
    }
    if (++changes > kMaxRows) {
      continue;
    }
    ++shown;
    std::string row = fmt::format("{:>8}  {:>8}  {:>5}", clock(tk.t), tk.replicas, tk.ready);
    for (double v : tk.values) {
      row += fmt::format("  {:>12}", cell(v));
    }
    if (sim.run.demand) {
      row += fmt::format("  {:>8}  {:>8}", cell(tk.load), cell(tk.queue));
    }
    out << row << '\n';
  }
  if (changes > shown) {
    out << fmt::format("  ... {} more change(s); --format csv lists every tick\n", changes - shown);
  }
}

void write_sparks(std::ostream& out, const Sim& sim) {
  std::vector<double> reps;
  for (const auto& tk : sim.run.ticks) {
    reps.push_back(tk.replicas);
  }
  out << fmt::format("  {:<14} {}  max {}\n", "replicas", sparkline(reps, kSparkWidth),
                     sim.run.summary.peak_replicas);
  for (std::size_t i = 0; i < sim.scaler.triggers.size(); ++i) {
    std::vector<double> v;
    double mx = 0;
    for (const auto& tk : sim.run.ticks) {
      v.push_back(std::isnan(tk.values[i]) ? 0 : tk.values[i]);
      mx = std::max(mx, v.back());
    }
    out << fmt::format("  {:<14} {}  max {:.4g} (threshold {:.4g})\n",
                       trigger_label(sim.scaler.triggers[i], i).substr(0, 14),
                       sparkline(v, kSparkWidth), mx, sim.scaler.triggers[i].threshold);
  }
}

void write_summary_row(
    std::ostream& out, const char* name, double a, const double* b, const char* unit) {
  out << fmt::format("  {:<22} {:>10.6g}{}", name, a, unit);
  if (b != nullptr) {
    out << fmt::format("  {:>10.6g}{}  {:>+10.6g}", *b, unit, *b - a);
  }
  out << '\n';
}

void write_summaries(std::ostream& out, const std::vector<Sim>& sims) {
  const Summary& a = sims[0].run.summary;
  const Summary* b = sims.size() > 1 ? &sims[1].run.summary : nullptr;
  if (b != nullptr) {
    out << fmt::format("  {:<22} {:>10}  {:>10}  {:>10}\n", "", "this", "compare", "delta");
  }
  auto row = [&](const char* name, auto field, const char* unit = "") {
    double x = static_cast<double>(a.*field);
    double y = b != nullptr ? static_cast<double>(b->*field) : 0;
    write_summary_row(out, name, x, b != nullptr ? &y : nullptr, unit);
  };
  row("replica-hours", &Summary::replica_hours);
  row("gpu-hours", &Summary::gpu_hours);
  row("peak replicas", &Summary::peak_replicas);
  row("cold starts", &Summary::cold_starts);
  row("scale ups", &Summary::scale_ups);
  row("scale downs", &Summary::scale_downs);
  row("flaps", &Summary::flaps);
  row("seconds at max", &Summary::seconds_at_max, "s");
  row("seconds at zero", &Summary::seconds_at_zero, "s");
  row("seconds starting", &Summary::seconds_starting, "s");
  row("arrivals at zero", &Summary::arrivals_at_zero);
  row("max wait at zero", &Summary::max_wait, "s");
  row("peak queue", &Summary::peak_queue);
}

} // namespace

std::string sparkline(const std::vector<double>& values, std::size_t width) {
  static const char* const kBars[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  if (values.empty()) {
    return "";
  }
  double mx = *std::max_element(values.begin(), values.end());
  std::size_t cells = std::min(width, values.size());
  std::string out;
  for (std::size_t c = 0; c < cells; ++c) {
    std::size_t lo = c * values.size() / cells;
    std::size_t hi = std::max(lo + 1, (c + 1) * values.size() / cells);
    double v = *std::max_element(values.begin() + static_cast<std::ptrdiff_t>(lo),
                                 values.begin() + static_cast<std::ptrdiff_t>(hi));
    int level = mx > 0 ? static_cast<int>(std::ceil(v / mx * 8)) : 0;
    out += kBars[std::clamp(level, 0, 8)];
  }
  return out;
}

void write_text(std::ostream& out, const std::vector<Sim>& sims) {
  for (const auto& sim : sims) {
    const Scaler& s = sim.scaler;
    out << fmt::format("{}: {} {} (min {}, max {}{}), {} s {}\n", sim.label,
                       s.keda ? "ScaledObject" : "HorizontalPodAutoscaler", s.name, s.min, s.max,
                       s.keda ? fmt::format(", polling {} s, cooldown {} s", s.polling, s.cooldown)
                              : "",
                       sim.run.summary.seconds, sim.run.demand ? "demand model" : "metric replay");
    write_table(out, sim);
    write_sparks(out, sim);
    for (const auto& f : sim.findings) {
      out << fmt::format("  finding {}: {}\n", f.id, f.message);
    }
    out << '\n';
  }
  write_summaries(out, sims);
}

} // namespace isvc::simulate
