// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace isvc::emit {

/// Ordered document tree: insertion order is output order.
using Doc = nlohmann::ordered_json;

/// One object to emit, with the `# Source:` it came from.
struct Object {
  Doc body;
  /// "<file>#<doc index>".
  std::string source;
};

/// Block-style YAML for one value; strings quoted per `needs_quotes`.
void write_yaml(std::ostream& out, const Doc& doc);

/// `text` fit for one comment line: control characters, YAML 1.1 line breaks
/// (U+0085, U+2028, U+2029) and backslashes escaped C-style.
std::string escape_comment(const std::string& text);

/// Objects as YAML documents joined by `---`, each after its `# Source:` line.
void write_yaml_stream(std::ostream& out, const std::vector<Object>& objects);

/// Objects as one `v1 List` JSON document.
void write_json_list(std::ostream& out, const std::vector<Object>& objects);

/// One object as indented JSON (a file of its own under --output-dir -o json).
void write_json(std::ostream& out, const Doc& doc);

} // namespace isvc::emit
