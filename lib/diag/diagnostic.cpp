// SPDX-License-Identifier: Apache-2.0
#include "diag/diagnostic.hpp"

#include <algorithm>
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

void Sink::sort() {
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    // The more severe of two findings at one place wins (render's refusal over lint's warning).
    return std::tie(a.file, a.mark.line, a.mark.col, a.rule, b.severity) <
           std::tie(b.file, b.mark.line, b.mark.col, b.rule, a.severity);
  });
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
