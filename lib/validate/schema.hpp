// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "validate/rule.hpp"

namespace isvc::validate {

/// JSON Schema validation (valijson) of every kind the tool knows, with the
/// embedded schemas compiled once per process and shared read-only.
class Schemas {
public:
  /// The process-wide instance (compiled on first use, thread-safe).
  static const Schemas& get();

  /// True if a schema exists for apiVersion/kind.
  bool knows(const parse::TypeMeta& tm) const;

  /// Validates one document; each error becomes a `schema-*` diagnostic at
  /// the offending node's line:column.
  void validate(const Subject& doc, diag::Sink& sink) const;

  Schemas();
  ~Schemas();
  Schemas(const Schemas&) = delete;
  Schemas& operator=(const Schemas&) = delete;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace isvc::validate
