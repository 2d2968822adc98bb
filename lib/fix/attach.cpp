// SPDX-License-Identifier: Apache-2.0
#include "fix/attach.hpp"

#include "fix/line_index.hpp"
#include "fix/resolve.hpp"

#include <map>
#include <memory>
#include <optional>

namespace isvc::fix {

void attach_patches(std::vector<diag::Diagnostic>& diagnostics, const diag::SourceLookup& source) {
  std::map<std::string, std::unique_ptr<LineIndex>, std::less<>> indexes;
  for (auto& d : diagnostics) {
    if (!d.edit) {
      continue;
    }
    auto at = indexes.find(d.file.view());
    if (at == indexes.end()) {
      at = indexes.emplace(d.file.str(), std::make_unique<LineIndex>(source(d.file))).first;
    }
    auto& ix = at->second;
    d.patches = resolve(*d.edit, *ix);
  }
}

void attach_patches(std::span<diag::Diagnostic> diagnostics,
                    std::string_view text,
                    const util::LineIndex& lines) {
  std::optional<LineIndex> ix; // made on the first edit
  for (auto& d : diagnostics) {
    if (!d.edit) {
      continue;
    }
    if (!ix) {
      ix.emplace(text, lines);
    }
    d.patches = resolve(*d.edit, *ix);
  }
}

} // namespace isvc::fix
