// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kserve/component_meta.hpp"
#include "validate/rule.hpp"

#include <string>

namespace isvc::validate::isvc_rules {

/// Deployment mode after KServe's defaulter ("Standard", "Knative", "").
inline std::string mode(const Document& d) { return kserve::deployment_mode(*d.isvc, d.config); }

/// The ISVC-level autoscalerClass annotation, or nullptr.
inline const model::Field<std::string>* class_annotation(const Document& d) {
  return d.isvc->annotation(kserve::k_autoscaler_class);
}

/// The class KServe uses for a component (component annotation wins; absent = "hpa").
inline std::string component_class(const Document& d, const model::Component& c) {
  return kserve::component_meta(*d.isvc, c).autoscaler_class;
}

/// Where to point for the class: the annotation if written, else the component.
inline model::Mark class_mark(const Document& d, const model::Component& c) {
  auto it = c.annotations.find(kserve::k_autoscaler_class);
  if (it != c.annotations.end()) {
    return it->second.mark;
  }
  const auto* a = class_annotation(d);
  return a != nullptr ? a->mark : c.mark;
}

/// True if the engine that scales the component is KEDA (class or isvc-scale.io/autoscaler).
inline bool keda_scaled(const Document& d, const model::Component& c) {
  // On the component it wins, as render reads it (and writes it for mixed engines).
  auto own = c.annotations.find("isvc-scale.io/autoscaler");
  if (own != c.annotations.end() && (*own->second == "keda" || *own->second == "hpa")) {
    return *own->second == "keda";
  }
  if (d.ext != nullptr && d.ext->autoscaler) {
    return *d.ext->autoscaler == "keda";
  }
  return component_class(d, c) == "keda";
}

} // namespace isvc::validate::isvc_rules
