// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "model/node.hpp"

#include <string>
#include <vector>

namespace isvc::parse {

/// One YAML document of a file.
struct Document {
  model::Node root;
  /// 0-based index in the file, empty documents included. An item of a `kind: List`
  /// document gets an index of its own past every real one (k_list_item_base and up).
  int index = 0;
  /// For a List item: the List document's index and the item's pointer in it ("/items/2").
  int source_index = 0;
  std::string pointer_base;

  /// How output names this document: "3", or "0/items/2" for a List item.
  std::string ref() const;
};

/// First index given to the items of `kind: List` documents.
inline constexpr int k_list_item_base = 1 << 20;

/// A file read once: its text (for caret lines) and its parsed documents.
struct LoadedFile {
  std::string path;
  std::string text;
  std::vector<Document> docs;
  /// False if a syntax error stopped parsing (docs holds those before it).
  bool complete = true;
};

/// Parses every document of `text`. Syntax errors, duplicate keys and alias
/// bombs become diagnostics (rules yaml-syntax, yaml-duplicate-key); parsing
/// stops at the first syntax error, keeping the documents before it.
/// Null-valued map entries are dropped (Kubernetes treats them as absent);
/// null list items and null documents are kept.
LoadedFile load_yaml(std::string path, std::string text, diag::Sink& sink);

} // namespace isvc::parse
