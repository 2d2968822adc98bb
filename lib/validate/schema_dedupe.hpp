// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::validate {

/// Rewrites every subschema that occurs more than once (the InferenceService CRD repeats
/// PodSpec and Container under predictor, transformer, explainer and each model format)
/// as a `$ref` to one entry of a root `definitions`, so valijson compiles it once.
/// Throws std::invalid_argument if the input already uses `$ref` or `definitions`.
nlohmann::json dedupe_subschemas(const nlohmann::json& schema);

/// The schema valijson compiles, from a schema file's text: formats guarded and
/// propertyNames dropped (schema_guard.hpp), known patterns made native (schema_patterns.hpp),
/// repeated subschemas deduplicated, dumped compact. (JSON text, not CBOR: nlohmann's from_cbor is
/// no faster than its parser on the deduplicated schema.)
std::string prepare_schema(std::string_view text);

/// prepare_schema's result split into the parts valijson compiles on first use
/// (schema_split.hpp), each dumped compact; [0] is the root.
std::vector<std::string> prepare_schema_parts(std::string_view text);

} // namespace isvc::validate
