// SPDX-License-Identifier: Apache-2.0
// The round-trip property shared by the fuzz target and the corpus dump: a
// JSON tree written by emit::write_yaml comes back identical (same structure,
// same strings, same numbers) through this project's kubectl-like loader and
// through yaml-cpp (a YAML 1.2 reader); PyYAML (YAML 1.1) checks the dumped
// pairs in tests/fuzz/check_pyyaml.py.
#pragma once

#include "emit/emit.hpp"

#include <functional>
#include <optional>
#include <string>

namespace isvc::fuzz {

/// Empty if `yaml` (emitted from `expected`) reads back as `expected`; else why not.
std::optional<std::string> check_round_trip(const emit::Doc& expected, const std::string& yaml);

/// Every tree the round trip covers for one input: each document as the JSON kubectl would
/// send, and each object render builds from an InferenceService, in both modes.
void for_each_emitted(const std::string& text, const std::function<void(const emit::Doc&)>& fn);

} // namespace isvc::fuzz
