// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/node.hpp"

#include <nlohmann/json.hpp>

namespace isvc::parse {

/// The JSON the Kubernetes API server would see for a YAML node
/// (sigs.k8s.io/yaml: YAML 1.1 bools, ints, floats, null; quoted scalars
/// stay strings). Map order is kept; for duplicate keys the last one wins.
nlohmann::ordered_json to_json(const model::Node& node);

} // namespace isvc::parse
