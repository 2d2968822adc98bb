// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/node.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace isvc::parse {

/// A scalar as to_json types it; the schema adapter (validate/node_adapter.hpp) reads the
/// same decision.
struct TypedScalar {
  enum class Type : std::uint8_t { null, boolean, integer, number, string };
  Type type = Type::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
};

/// The type of a scalar or null node: quoted stays a string (the node's text), then
/// null, YAML 1.1 bools, integers, finite floats; anything else is a string.
TypedScalar type_scalar(const model::Node& n);

/// The JSON the Kubernetes API server would see for a YAML node
/// (sigs.k8s.io/yaml: YAML 1.1 bools, ints, floats, null; quoted scalars
/// stay strings). Map order is kept; for duplicate keys the last one wins.
nlohmann::ordered_json to_json(const model::Node& node);

} // namespace isvc::parse
