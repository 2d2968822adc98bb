// SPDX-License-Identifier: Apache-2.0
// --shape: `kind:args` segments joined by commas, played one after the other.
#include "simulate/trace.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <numbers>
#include <optional>
#include <random>

namespace isvc::simulate {
namespace {

constexpr int kMaxSeconds = 31 * 86400;

bool number(std::string_view s, double& v) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  return !s.empty() && ec == std::errc() && p == end && std::isfinite(v) && v >= 0;
}

// "90", "90s", "10m", "2h".
bool duration(std::string_view s, int& out) {
  int mult = 1;
  if (!s.empty() && (s.back() == 's' || s.back() == 'm' || s.back() == 'h')) {
    mult = s.back() == 'h' ? 3600 : s.back() == 'm' ? 60 : 1;
    s.remove_suffix(1);
  }
  double v = 0;
  if (!number(s, v) || v != std::floor(v) || v * mult > kMaxSeconds || v < 1) {
    return false;
  }
  out = static_cast<int>(v) * mult;
  return true;
}

// "A..B" or "A" (then B = A).
bool range(std::string_view s, double& a, double& b) {
  auto dots = s.find("..");
  if (dots == std::string_view::npos) {
    return number(s, a) && number(s, b);
  }
  return number(s.substr(0, dots), a) && number(s.substr(dots + 2), b);
}

// Poisson sample from mt19937 bits only (the standard fixes mt19937, not the distributions):
// Knuth's product of uniforms below 30, a rounded normal (Box-Muller) above.
double poisson(double lambda, std::mt19937& rng) {
  auto uniform = [&] { return (static_cast<double>(rng()) + 0.5) / 4294967296.0; };
  if (lambda <= 0) {
    return 0;
  }
  if (lambda < 30) {
    double limit = std::exp(-lambda);
    double p = uniform();
    int k = 0;
    while (p > limit) {
      p *= uniform();
      ++k;
    }
    return k;
  }
  double z = std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform());
  return std::max(0.0, std::round(lambda + std::sqrt(lambda) * z));
}

struct Segment {
  std::string kind;
  double a = 0;
  double b = 0;
  int seconds = 0;
};

double value_at(const Segment& s, int i) {
  double x = s.seconds > 1 ? static_cast<double>(i) / (s.seconds - 1) : 0;
  if (s.kind == "ramp") {
    return s.a + (s.b - s.a) * x;
  }
  if (s.kind == "spike") { // triangle up to a at the middle
    return s.a * (1 - std::abs(2 * x - 1));
  }
  if (s.kind == "diurnal") { // a at start and end, b at the middle
    return s.a + (s.b - s.a) * (1 - std::cos(2 * std::numbers::pi * x)) / 2;
  }
  return s.a; // step, idle
}

bool parse_segment(std::string_view item, Segment& seg, std::string& why) {
  auto colon = item.find(':');
  seg.kind = std::string(item.substr(0, colon));
  std::string_view args = colon == std::string_view::npos ? "" : item.substr(colon + 1);
  if (seg.kind == "idle") {
    return duration(args, seg.seconds) || (why = "idle:DURATION", false);
  }
  auto at = args.find('@');
  if (seg.kind != "step" && seg.kind != "ramp" && seg.kind != "spike" && seg.kind != "diurnal") {
    why = "a kind: idle, step, ramp, spike, diurnal or noise";
    return false;
  }
  bool ok = at != std::string_view::npos && duration(args.substr(at + 1), seg.seconds) &&
            range(args.substr(0, at), seg.a, seg.b);
  if (!ok) {
    why = seg.kind +
          (seg.kind == "step" || seg.kind == "spike" ? ":LOAD@DURATION" : ":FROM..TO@DURATION");
  }
  return ok;
}

} // namespace

bool parse_shape(const std::string& spec, Trace& out, std::string& error) {
  std::vector<Segment> segs;
  std::optional<std::uint32_t> seed;
  std::size_t pos = 0;
  int total = 0;
  while (pos <= spec.size()) {
    auto comma = spec.find(',', pos);
    std::string_view item = std::string_view(spec).substr(
        pos, comma == std::string::npos ? std::string::npos : comma - pos);
    std::string why;
    Segment seg;
    double s = 0;
    if (item.rfind("noise:", 0) == 0) {
      if (!number(item.substr(6), s) || s != std::floor(s) || s > 4294967295.0) {
        error = fmt::format("--shape at character {}: '{}' should be noise:SEED", pos + 1, item);
        return false;
      }
      seed = static_cast<std::uint32_t>(s);
    } else if (!parse_segment(item, seg, why)) {
      error = fmt::format("--shape at character {}: '{}' should be {}", pos + 1, item, why);
      return false;
    } else if ((total += seg.seconds) > kMaxSeconds) {
      error = fmt::format("--shape at character {}: longer than 31 days", pos + 1);
      return false;
    } else {
      segs.push_back(seg);
    }
    pos = comma == std::string::npos ? spec.size() + 1 : comma + 1;
  }
  if (segs.empty()) {
    error = "--shape has no segment";
    return false;
  }
  out = Trace{};
  out.columns = {"load"};
  std::mt19937 rng(seed.value_or(0));
  int t = 0;
  for (const auto& seg : segs) {
    for (int i = 0; i < seg.seconds; ++i) {
      double v = value_at(seg, i);
      out.t.push_back(t++);
      out.rows.push_back({seed ? poisson(v, rng) : v});
    }
  }
  return true;
}

} // namespace isvc::simulate
