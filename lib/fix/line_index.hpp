// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/node.hpp"
#include "util/line_index.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace isvc::fix {

/// Line starts of one file, built once, so that every finding's position maps to bytes
/// (and back) without rescanning the text. Columns count code points, as marks do.
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  /// Over `lines`, the index of `text` its caller already has (which must outlive this).
  LineIndex(std::string_view text, const util::LineIndex& lines);
  LineIndex(const LineIndex&) = delete;
  LineIndex& operator=(const LineIndex&) = delete;
  /// Byte offset of a mark, or npos when it lies outside the text.
  std::size_t offset(model::Mark m) const;
  /// The mark of a byte offset (1-based line and character column).
  model::Mark mark(std::size_t offset) const;
  /// [start, end) of line `line` (1-based) without its line break.
  std::pair<std::size_t, std::size_t> line_span(std::size_t line) const;
  std::size_t lines() const { return index().size(); }
  std::string_view text() const { return m_text; }

private:
  const util::LineIndex& index() const { return m_borrowed != nullptr ? *m_borrowed : m_own; }

  std::string_view m_text;
  util::LineIndex m_own;
  const util::LineIndex* m_borrowed = nullptr;
  /// A BOM's bytes: line 1's columns start after it, as yaml-cpp counts them.
  std::size_t m_bom = 0;
};

} // namespace isvc::fix
