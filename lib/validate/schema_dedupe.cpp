// SPDX-License-Identifier: Apache-2.0
#include "validate/schema_dedupe.hpp"

#include "validate/schema_guard.hpp"
#include "validate/schema_patterns.hpp"
#include "validate/schema_split.hpp"

#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace isvc::validate {
namespace {

// A repeated subschema shorter than this stays inline. Sharing even `{"type":"string"}`
// (17 bytes) halves valijson's compile time: a cached `$ref` is cheaper to resolve than
// the ~40 keyword lookups of populating a subschema; `{}` and `{"type":"x"}` stay.
constexpr std::size_t k_min_shared_bytes = 16;

// A subschema that costs at least this much to compile (its text with the small $refs it uses
// expanded) is compiled only when a document reaches it (schema_split.hpp). Each part boundary
// costs validation a valijson visitor; callgrind, one-file InferenceService lint / lint -j1 of
// 440 files: 64 bytes 9.8 M / 1,122 M; 32 bytes 9.3 M / 1,127 M; 128 +0.5 M; 256 +1.6 M.
constexpr std::size_t k_min_part_bytes = 64;

// Calls `fn` on each subschema directly under `schema` (draft-07 keywords that hold
// schemas; data keywords such as enum and default are never entered).
void for_each_child(nlohmann::json& schema, const std::function<void(nlohmann::json&)>& fn) {
  for (auto& [key, value] : schema.items()) {
    if (key == "properties" || key == "patternProperties" || key == "definitions") {
      for (auto& sub : value) {
        fn(sub);
      }
    } else if (key == "allOf" || key == "anyOf" || key == "oneOf" ||
               (key == "items" && value.is_array())) {
      for (auto& sub : value) {
        fn(sub);
      }
    } else if (key == "items" || key == "additionalProperties" || key == "additionalItems" ||
               key == "not" || key == "if" || key == "then" || key == "else" || key == "contains" ||
               key == "propertyNames") {
      fn(value);
    } else if (key == "$ref") {
      throw std::invalid_argument("schema already uses $ref");
    }
  }
}

struct Deduper {
  std::map<std::string, std::size_t> count;   // canonical text -> occurrences
  std::map<std::string, std::string> name_of; // canonical text -> definition name
  nlohmann::json definitions = nlohmann::json::object();

  // std::map-backed nlohmann::json dumps keys sorted: equal text is equal schema.
  void tally(nlohmann::json& schema) {
    if (!schema.is_object()) {
      return;
    }
    ++count[schema.dump()];
    for_each_child(schema, [this](nlohmann::json& sub) { tally(sub); });
  }

  // Children first, so a definition's body refers to the definitions inside it.
  void rewrite_children(nlohmann::json& schema) {
    for_each_child(schema, [this](nlohmann::json& sub) { rewrite(sub); });
  }

  void rewrite(nlohmann::json& schema) {
    if (!schema.is_object()) {
      return;
    }
    std::string text = schema.dump();
    if (count[text] < 2 || text.size() < k_min_shared_bytes) {
      rewrite_children(schema);
      return;
    }
    auto [slot, inserted] = name_of.try_emplace(text);
    if (inserted) {
      slot->second = "s" + std::to_string(name_of.size());
      rewrite_children(schema);
      definitions[slot->second] = std::move(schema);
    }
    schema = nlohmann::json{{"$ref", "#/definitions/" + slot->second}};
  }
};

} // namespace

nlohmann::json dedupe_subschemas(const nlohmann::json& schema) {
  if (!schema.is_object() || schema.contains("definitions")) {
    throw std::invalid_argument("schema root is not an object or already has definitions");
  }
  nlohmann::json out = schema;
  Deduper d;
  d.tally(out);
  d.rewrite_children(out);
  if (!d.definitions.empty()) {
    out["definitions"] = std::move(d.definitions);
  }
  return out;
}

std::string prepare_schema(std::string_view text) {
  nlohmann::json schema = nlohmann::json::parse(text);
  guard_formats(schema);
  drop_property_names(schema);
  use_native_patterns(schema);
  return dedupe_subschemas(schema).dump();
}

} // namespace isvc::validate

namespace isvc::validate {

std::vector<std::string> prepare_schema_parts(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& part :
       split_schema(nlohmann::json::parse(prepare_schema(text)), k_min_part_bytes)) {
    out.push_back(part.dump());
  }
  return out;
}

} // namespace isvc::validate
