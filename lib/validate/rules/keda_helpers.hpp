// SPDX-License-Identifier: Apache-2.0
// Readers for hand-written KEDA ScaledObjects and HPAs, which have no typed
// model: small accessors over the YAML node tree that tolerate any shape (the
// schema rules report wrong shapes; these rules just skip them).
#pragma once

#include "util/strings.hpp"
#include "validate/rule.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace isvc::validate::keda {

inline const model::Node* at(const model::Node* n, const char* key) {
  return n != nullptr ? n->get(key) : nullptr;
}
inline std::string str(const model::Node* n) {
  return n != nullptr && n->is_scalar() ? n->value : std::string();
}
/// A plain YAML integer; quoted numbers are strings (the schema rules report them).
inline std::optional<std::int64_t> integer(const model::Node* n) {
  return n != nullptr && n->is_scalar() && !n->quoted ? util::parse_int(n->value) : std::nullopt;
}
inline const model::Node* spec(const Subject& d) { return d.root().get("spec"); }
inline const model::Node* metadata(const Subject& d) { return d.root().get("metadata"); }
/// metadata.annotations[key], or nullptr.
inline const model::Node* annotation(const Subject& d, const char* key) {
  return at(at(metadata(d), "annotations"), key);
}
/// spec.triggers as a sequence, or nullptr.
inline const model::Node* triggers(const Subject& d) {
  const auto* t = at(spec(d), "triggers");
  return t != nullptr && t->is_seq() ? t : nullptr;
}
/// Calls fn(index, trigger) for every entry of spec.triggers.
template <class Fn> void each_trigger(const Subject& d, Fn&& fn) {
  if (const auto* ts = triggers(d)) {
    for (std::size_t i = 0; i < ts->items.size(); ++i) {
      fn(i, ts->items[i]);
    }
  }
}

/// True for a keda.sh document of `kind` (ScaledObject, ScaledJob, TriggerAuthentication...).
inline bool is_keda(const Subject& d, std::string_view kind) {
  return d.type.kind == kind && util::starts_with(d.type.api_version, "keda.sh/");
}

inline bool resource_trigger(const model::Node& t) {
  std::string type = str(t.get("type"));
  return type == "cpu" || type == "memory";
}
/// True if spec.triggers is non-empty and every trigger is cpu or memory: KEDA then has no
/// metric that exists at zero pods and no external metric a fallback could replace.
inline bool only_resource_triggers(const Subject& d) {
  const auto* ts = triggers(d);
  if (ts == nullptr || ts->items.empty()) {
    return false; // "no triggers defined" is its own error
  }
  for (const auto& t : ts->items) {
    if (!resource_trigger(t)) {
      return false;
    }
  }
  return true;
}
/// KEDA's IsUsingModifiers: spec.advanced.scalingModifiers differs from its zero value.
inline bool using_modifiers(const Subject& d) {
  const auto* sm = at(at(spec(d), "advanced"), "scalingModifiers");
  if (sm == nullptr || !sm->is_map()) {
    return false;
  }
  for (const auto& v : sm->items) {
    if (!v.is_null_value() && !(v.is_scalar() && v.value.empty())) {
      return true;
    }
  }
  return false;
}

/// JSON Pointer of spec.triggers[i] (+ "/key").
inline std::string trigger_ptr(std::size_t i, const char* key = nullptr) {
  std::string p = util::pointer_join("/spec/triggers", i);
  return key == nullptr ? p : util::pointer_join(p, key);
}

/// KEDA's GVKString for a scaleTargetRef: "group/version.Kind", apiVersion defaulting to
/// apps/v1 and kind to Deployment (apis/keda/v1alpha1/gvkr.go); the core group is "" so a
/// "v1" apiVersion gives "/v1.Kind".
inline std::string gvk_string(std::string api, std::string kind) {
  if (api.empty()) {
    api = "apps/v1";
  }
  if (kind.empty()) {
    kind = "Deployment";
  }
  if (api.find('/') == std::string::npos) {
    api = "/" + api;
  }
  return api + "." + kind;
}

/// The workload a ScaledObject/HPA targets: "<ns>/<group/version.Kind>/<name>".
inline std::string workload(const Subject& d, std::string* type_out = nullptr) {
  const auto* ref = at(spec(d), "scaleTargetRef");
  std::string type = gvk_string(str(at(ref, "apiVersion")), str(at(ref, "kind")));
  if (type_out != nullptr) {
    *type_out = type;
  }
  return d.scope() + "/" + type + "/" + str(at(ref, "name"));
}

/// spec.advanced.horizontalPodAutoscalerConfig.name, or nullptr.
inline const model::Node* custom_hpa_name(const Subject& d) {
  return at(at(at(spec(d), "advanced"), "horizontalPodAutoscalerConfig"), "name");
}
/// The HPA KEDA creates for a ScaledObject (getHpaName): the custom name if non-empty, else
/// keda-hpa-<name>.
inline std::string hpa_name(const Subject& d) {
  return plan::keda_hpa_name(d.name(), str(custom_hpa_name(d)));
}

} // namespace isvc::validate::keda
