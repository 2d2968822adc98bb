// SPDX-License-Identifier: Apache-2.0
// Two stacked panels: trigger values as a fraction of their threshold (threshold = 1, dashed
// activation thresholds), then replicas as a step line with zero-replica and cold-start shading.
#include "simulate/output.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace isvc::simulate {
namespace {

constexpr double kW = 960, kLeft = 70, kRight = 20, kTop = 74;
constexpr double kMetricH = 170, kGap = 46, kRepH = 150;
constexpr const char* kColors[] = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};

struct Frame {
  double t_end;
  double x(double t) const { return kLeft + (kW - kLeft - kRight) * t / std::max(1.0, t_end); }
};

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    o += c == '<'   ? "&lt;"
         : c == '>' ? "&gt;"
         : c == '&' ? "&amp;"
         : c == '"' ? "&quot;"
                    : std::string(1, c);
  }
  return o;
}

void time_axis(std::ostream& out, const Frame& f, double y) {
  int end = static_cast<int>(f.t_end);
  int step = end <= 1200 ? 120 : end <= 7200 ? 600 : end <= 43200 ? 3600 : 7200;
  for (int t = 0; t <= end; t += step) {
    out << fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
                       "stroke=\"#000\"/>\n<text x=\"{0:.1f}\" y=\"{3:.1f}\" "
                       "text-anchor=\"middle\">{4:02}:{5:02}</text>\n",
                       f.x(t), y, y + 4, y + 17, t / 3600, t / 60 % 60);
  }
}

void metric_panel(std::ostream& out, const Sim& sim, const Frame& f) {
  double top = kTop, bottom = kTop + kMetricH;
  double ymax = 2.0;
  bool clipped = false; // a value above 10x is drawn at the top: its label says so
  for (const auto& tk : sim.run.ticks) {
    for (std::size_t i = 0; i < tk.values.size(); ++i) {
      double r = tk.values[i] / sim.scaler.triggers[i].threshold;
      ymax = std::isfinite(r) ? std::max(ymax, std::min(r, 10.0)) : ymax;
      clipped = clipped || (std::isfinite(r) && r > 10.0);
    }
  }
  ymax = std::ceil(ymax);
  auto y = [&](double r) { return bottom - kMetricH * std::min(r, ymax) / ymax; };
  out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
                     "stroke=\"#999\"/>\n",
                     kLeft, top, kW - kLeft - kRight, kMetricH);
  for (int k = 0; k <= static_cast<int>(ymax); ++k) {
    bool top_clipped = clipped && k == static_cast<int>(ymax);
    out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}x{}</text>\n",
                       kLeft - 6, y(k) + 4, k, top_clipped ? "+" : "");
  }
  out << fmt::format("<text x=\"14\" y=\"{:.1f}\" transform=\"rotate(-90 14 {:.1f})\" "
                     "text-anchor=\"middle\">value / threshold</text>\n",
                     (top + bottom) / 2, (top + bottom) / 2);
  out << fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#d62728\" "
                     "stroke-width=\"1.5\"/>\n",
                     kLeft, y(1), kW - kRight, y(1));
  for (std::size_t i = 0; i < sim.scaler.triggers.size(); ++i) {
    const Trigger& t = sim.scaler.triggers[i];
    const char* color = kColors[i % 5];
    if (sim.scaler.keda && t.activation > 0) {
      out << fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"{}\" "
                         "stroke-dasharray=\"6 4\"/>\n",
                         kLeft, y(t.activation / t.threshold), kW - kRight,
                         y(t.activation / t.threshold), color);
    }
    out << fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" points=\"",
                       color);
    for (const auto& tk : sim.run.ticks) {
      double v = tk.values[i] / t.threshold;
      v = std::isfinite(v) ? v : 0; // a failed query, or a threshold of 0
      out << fmt::format("{:.1f},{:.1f} ", f.x(tk.t), y(v));
    }
    out << "\"/>\n";
  }
}

const char* shade_of(const Tick& tk) {
  return tk.replicas == 0 ? "#bbbbbb" : tk.ready < tk.replicas ? "#ffcc80" : nullptr;
}

// One rectangle per run of ticks with the same shade.
void shading(std::ostream& out, const Sim& sim, const Frame& f, double top) {
  const auto& ticks = sim.run.ticks;
  std::size_t k = 0;
  while (k + 1 < ticks.size()) {
    const char* fill = shade_of(ticks[k]);
    std::size_t end = k + 1;
    while (end + 1 < ticks.size() && shade_of(ticks[end]) == fill) {
      ++end;
    }
    if (fill != nullptr) {
      out << fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
                         "fill=\"{}\" fill-opacity=\"0.6\"/>\n",
                         f.x(ticks[k].t), top, f.x(ticks[end].t) - f.x(ticks[k].t), kRepH, fill);
    }
    k = end;
  }
}

