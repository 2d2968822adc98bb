// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "emit/emit.hpp"
#include "plan/activation.hpp"

namespace isvc::render {

/// The KEDA trigger that wakes the service and keeps one replica while
/// requests flow: value 1 while active, threshold 1, AverageValue.
emit::Doc activation_trigger(const plan::Activation& a);

} // namespace isvc::render
