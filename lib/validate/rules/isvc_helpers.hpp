// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kserve/component_meta.hpp"
#include "validate/rule.hpp"

#include <string>

namespace isvc::validate::isvc_rules {

/// Deployment mode after KServe's defaulter ("Standard", "Knative", "").
inline std::string mode(const Subject& d) { return d.plan->mode; }

/// The ISVC-level autoscalerClass annotation, or nullptr.
inline const model::Field<std::string>* class_annotation(const Subject& d) {
  return d.isvc->annotation(kserve::k_autoscaler_class);
}

/// The class KServe uses for a component (component annotation wins; absent = "hpa").
inline std::string component_class(const Subject& d, const model::Component& c) {
  const auto* cp = d.plan != nullptr ? d.plan->of(c) : nullptr; // plan::resolve decided it
  return cp != nullptr ? cp->meta.autoscaler_class
                       : kserve::component_meta(*d.isvc, c).autoscaler_class;
}

/// True if the engine that scales the component is KEDA (class or isvc-scale.io/autoscaler).
inline bool keda_scaled(const Subject& d, const model::Component& c) {
  const auto* cp = d.plan != nullptr ? d.plan->of(c) : nullptr;
  return cp != nullptr && cp->keda(); // plan::engine_for decided it, as render reads it
}

} // namespace isvc::validate::isvc_rules
