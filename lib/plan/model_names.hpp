// SPDX-License-Identifier: Apache-2.0
// The two model names of a vLLM InferenceService: the one clients send (and the
// production-stack router labels `model`) and the one vLLM labels its own metrics with
// (`model_name`). Under KServe's huggingface runtime they differ.
#pragma once

#include "model/extensions.hpp"
#include "model/inference_service.hpp"

#include <string>

namespace isvc::plan {

struct ModelNames {
  /// The OpenAI API model name clients send: isvc-scale.io/model-name, else derived from the
  /// runtime and args (--served-model-name, --model_name), else the InferenceService name.
  std::string api;
  /// vLLM's `model_name` label value; "" when it cannot tell this service apart from another
  /// (a local path such as /mnt/models, or a runtime whose arguments are not visible).
  std::string engine;
  /// Where `engine` comes from (e.g. "--model_id"), or why it is "" (a sentence).
  std::string source;
};

/// Derives both names for component `c` (see model_names.cpp for the table and its sources).
ModelNames model_names(const model::InferenceService& isvc,
                       const model::Component& c,
                       const model::Extensions* ext);

/// The value of the last `--flag=v` / `--flag v` in `args` (dashes and underscores in the flag
/// name are the same), "" when absent.
std::string last_flag(const std::vector<std::string>& args, std::string_view flag);

} // namespace isvc::plan
