// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "model/extensions.hpp"

namespace isvc::parse {

/// Reads `isvc-scale.io/*` annotations. Unknown keys and bad values are
/// reported (rules isvc-unknown-annotation, isvc-annotation-value).
model::Extensions read_extensions(const model::InferenceService& isvc, diag::Sink& sink);

} // namespace isvc::parse
