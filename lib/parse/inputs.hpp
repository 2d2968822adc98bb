// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "util/mapped_file.hpp"

#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::parse {

/// Expands command-line paths: files as given, directories recursively
/// (`*.yaml`, `*.yml`, sorted), `-` for stdin. Missing paths become
/// diagnostics (rule io-unreadable). A file reached twice is kept once, first place wins.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths, diag::Sink& sink);

/// Removes the files (never `-`) that one of `globs` matches, itself or through one of its
/// directories, as a path relative to `base`; files outside `base` are kept.
void drop_excluded(std::vector<std::string>& files,
                   const std::vector<std::string>& globs,
                   const std::string& base);

/// A file whose processing failed (out of memory, a bug): rule io-unreadable at 1:1
/// naming `why`, so the other files' findings are kept and the exit code is 2.
void unprocessable(const std::string& path, const std::string& why, diag::Sink& sink);

/// Reads a file (or stdin for "-"); false + diagnostic if unreadable.
bool read_input(const std::string& path,
                std::istream& stdin_stream,
                std::string& out,
                diag::Sink& sink);

/// An input's text: read into a string, or, for a large regular file, mapped so that its
/// reader can give back the part it is done with.
struct InputText {
  std::string owned;
  util::MappedFile mapped;

  std::string_view view() const { return mapped.mapped() ? mapped.view() : owned; }
  /// The reader is done with the bytes before `offset` (a no-op for a string).
  void release_before(std::size_t offset) { mapped.release_before(offset); }
};

/// read_input into `out`, mapping a regular file of 1 MiB or more instead of reading it.
bool read_input(const std::string& path,
                std::istream& stdin_stream,
                InputText& out,
                diag::Sink& sink);

} // namespace isvc::parse
