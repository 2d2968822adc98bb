// SPDX-License-Identifier: Apache-2.0
#include "model/inference_service.hpp"

namespace isvc::model {

const char* to_string(ComponentKind kind) {
  switch (kind) {
  case ComponentKind::predictor:
    return "predictor";
  case ComponentKind::transformer:
    return "transformer";
  case ComponentKind::explainer:
    return "explainer";
  }
  return "predictor";
}

const Field<std::string>* InferenceService::annotation(const std::string& key) const {
  auto it = annotations.find(key);
  return it == annotations.end() ? nullptr : &it->second;
}

} // namespace isvc::model
