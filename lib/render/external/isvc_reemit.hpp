// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "emit/emit.hpp"
#include "model/inference_service.hpp"

#include <map>
#include <string>

namespace isvc::render {

/// Annotations to set per component ("predictor", "transformer", "explainer").
using ComponentAnnotations = std::map<std::string, std::map<std::string, std::string>>;

/// The InferenceService as written, with `annotations` set on metadata (and
/// the autoscalerClass also on any component that overrides it), then
/// `components` set on spec.<component>.annotations; top-level and metadata
/// keys in Kubernetes order, labels/annotations sorted.
emit::Doc reemit_isvc(const model::InferenceService& isvc,
                      const std::map<std::string, std::string>& annotations,
                      const std::string& ns_override,
                      const ComponentAnnotations& components = {});

} // namespace isvc::render
