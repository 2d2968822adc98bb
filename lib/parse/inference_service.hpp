// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "model/inference_service.hpp"
#include "parse/yaml_loader.hpp"

namespace isvc::parse {

/// apiVersion/kind of a document ("" when absent or not a string).
struct TypeMeta {
  std::string api_version;
  std::string kind;
};
TypeMeta type_meta(const model::Node& root);

/// True for serving.kserve.io/v1beta1 InferenceService documents.
bool is_inference_service(const model::Node& root);

/// Reads the autoscaling surface of an InferenceService. Values of the wrong
/// type are reported (rule schema-type) and left unset. `doc.root` must
/// outlive the result (fields point into it).
model::InferenceService
read_inference_service(const std::string& file, const Document& doc, diag::Sink& sink);

} // namespace isvc::parse
