// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::model {

/// 1-based source position; line 0 means "unknown".
struct Mark {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
};

/// One YAML node with its source position. Maps keep input order and every
/// key (duplicates are reported by the loader, not silently merged).
struct Node {
  enum class Kind : std::uint8_t { null, scalar, seq, map };

  Kind kind = Kind::null;
  /// True for quoted/block scalars and explicit !!str: always a string.
  bool quoted = false;
  Mark mark;
  std::string value;
  /// Sequence items, or map values (parallel to `keys`).
  std::vector<Node> items;
  /// Map keys with their own positions.
  std::vector<std::pair<std::string, Mark>> keys;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_seq() const { return kind == Kind::seq; }
  bool is_map() const { return kind == Kind::map; }

  /// Value of `key` in a map, or nullptr.
  const Node* get(std::string_view key) const;
  /// Position of `key` itself in a map (the key token), or this node's mark.
  Mark key_mark(std::string_view key) const;
  /// Plain scalar spelled null/~/Null/NULL or an empty node.
  bool is_null_value() const;
};

/// Kind names for messages ("a mapping", "a string", ...).
std::string_view describe(const Node& node);

} // namespace isvc::model
