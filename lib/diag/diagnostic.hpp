// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/edit.hpp"
#include "diag/rule_id.hpp"
#include "model/node.hpp"
#include "util/boxed.hpp"
#include "util/shared_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::diag {

enum class Severity : std::uint8_t { note, warning, error };

/// "note", "warning", "error".
std::string_view to_string(Severity s);
/// Parses "note|info", "warning", "error"; false if unknown.
bool parse_severity(std::string_view text, Severity& out);

/// The object a finding belongs to (for JSON/SARIF output).
struct ObjectRef {
  /// Shared: nearly always one of a few (util::SharedText::known).
  util::SharedText api_version;
  util::SharedText kind;
  std::string ns;
  std::string name;
};

/// Why a finding is not reported: the annotation that silences it on its object.
struct Suppression {
  /// The annotation key (`ignore-check.isvc-scale.io/<rule>` or `.../all`) and its position.
  std::string annotation;
  model::Mark mark;
  /// The annotation's value: the reason.
  std::string justification;
};

/// One finding, always with a source position.
struct Diagnostic {
  /// Shared by the findings of one file.
  util::SharedText file;
  model::Mark mark;
  Severity severity = Severity::error;
  RuleId rule;
  std::string message;
  /// Mostly the rule's own fix, borrowed from the rule table.
  util::SharedText fix;
  /// JSON Pointer into the document ("" = whole document).
  std::string pointer;
  /// 0-based document index in the file; -1 for file-level problems.
  int doc = -1;
  ObjectRef object;
  /// The fix as an edit of the YAML, when the rule can make it (`lint --fix`); lint resolves
  /// it into `patches` while the text is at hand and then drops it.
  util::Boxed<Edit> edit;
  /// `edit` resolved against the file text (empty when it cannot be made safely).
  std::vector<Patch> patches;
  /// Set on a finding an in-file annotation silences (kept for SARIF's `suppressions`).
  util::Boxed<Suppression> suppression;
};

/// Collects diagnostics; lib code never prints.
class Sink {
public:
  void add(Diagnostic d) { m_items.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return m_items; }
  std::vector<Diagnostic>& items() { return m_items; }
  bool has_errors() const;
  std::size_t size() const { return m_items.size(); }
  /// Sort by file, line, column, rule (stable, deterministic output) and drop
  /// repeats of the same file, position, rule and message.
  void sort();

private:
  std::vector<Diagnostic> m_items;
};

} // namespace isvc::diag
