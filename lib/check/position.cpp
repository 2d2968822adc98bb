// SPDX-License-Identifier: Apache-2.0
#include "check/position.hpp"

#include "validate/rule.hpp"

#include <fmt/format.h>

namespace isvc::check {

std::string isvc_pointer(const Trigger& t, const std::string& isvc_name, const model::Node& root) {
  if (t.name == "activation") {
    std::string preset = "/metadata/annotations/isvc-scale.io~1activation-preset";
    return validate::node_at(root, preset) != nullptr
               ? preset
               : "/metadata/annotations/isvc-scale.io~1activation-query";
  }
  std::string component = "predictor";
  if (t.object.size() > isvc_name.size() + 1 &&
      t.object.compare(0, isvc_name.size(), isvc_name) == 0) {
    component = t.object.substr(isvc_name.size() + 1);
  }
  return fmt::format("/spec/{}/autoScaling/metrics/{}/external/metric/query", component, t.index);
}

std::string object_pointer(const Trigger& t) {
  return t.kind == "ScaledObject" && !t.query.empty() ? t.pointer + "/metadata/query" : t.pointer;
}

} // namespace isvc::check
