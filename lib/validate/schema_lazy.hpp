// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <valijson/schema.hpp>
#include <vector>

namespace isvc::validate {

/// A schema split by split_schema (schema_split.hpp), each part compiled by valijson on
/// first use: part 0 when root() is first called, every other part when validation first
/// reaches a {"x-isvc-lazy": N} in place of it. Validating against it reports exactly what
/// validating against the unsplit schema reports (same messages, same contexts, same order),
/// because a lazy part is validated by a valijson visitor with the caller's context and
/// result sink. Parts are compiled once per process, thread-safely; nothing is freed.
class LazySchema {
public:
  explicit LazySchema(std::vector<std::string_view> parts);
  ~LazySchema();
  LazySchema(const LazySchema&) = delete;
  LazySchema& operator=(const LazySchema&) = delete;

  /// Part 0, for valijson::Validator::validate; the validator must use strict types (its
  /// default), as the lazy parts do.
  const valijson::Schema& root() const { return part(0); }
  const valijson::Schema& part(std::size_t index) const;

  /// How many parts there are, and how many have been compiled (for tests and benchmarks).
  std::size_t size() const;
  std::size_t compiled() const;

private:
  struct Part;
  std::unique_ptr<Part[]> m_parts;
  std::size_t m_size;
};

} // namespace isvc::validate
