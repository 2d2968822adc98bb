// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "emit/emit.hpp"

#include <string>
#include <vector>

namespace isvc::app {

/// A JSON Pointer into `item` as a KRM field path: "/spec/containers/0/image" ->
/// "spec.containers[0].image" (indexes only where `item` holds an array).
std::string field_path(const emit::Doc& item, const std::string& pointer);

/// One finding as a KRM function result (kustomize kyaml/fn/framework/result.go: message,
/// severity error|warning|info, resourceRef, field.path, file.path/index, tags). `item` is the
/// object it belongs to, or null for findings on no object.
emit::Doc krm_result(const diag::Diagnostic& d, const emit::Doc* item);

/// The result as one line for stderr: "error: v1 Kind ns/name: field: message [rule]".
std::string result_line(const emit::Doc& result);

} // namespace isvc::app
