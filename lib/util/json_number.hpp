// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace isvc::util {

/// The JSON number grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? (Go
/// encoding/json scanner.go): what KEDA reads a threshold or activationThreshold with
/// (json.Unmarshal; the otel add-on's strconv.ParseFloat accepts a superset). Hand-written,
/// linear: no std::regex on unbounded input.
bool is_json_number(std::string_view s);

/// A JSON number without a leading '-'.
bool is_non_negative_json_number(std::string_view s);

} // namespace isvc::util
