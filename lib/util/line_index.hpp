// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace isvc::util {

/// Byte offset of every line start of one text, built once (O(bytes)) so mapping a
/// 1-based line to its bytes is O(1) instead of a rescan from the first line per lookup.
class LineIndex {
public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);
  /// Byte offset where 1-based `line` starts; npos past the last line.
  std::size_t start(std::uint32_t line) const;
  /// The text of 1-based `line` without its '\n' (and a trailing '\r'); empty past the end.
  std::string_view line(std::string_view text, std::uint32_t line) const;
  std::size_t size() const { return m_wide.empty() ? m_narrow.size() : m_wide.size(); }
  /// Whether 1-based `line` (which must exist) holds a byte >= 0x80.
  bool multibyte(std::size_t line) const { return m_multibyte[line - 1]; }
  /// The 1-based line that holds byte `offset` (the last line past the end).
  std::size_t line_of(std::size_t offset) const;
  /// Byte offset of 1-based code-point column `col` of `line` (capped at the line's end):
  /// O(1) on an ASCII line, so many positions on one long minified line stay linear.
  std::size_t column_byte(std::string_view text, std::uint32_t line, std::uint32_t col) const;

private:
  std::size_t at(std::size_t i) const { return m_wide.empty() ? m_narrow[i] : m_wide[i]; }
  // 32-bit starts while the text is under 4 GiB: a 47 MB stream has 1.7M lines, and the
  // loader, lint and fix share this one index.
  std::vector<std::uint32_t> m_narrow;
  std::vector<std::size_t> m_wide;
  std::vector<bool> m_multibyte; // per line: holds a byte >= 0x80
};

} // namespace isvc::util
