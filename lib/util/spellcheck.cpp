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

namespace {

// closest()'s reach: short words allow two edits, longer ones a third of their length.
std::size_t reach(std::string_view word) { return std::max<std::size_t>(2, word.size() / 3); }

// No fewer edits than the lengths differ by: most candidates are ruled out without the
// quadratic table (an unknown 30 KB key against a schema's field names).
std::size_t length_gap(std::string_view a, std::string_view b) {
  return a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
}

} // namespace

std::string closest(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::size_t best = reach(word) + 1;
  std::string_view pick;
  for (auto c : candidates) {
    if (length_gap(word, c) >= best) {
      continue;
    }
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      pick = c;
    }
  }
  return std::string(pick);
}

std::string sole_correction(std::string_view word,
                            const std::vector<std::string_view>& candidates) {
  std::string_view pick;
  std::size_t close = 0;
  for (auto c : candidates) {
    if (c == word) {
      return {}; // not misspelt
    }
    if (c != pick && length_gap(word, c) <= reach(word) && edit_distance(word, c) <= reach(word)) {
      pick = c;
      ++close;
    }
  }
  return close == 1 ? std::string(pick) : std::string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string c = closest(word, candidates);
  return c.empty() ? std::string() : " (did you mean '" + c + "'?)";
}

} // namespace isvc::util
