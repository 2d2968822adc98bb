// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/extensions.hpp"
#include "model/inference_service.hpp"

#include <optional>
#include <string>

namespace isvc::plan {

/// The model name a component's vLLM labels its series with (model_name), when the input
/// states it: isvc-scale.io/model-name, else the first name of a --served-model-name in the
/// `model:` args. Not the InferenceService name: KServe's huggingfaceserver builds the vLLM
/// engine from its own args (python/huggingfaceserver/huggingfaceserver/vllm/utils.py:67,
/// AsyncEngineArgs.from_cli_args) and --model_name={{.Name}} names only the KServe model
/// (vllm/vllm_model.py:115-118), so without --served-model-name vLLM labels its metrics with
/// the model id or path. nullopt when nothing states it, or for custom containers.
std::optional<std::string> served_model_name(const model::InferenceService& isvc,
                                             const model::Component& c,
                                             const model::Extensions* ext);

} // namespace isvc::plan
