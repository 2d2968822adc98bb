// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace isvc::validate {

/// The keyword that stands for a whole subschema compiled on first use
/// (validate/schema_lazy.hpp): `{"x-isvc-lazy": N}` is part N of the same schema.
inline constexpr std::string_view k_lazy_keyword = "x-isvc-lazy";

/// Splits a deduplicated schema (schema_dedupe.hpp) into parts that valijson compiles
/// separately: part 0 is the root; every definition, and every other subschema, whose text
/// with its `$ref`s expanded is at least `min_bytes` long becomes its own part, referred to as
/// {"x-isvc-lazy": N}. Each part carries, as its own `definitions`, the smaller shared subschemas
/// it refers to with
/// `$ref`. A one-file lint then compiles only the parts its document reaches (the
/// InferenceService CRD's PodSpec and Container are repeated under every component).
std::vector<nlohmann::json> split_schema(const nlohmann::json& deduped, std::size_t min_bytes);

} // namespace isvc::validate
