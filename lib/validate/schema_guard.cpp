// SPDX-License-Identifier: Apache-2.0
#include "validate/schema_guard.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace isvc::validate {
namespace {

bool is_data_keyword(std::string_view key) {
  return key == "enum" || key == "const" || key == "default" || key == "examples";
}

void guard_one(nlohmann::json& schema) {
  auto it = schema.find("format");
  if (it == schema.end() || !it->is_string()) {
    return;
  }
  std::string format = it->get<std::string>();
  schema.erase(it);
  if (format != "date" && format != "time" && format != "date-time") {
    return;
  }
  nlohmann::json guarded = {{"if", {{"type", "string"}}}, {"then", {{"format", format}}}};
  schema["allOf"].push_back(std::move(guarded));
}

} // namespace

std::string cap_string(const std::string& s) { return s.substr(0, k_schema_string_cap) + '\x01'; }

// Post-order (the embedded schemas nest a few dozen levels), so a "then" it adds is never
// visited again.
void guard_formats(nlohmann::json& schema) {
  if (schema.is_object()) {
    for (auto& [key, value] : schema.items()) {
      if (!is_data_keyword(key)) {
        guard_formats(value);
      }
    }
    guard_one(schema);
  } else if (schema.is_array()) {
    for (auto& value : schema) {
      guard_formats(value);
    }
  }
}

void drop_property_names(nlohmann::json& schema) {
  if (schema.is_object()) {
    schema.erase("propertyNames");
    for (auto& [key, value] : schema.items()) {
      if (!is_data_keyword(key)) {
        drop_property_names(value);
      }
    }
  } else if (schema.is_array()) {
    for (auto& value : schema) {
      drop_property_names(value);
    }
  }
}

void cap_strings(nlohmann::json& target) {
  std::vector<nlohmann::json*> todo{&target};
  while (!todo.empty()) {
    nlohmann::json* node = todo.back();
    todo.pop_back();
    if (node->is_string()) {
      if (node->get_ref<const std::string&>().size() > k_schema_string_cap) {
        *node = cap_string(node->get_ref<const std::string&>());
      }
    } else if (node->is_array()) {
      for (auto& value : *node) {
        todo.push_back(&value);
      }
    } else if (node->is_object()) {
      bool long_key = false;
      for (const auto& [key, value] : node->items()) {
        long_key = long_key || key.size() > k_schema_string_cap;
      }
      if (long_key) {
        nlohmann::json copy = nlohmann::json::object();
        for (auto& [key, value] : node->items()) {
          copy[key.size() > k_schema_string_cap ? cap_string(key) : key] = std::move(value);
        }
        *node = std::move(copy);
      }
      for (auto& [key, value] : node->items()) {
        todo.push_back(&value);
      }
    }
  }
}

} // namespace isvc::validate
