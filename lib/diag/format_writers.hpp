// SPDX-License-Identifier: Apache-2.0
#pragma once

// The writers behind diag::write_report, one file each (formats.cpp holds the table).

#include "diag/formats.hpp"

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace isvc::diag::detail {

/// Indented JSON; bytes that are not UTF-8 (a file named inv\xff.yaml) become U+FFFD
/// instead of failing with type_error.316.
std::string dump_json(const nlohmann::ordered_json& j);

/// Findings counted by severity (the JSON summary, Code Quality's severities).
struct Counts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t notes = 0;
};
Counts count(const std::vector<Diagnostic>& diagnostics);

void write_json(std::ostream& out, const Report& r);
void write_codequality(std::ostream& out, const Report& r);

} // namespace isvc::diag::detail
