// SPDX-License-Identifier: Apache-2.0
#include "simulate/trace.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <sstream>

namespace isvc::simulate {
namespace {

constexpr int kMaxSeconds = 31 * 86400;

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (char c : line) {
    if (c == ',') {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r' && c != ' ' && c != '\t') {
      cell += c;
    }
  }
  cells.push_back(cell);
  return cells;
}

bool parse_number(const std::string& s, double& v) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  return ec == std::errc() && p == end && std::isfinite(v);
}

} // namespace

double Trace::at(std::size_t column, int time) const {
  auto it = std::upper_bound(t.begin(), t.end(), time);
  std::size_t i = it == t.begin() ? 0 : static_cast<std::size_t>(it - t.begin()) - 1;
  return rows[i][column];
}

bool parse_csv(const std::string& text, Trace& out, std::string& error) {
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') {
      continue;
    }
    auto cells = split_row(line);
    if (out.columns.empty()) {
      if (cells.size() < 2 || cells[0] != "t") {
        error = fmt::format("line {}: the header must be `t` and at least one column", lineno);
        return false;
      }
      out.columns.assign(cells.begin() + 1, cells.end());
      continue;
    }
    if (cells.size() != out.columns.size() + 1) {
      error = fmt::format("line {}: {} cells, the header has {}", lineno, cells.size(),
                          out.columns.size() + 1);
      return false;
    }
    double t = 0;
    if (!parse_number(cells[0], t) || t < 0 || t > kMaxSeconds || t != std::floor(t)) {
      error = fmt::format("line {} column 1: t must be whole seconds from 0 to {} (31 days), "
                          "got '{}'",
                          lineno, kMaxSeconds, cells[0]);
      return false;
    }
    if (!out.t.empty() && static_cast<int>(t) <= out.t.back()) {
      error = fmt::format("line {} column 1: t {} does not increase", lineno, cells[0]);
      return false;
    }
    std::vector<double> row;
    for (std::size_t c = 1; c < cells.size(); ++c) {
      double v = std::numeric_limits<double>::quiet_NaN();
      if (!cells[c].empty() && cells[c] != "error" && !parse_number(cells[c], v)) {
        error = fmt::format("line {} column {}: '{}' is not a number", lineno, c + 1, cells[c]);
        return false;
      }
      row.push_back(v);
    }
    out.t.push_back(static_cast<int>(t));
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty()) {
    error = "the trace has no rows";
    return false;
  }
  return true;
}

} // namespace isvc::simulate
