// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/inference_service.hpp"

#include <map>
#include <string>

namespace isvc::kserve {

/// The `internal.serving.kserve.io/*` annotations a component reconciler adds to
/// the ISVC-level annotations (after the disallowed-list filter) before the
/// component's own annotations are merged over them: storage initializer source
/// URI, logger, batcher (predictor, transformer), storage spec and model agent
/// (predictor only). predictor.go buildPredictorResources, transformer.go, explainer.go.
std::map<std::string, std::string> internal_annotations(const model::InferenceService& isvc,
                                                        const model::Component& c);

} // namespace isvc::kserve