void replica_line(std::ostream& out,
                  const Sim& sim,
                  const Frame& f,
                  double top,
                  int ymax,
                  const char* color,
                  const char* dash) {
  auto y = [&](int r) { return top + kRepH - kRepH * r / ymax; };
  out << fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{} points=\"",
                     color, dash);
  int prev = -1;
  for (const auto& tk : sim.run.ticks) {
    if (prev >= 0 && prev != tk.replicas) {
      out << fmt::format("{:.1f},{:.1f} ", f.x(tk.t), y(prev));
    }
    out << fmt::format("{:.1f},{:.1f} ", f.x(tk.t), y(tk.replicas));
    prev = tk.replicas;
  }
  out << "\"/>\n";
}

// Items left to right, wrapping to a second row at the right edge.
void legend(std::ostream& out, const std::vector<Sim>& sims) {
  double x = kLeft;
  double y = 36;
  auto item = [&](const char* shape, const char* fill, const std::string& text) {
    double w = 30 + 7.0 * static_cast<double>(text.size());
    if (x + w > kW - kRight && x > kLeft) {
      x = kLeft;
      y += 18;
    }
    bool bar = std::string(shape) == "bar";
    out << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"16\" height=\"{}\" fill=\"{}\"/>"
                       "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
                       x, bar ? y - 4 : y - 8, bar ? 4 : 12, fill, x + 22, y, esc(text));
    x += w;
  };
  const Sim& s = sims[0];
  for (std::size_t i = 0; i < s.scaler.triggers.size(); ++i) {
    const Trigger& t = s.scaler.triggers[i];
    item("bar", kColors[i % 5],
         fmt::format("{} {} (threshold {:g}{})", i, label_of(t), t.threshold,
                     t.activation > 0 ? fmt::format(", activation {:g}", t.activation) : ""));
  }
  item("bar", "#d62728", "threshold");
  item("box", "#bbbbbb", "zero replicas");
  item("box", "#ffcc80", "cold start");
}

} // namespace

void write_svg(std::ostream& out, const std::vector<Sim>& sims) {
  const Sim& s = sims[0];
  Frame f{s.run.ticks.empty() ? 1.0 : static_cast<double>(s.run.ticks.back().t)};
  double rep_top = kTop + kMetricH + kGap;
  double h = rep_top + kRepH + 40;
  out << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
                     "viewBox=\"0 0 {} {}\" font-family=\"DejaVu Sans, sans-serif\" "
                     "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
                     kW, h, kW, h);
  std::string title = esc(s.label + " — " + s.scaler.name);
  if (sims.size() > 1) {
    title += esc(" vs " + sims[1].label);
  }
  out << fmt::format("<text x=\"{}\" y=\"18\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                     kLeft, title);
  legend(out, sims);
  metric_panel(out, s, f);
  time_axis(out, f, kTop + kMetricH);
  int ymax = std::max(1, s.scaler.max);
  for (const auto& o : sims) {
    ymax = std::max({ymax, o.scaler.max, o.run.summary.peak_replicas});
  }
  shading(out, s, f, rep_top);
  out << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
                     "stroke=\"#999\"/>\n",
                     kLeft, rep_top, kW - kLeft - kRight, kRepH);
  for (int r = 0; r <= ymax; r += std::max(1, ymax / 5)) {
    out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", kLeft - 6,
                       rep_top + kRepH - kRepH * r / ymax + 4, r);
  }
  out << fmt::format("<text x=\"14\" y=\"{0:.1f}\" transform=\"rotate(-90 14 {0:.1f})\" "
                     "text-anchor=\"middle\">replicas</text>\n",
                     rep_top + kRepH / 2);
  replica_line(out, s, f, rep_top, ymax, "#000", "");
  if (sims.size() > 1) {
    replica_line(out, sims[1], f, rep_top, ymax, "#ff7f0e", " stroke-dasharray=\"8 4\"");
    out << fmt::format("<text x=\"{}\" y=\"{:.1f}\">black: {}   orange dashed: {}</text>\n", kLeft,
                       rep_top - 8, esc(s.label), esc(sims[1].label));
  }
  time_axis(out, f, rep_top + kRepH);
  out << "</svg>\n";
}

} // namespace isvc::simulate
