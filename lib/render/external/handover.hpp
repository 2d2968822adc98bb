// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan/plan.hpp"
#include "render/external/isvc_reemit.hpp"
#include "render/render.hpp"

#include <map>
#include <string>

namespace isvc::render {

/// The annotations the re-emitted InferenceService gets so KServe leaves scaling to
/// isvc-scale (autoscalerClass external, the engine per component, Standard when unset),
/// with the notes on switching a running service over.
std::map<std::string, std::string>
handover(const plan::Plan& plan, Result& out, ComponentAnnotations& per_component);

/// A note per vllm-* preset that matches this service's pods instead of model_name.
void note_pod_scoped(const plan::Plan& plan, Result& out);

} // namespace isvc::render
