// SPDX-License-Identifier: Apache-2.0
#include "util/spellcheck.hpp"

#include <algorithm>
#include <numeric>

namespace isvc::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string closest(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::size_t best = std::max<std::size_t>(2, word.size() / 3) + 1;
  std::string_view pick;
  for (auto c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      pick = c;
    }
  }
  return std::string(pick);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string c = closest(word, candidates);
  return c.empty() ? std::string() : " (did you mean '" + c + "'?)";
}

} // namespace isvc::util
