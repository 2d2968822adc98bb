// SPDX-License-Identifier: Apache-2.0
#include "model/node.hpp"

namespace isvc::model {

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::map) {
    return nullptr;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].first == key) {
      return &items[i];
    }
  }
  return nullptr;
}

Mark Node::key_mark(std::string_view key) const {
  for (const auto& [k, m] : keys) {
    if (k == key) {
      return m;
    }
  }
  return mark;
}

bool Node::is_null_value() const {
  if (kind == Kind::null) {
    return true;
  }
  if (kind != Kind::scalar || quoted) {
    return false;
  }
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

std::string_view describe(const Node& node) {
  switch (node.kind) {
  case Node::Kind::null:
    return "null";
  case Node::Kind::scalar:
    return "a scalar";
  case Node::Kind::seq:
    return "a list";
  case Node::Kind::map:
    return "a mapping";
  }
  return "?";
}

} // namespace isvc::model
