// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace isvc::embedded {

/// One embedded schema in the form valijson compiles (written at build time by
/// cli/embed_schemas.cpp): its parts as split by validate/schema_split.hpp, part 0 the root.
struct SchemaParts {
  std::string_view file;
  const std::string_view* parts;
  std::size_t count;
};

/// In the order of k_schema_files (CMakeLists.txt, ISVC_SCHEMA_FILES).
extern const SchemaParts k_schema_compiled[];
extern const std::size_t k_schema_compiled_count;

} // namespace isvc::embedded
