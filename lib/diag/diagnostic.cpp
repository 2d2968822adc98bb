// SPDX-License-Identifier: Apache-2.0
#include "diag/diagnostic.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace isvc::diag {

std::string_view to_string(Severity s) {
  switch (s) {
  case Severity::note:
    return "note";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  if (text == "note" || text == "info") {
    out = Severity::note;
  } else if (text == "warning") {
    out = Severity::warning;
  } else if (text == "error") {
    out = Severity::error;
  } else {
    return false;
  }
  return true;
}

bool Sink::has_errors() const {
  return std::any_of(m_items.begin(), m_items.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

namespace {

// Moves the findings into the order `order` gives (order[i]: the one that goes to i), one
// cycle of the permutation at a time, with no second vector of findings.
void permute(std::vector<Diagnostic>& items, std::vector<std::size_t>& order) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (order[i] == i) {
      continue;
    }
    Diagnostic held = std::move(items[i]);
    std::size_t j = i;
    while (order[j] != i) {
      std::size_t from = order[j];
      items[j] = std::move(items[from]);
      order[j] = j;
      j = from;
    }
    items[j] = std::move(held);
    order[j] = j;
  }
}

} // namespace

void Sink::sort() {
  auto before = [](const Diagnostic& a, const Diagnostic& b) {
    // The more severe of two findings at one place wins (render's refusal over lint's warning).
    return std::tie(a.file, a.mark.line, a.mark.col, a.rule, b.severity) <
           std::tie(b.file, b.mark.line, b.mark.col, b.rule, a.severity);
  };
  // Stable: positions are sorted, not the findings, whose stable sort would take a buffer of
  // half of them (15 MiB for a 64k-document stream, usually in order already).
  if (!std::is_sorted(m_items.begin(), m_items.end(), before)) {
    std::vector<std::size_t> order(m_items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return before(m_items[a], m_items[b]); });
    permute(m_items, order);
  }
  // One piece of source text reached twice (an alias, `- *trigger`) is one finding: it
  // is fixed once, where it is written. So is one problem found twice at one place (two
  // schema branches, a rule and render's refusal forwarded by render-unrenderable): the
  // first reported is kept (stable sort), the parser's own message before the schema's.
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.doc, a.mark.line, a.mark.col, a.rule) ==
           std::tie(b.file, b.doc, b.mark.line, b.mark.col, b.rule);
  };
  m_items.erase(std::unique(m_items.begin(), m_items.end(), same), m_items.end());
}

} // namespace isvc::diag
