// SPDX-License-Identifier: Apache-2.0
#include "util/quantity.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace isvc::util {
namespace {

enum class Format { binary, decimal, exponent };

struct Parsed {
  std::string digits; // mantissa digits without the dot
  int scale = 0;      // digits * 10^-scale
  bool negative = false;
  Format format = Format::decimal;
  int exp10 = 0; // decimal suffix or exponent
  int exp2 = 0;  // binary suffix (multiples of 10)
};

std::optional<Parsed> parse(std::string_view s) {
  Parsed p;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    p.negative = s[i] == '-';
    ++i;
  }
  bool any = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      p.digits += c;
      any = true;
      if (dot) {
        ++p.scale;
      }
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!any) {
    return std::nullopt;
  }
  std::string_view suffix = s.substr(i);
  static constexpr std::array<std::pair<std::string_view, int>, 6> k_bin = {
      {{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}};
  static constexpr std::array<std::pair<std::string_view, int>, 9> k_dec = {{{"n", -9},
                                                                             {"u", -6},
                                                                             {"m", -3},
                                                                             {"", 0},
                                                                             {"k", 3},
                                                                             {"M", 6},
                                                                             {"G", 9},
                                                                             {"T", 12},
                                                                             {"P", 15}}};
  for (auto [name, e] : k_bin) {
    if (suffix == name) {
      p.format = Format::binary;
      p.exp2 = e;
      return p;
    }
  }
  for (auto [name, e] : k_dec) {
    if (suffix == name) {
      p.exp10 = e;
      return p;
    }
  }
  if (suffix == "E") {
    p.exp10 = 18;
    return p;
  }
  if (!suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::string_view ex = suffix.substr(1);
    bool neg = false;
    if (!ex.empty() && (ex[0] == '+' || ex[0] == '-')) {
      neg = ex[0] == '-';
      ex.remove_prefix(1);
    }
    if (ex.empty() || ex.size() > 3) {
      return std::nullopt;
    }
    int v = 0;
    for (char c : ex) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return std::nullopt;
      }
      v = v * 10 + (c - '0');
    }
    p.format = Format::exponent;
    p.exp10 = neg ? -v : v;
    return p;
  }
  return std::nullopt;
}

double mantissa(const Parsed& p) {
  // strtod saturates to HUGE_VAL instead of throwing on absurd inputs.
  double m = std::strtod(p.digits.c_str(), nullptr) / std::pow(10.0, p.scale);
  return p.negative ? -m : m;
}

} // namespace

std::optional<double> quantity_value(std::string_view text) {
  auto p = parse(text);
  if (!p) {
    return std::nullopt;
  }
  double m = mantissa(*p);
  return p->format == Format::binary ? std::ldexp(m, p->exp2) : m * std::pow(10.0, p->exp10);
}

std::optional<std::string> canonical_quantity(std::string_view text) {
  auto p = parse(text);
  if (!p) {
    return std::nullopt;
  }
  std::string sign = p->negative ? "-" : "";
  // Exact integer arithmetic where it fits; Kubernetes works on int64 + scale too.
  if (p->format == Format::binary) {
    double bytes = std::ldexp(mantissa(*p), p->exp2);
    if (std::fabs(bytes - std::round(bytes)) < 1e-9 && std::fabs(bytes) < 9e18) {
      auto v = static_cast<std::int64_t>(std::llround(std::fabs(bytes)));
      static constexpr std::array<const char*, 7> k_suffix = {"",   "Ki", "Mi", "Gi",
                                                              "Ti", "Pi", "Ei"};
      std::size_t k = 0;
      while (v != 0 && v % 1024 == 0 && k + 1 < k_suffix.size()) {
        v /= 1024;
        ++k;
      }
      return sign + std::to_string(v) + k_suffix[k];
    }
  }
  // Decimal: value = digits * 10^(exp10 - scale); strip trailing zeros into the exponent.
  std::string digits = p->digits;
  int exp = p->exp10 - p->scale;
  if (p->format == Format::binary) {
    // Not an integral number of bytes: Kubernetes falls back to decimal milli-units.
    double v = std::ldexp(mantissa(*p), p->exp2);
    digits = std::to_string(std::llround(std::fabs(v) * 1000));
    exp = -3;
  }
  while (digits.size() > 1 && digits.front() == '0') {
    digits.erase(digits.begin());
  }
  if (digits == "0") {
    return std::string("0");
  }
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exp;
  }
  // Round the exponent down to a multiple of 3, padding digits with zeros.
  int e3 = exp >= 0 ? (exp / 3) * 3 : -((-exp + 2) / 3) * 3;
  digits.append(static_cast<std::size_t>(exp - e3), '0');
  if (e3 < -9) {
    // Kubernetes rounds sub-nano values up to 1n.
    return sign + "1n";
  }
  if (p->format == Format::exponent) {
    return sign + digits + (e3 == 0 ? "" : "e" + std::to_string(e3));
  }
  static constexpr std::array<std::pair<int, const char*>, 10> k_dec = {{{-9, "n"},
                                                                         {-6, "u"},
                                                                         {-3, "m"},
                                                                         {0, ""},
                                                                         {3, "k"},
                                                                         {6, "M"},
                                                                         {9, "G"},
                                                                         {12, "T"},
                                                                         {15, "P"},
                                                                         {18, "E"}}};
  for (auto [e, name] : k_dec) {
    if (e == e3) {
      return sign + digits + name;
    }
  }
  // Larger than exa: keep the exponent form.
  return sign + digits + "e" + std::to_string(e3);
}

} // namespace isvc::util
