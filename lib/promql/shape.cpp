// SPDX-License-Identifier: Apache-2.0
#include "promql/shape.hpp"

#include <cctype>

namespace isvc::promql {
namespace {

const Expr& bare(const Expr& e) {
  const Expr* p = &e;
  while (p->kind == Expr::Kind::paren && !p->args.empty()) {
    p = p->args.front().get();
  }
  return *p;
}

bool is_comparison(const std::string& op) {
  return op == ">" || op == "<" || op == ">=" || op == "<=" || op == "==" || op == "!=";
}

bool bool_comparison(const Expr& e) {
  const Expr& u = bare(e);
  return u.kind == Expr::Kind::binary && u.bool_modifier && is_comparison(u.name);
}

std::optional<std::size_t> find_counting(const Expr& e) {
  if (e.kind == Expr::Kind::aggregation && (e.name == "sum" || e.name == "count") &&
      !e.args.empty() && bool_comparison(*e.args.back())) {
    return e.offset;
  }
  for (const auto& a : e.args) {
    if (auto at = find_counting(*a)) {
      return at;
    }
  }
  return std::nullopt;
}

void collect_windows(const Expr& e, std::vector<RateWindow>& out) {
  bool rate_like = e.kind == Expr::Kind::call && (e.name == "rate" || e.name == "irate" ||
                                                  e.name == "increase" || e.name == "delta");
  for (const auto& a : e.args) {
    if (rate_like && a->kind == Expr::Kind::matrix) {
      if (auto s = duration_seconds(a->range)) {
        out.push_back(RateWindow{a->offset, a->name, a->range, *s});
      }
      continue;
    }
    collect_windows(*a, out);
  }
}

} // namespace

std::optional<double> duration_seconds(std::string_view text) {
  double total = 0;
  std::size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    double n = 0;
    std::size_t d = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    if (i == d) {
      return std::nullopt;
    }
    if (i == text.size()) {
      return any ? std::nullopt : std::optional<double>(n); // plain seconds
    }
    std::size_t u = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    std::string_view unit = text.substr(u, i - u);
    static constexpr std::pair<std::string_view, double> k_units[] = {
        {"ms", 0.001}, {"s", 1},      {"m", 60},      {"h", 3600},
        {"d", 86400},  {"w", 604800}, {"y", 31536000}};
    bool known = false;
    for (const auto& [name, factor] : k_units) {
      if (unit == name) {
        total += n * factor;
        known = true;
      }
    }
    if (!known) {
      return std::nullopt;
    }
    any = true;
  }
  return any ? std::optional<double>(total) : std::nullopt;
}

bool is_zero_one(const Expr& e) { return bool_comparison(e); }

std::optional<std::size_t> counts_series(const Expr& e) {
  if (is_zero_one(e)) {
    return std::nullopt;
  }
  return find_counting(e);
}

std::vector<RateWindow> rate_windows(const Expr& e) {
  std::vector<RateWindow> out;
  collect_windows(e, out);
  return out;
}

} // namespace isvc::promql
