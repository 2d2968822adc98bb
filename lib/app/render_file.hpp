// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "parse/yaml_loader.hpp"
#include "render/render.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace isvc::app {

/// One input text, parsed and rendered (render, krm and --post-render share it).
struct RenderedFile {
  parse::LoadedFile file;
  render::Result result;
  diag::Sink sink;
};

/// Parses `text`, checks every InferenceService against its strict schema and renders it.
/// With `include_input`, documents of other kinds (and InferenceServices render leaves
/// alone) are passed on among the objects.
void render_file(const render::Options& opts,
                 bool include_input,
                 std::string path,
                 std::string text,
                 RenderedFile& out);

/// The string at `key` of an object, or "".
std::string string_at(const emit::Doc& obj, const char* key);

/// `apiVersion kind [ns/]name` of an object, or "" when it has no string metadata.name.
std::string identity(const emit::Doc& body);

/// Two objects with one identity would be applied twice, the second silently winning.
/// Returns the message naming both sources, or "".
std::string duplicate(const std::vector<emit::Object>& objects);

/// Diagnostics that mean the input was never read or parsed (exit code 2, not 1).
bool is_input_error(const diag::Diagnostic& d);

/// Writes every diagnostic (with carets) and then the notes to `err`. Returns 0 when none is
/// an error, 2 when an input was unreadable or unparsable, else 1 (render refused).
int write_diagnostics(const diag::Sink& top, std::vector<RenderedFile>& results, std::ostream& err);

} // namespace isvc::app
