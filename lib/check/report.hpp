// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/evaluate.hpp"
#include "diag/diagnostic.hpp"
#include "diag/format_text.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace isvc::check {

/// One checked ScaledObject/HPA.
struct ObjectReport {
  std::string kind;
  std::string ns;
  std::string name;
  std::string file;
  Bounds bounds;
  int current = 0;
  int desired = 0;
  std::vector<TriggerReport> triggers;
  /// Position of each trigger in `file`.
  std::vector<model::Mark> marks;
};

struct Run {
  std::string prometheus;
  std::string at; ///< "" = the server's now
  std::vector<ObjectReport> objects;
  std::vector<diag::Diagnostic> findings;
};

/// A table, one row per trigger and a summary line per object, then the findings.
void write_text(std::ostream& out, const Run& run, const diag::SourceLookup& source);
/// The same as one JSON document.
void write_json(std::ostream& out, const Run& run);

} // namespace isvc::check
