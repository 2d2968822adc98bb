// SPDX-License-Identifier: Apache-2.0
#include "validate/schema_split.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>

namespace isvc::validate {
namespace {

using nlohmann::json;

constexpr std::string_view k_definitions = "#/definitions/";

bool is_ref(const json& schema) {
  return schema.is_object() && schema.size() == 1 && schema.contains("$ref");
}

// Calls `fn` on each subschema directly under `schema` (the draft-07 keywords that hold
// schemas, as in schema_dedupe.cpp; `definitions` is emitted per part, never walked).
void for_each_child(json& schema, const std::function<void(json&)>& fn) {
  for (auto& [key, value] : schema.items()) {
    if (key == "properties" || key == "patternProperties" || key == "allOf" || key == "anyOf" ||
        key == "oneOf" || (key == "items" && value.is_array())) {
      for (auto& sub : value) {
        fn(sub);
      }
    } else if (key == "items" || key == "additionalProperties" || key == "additionalItems" ||
               key == "not" || key == "if" || key == "then" || key == "else" || key == "contains" ||
               key == "propertyNames") {
      fn(value);
    }
  }
}

using Names = std::set<std::string>;

struct Splitter {
  const json& defs;
  std::size_t min_bytes;
  std::vector<json> parts;                    // [0] is the root
  std::vector<Names> uses;                    // small definitions each part refers to
  std::map<std::string, std::size_t> part_of; // definition made a part
  std::map<std::string, json> small;          // definition kept as $ref -> rewritten body
  std::map<std::string, Names> small_uses;
  std::map<std::string, std::size_t> small_cost;

  static std::string name_of(const json& ref) {
    return ref["$ref"].get<std::string>().substr(k_definitions.size());
  }

  json lazy(std::size_t part) const { return json{{std::string(k_lazy_keyword), part}}; }

  // What valijson compiles when a rewritten subschema is reached: its text with the small
  // definitions it refers to expanded (a small $ref body can stand for a large tree; a lazy
  // part costs only its reference).
  std::size_t cost(json& schema) {
    std::size_t n = schema.dump().size();
    for_each_child(schema, [&](json& sub) {
      if (is_ref(sub)) {
        n = n - sub.dump().size() + small_cost.at(name_of(sub));
      } else if (sub.is_object()) {
        n = n - sub.dump().size() + cost(sub);
      }
    });
    return n;
  }

  std::size_t add_part(json body, Names refs) {
    parts.push_back(std::move(body));
    uses.push_back(std::move(refs));
    return parts.size() - 1;
  }

  // A definition is rewritten once; it stays a $ref if what it costs is small, else it
  // becomes a part.
  void place_def(json& ref, Names& refs) {
    std::string name = name_of(ref);
    if (part_of.count(name) == 0 && small.count(name) == 0) {
      json body = defs.at(name);
      Names own;
      rewrite_children(body, own);
      if (std::size_t c = cost(body); c < min_bytes) {
        small[name] = std::move(body);
        small_uses[name] = std::move(own);
        small_cost[name] = c;
      } else {
        part_of[name] = add_part(std::move(body), std::move(own));
      }
    }
    if (auto found = part_of.find(name); found != part_of.end()) {
      ref = lazy(found->second);
    } else {
      refs.insert(name);
    }
  }

  // Children first: a subschema that is still large once its own large children have
  // moved out becomes a part; small definitions it uses are listed in `refs`.
  void rewrite_children(json& schema, Names& refs) {
    for_each_child(schema, [&](json& sub) {
      if (!sub.is_object()) {
        return;
      }
      if (is_ref(sub)) {
        place_def(sub, refs);
        return;
      }
      Names own;
      rewrite_children(sub, own);
      if (cost(sub) < min_bytes) {
        refs.insert(own.begin(), own.end());
      } else {
        sub = lazy(add_part(std::move(sub), std::move(own)));
      }
    });
  }

  // Each part gets the small definitions it refers to, directly or through another.
  void attach_definitions(std::size_t at) {
    Names all;
    std::vector<std::string> todo(uses[at].begin(), uses[at].end());
    while (!todo.empty()) {
      std::string name = todo.back();
      todo.pop_back();
      if (all.insert(name).second) {
        todo.insert(todo.end(), small_uses[name].begin(), small_uses[name].end());
      }
    }
    for (const auto& name : all) {
      parts[at]["definitions"][name] = small.at(name);
    }
  }
};

} // namespace

std::vector<json> split_schema(const json& deduped, std::size_t min_bytes) {
  json root = deduped;
  json defs = json::object();
  if (auto it = root.find("definitions"); it != root.end()) {
    defs = std::move(*it);
    root.erase("definitions");
  }
  if (root.contains(k_lazy_keyword)) {
    throw std::invalid_argument("schema already uses " + std::string(k_lazy_keyword));
  }
  Splitter s{defs, min_bytes, {}, {}, {}, {}, {}, {}};
  s.add_part(json(), {});
  Names refs;
  s.rewrite_children(root, refs);
  s.parts[0] = std::move(root);
  s.uses[0] = std::move(refs);
  for (std::size_t at = 0; at < s.parts.size(); ++at) {
    s.attach_definitions(at);
  }
  return std::move(s.parts);
}

} // namespace isvc::validate
