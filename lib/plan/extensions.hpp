// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "model/extensions.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace isvc::plan {

/// One annotation being read.
struct Reading {
  const model::InferenceService& isvc;
  const std::string& key;
  const model::Field<std::string>& value;
  model::Extensions& ext;
  diag::Sink& sink;
};

/// One known `isvc-scale.io/` annotation: key suffix, a one-line summary, the full text
/// man/isvc-scale-annotations.5 is generated from, whether only a KEDA ScaledObject reads
/// it, and the reader that checks the value and fills model::Extensions.
struct ExtensionKey {
  std::string_view key;
  std::string_view summary;
  std::string_view detail;
  bool keda_only;
  void (*read)(const Reading&);
};

/// Every `isvc-scale.io/` annotation, sorted by key.
const std::vector<ExtensionKey>& extension_keys();

/// The row for a key suffix (after `isvc-scale.io/`), or nullptr.
const ExtensionKey* find_extension_key(std::string_view sub);

/// Reads `isvc-scale.io/*` annotations. Unknown keys and bad values are
/// reported (rules isvc-unknown-annotation, isvc-annotation-value).
model::Extensions read_extensions(const model::InferenceService& isvc, diag::Sink& sink);

} // namespace isvc::plan
