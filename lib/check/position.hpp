// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "check/triggers.hpp"
#include "model/node.hpp"

#include <string>

namespace isvc::check {

/// Where in a rendered InferenceService `t` comes from, as a JSON Pointer: the query of
/// spec.<component>.autoScaling.metrics[i] (render keeps their order), or the
/// isvc-scale.io/activation-preset or -query annotation for the trigger named "activation".
/// `isvc_name` names the InferenceService; the component is the object name's suffix.
std::string isvc_pointer(const Trigger& t, const std::string& isvc_name, const model::Node& root);

/// Where a trigger of a ScaledObject/HPA document given as input sits in it.
std::string object_pointer(const Trigger& t);

} // namespace isvc::check
