// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/strings.hpp"
#include "validate/rule.hpp"

#include <optional>
#include <string>

namespace isvc::validate::keda {

inline const model::Node* at(const model::Node* n, const char* key) {
  return n != nullptr ? n->get(key) : nullptr;
}
inline std::string str(const model::Node* n) {
  return n != nullptr && n->is_scalar() ? n->value : std::string();
}
inline std::optional<std::int64_t> integer(const model::Node* n) {
  return n != nullptr && n->is_scalar() && !n->quoted ? util::parse_int(n->value) : std::nullopt;
}
inline const model::Node* spec(const Document& d) { return d.root().get("spec"); }
/// spec.triggers as a sequence, or nullptr.
inline const model::Node* triggers(const Document& d) {
  const auto* t = at(spec(d), "triggers");
  return t != nullptr && t->is_seq() ? t : nullptr;
}
/// Calls fn(index, trigger) for every entry of spec.triggers.
template <class Fn> void each_trigger(const Document& d, Fn&& fn) {
  if (const auto* ts = triggers(d)) {
    for (std::size_t i = 0; i < ts->items.size(); ++i) {
      fn(i, ts->items[i]);
    }
  }
}

inline bool resource_trigger(const model::Node& t) {
  std::string type = str(t.get("type"));
  return type == "cpu" || type == "memory";
}
/// JSON Pointer of spec.triggers[i] (+ "/key").
inline std::string trigger_ptr(std::size_t i, const char* key = nullptr) {
  std::string p = util::pointer_join("/spec/triggers", i);
  return key == nullptr ? p : util::pointer_join(p, key);
}
/// The workload a ScaledObject/HPA targets: "<ns>/<group/version.Kind>/<name>".
inline std::string workload(const Document& d, std::string* type_out = nullptr) {
  const auto* ref = at(spec(d), "scaleTargetRef");
  std::string api = str(at(ref, "apiVersion"));
  std::string kind = str(at(ref, "kind"));
  std::string type = (api.empty() ? "apps/v1" : api) + "." + (kind.empty() ? "Deployment" : kind);
  if (type_out != nullptr) {
    *type_out = type;
  }
  return d.ns() + "/" + type + "/" + str(at(ref, "name"));
}

} // namespace isvc::validate::keda
