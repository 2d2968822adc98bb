// SPDX-License-Identifier: Apache-2.0
#include "fix/line_index.hpp"

#include <algorithm>

namespace isvc::fix {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

} // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text) {
  // The loader's columns on line 1 start after a BOM (yaml-cpp skips it).
  m_bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  m_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      m_starts.push_back(i + 1);
    }
  }
}

std::pair<std::size_t, std::size_t> LineIndex::line_span(std::size_t line) const {
  if (line == 0 || line > m_starts.size()) {
    return {std::string_view::npos, std::string_view::npos};
  }
  std::size_t begin = m_starts[line - 1];
  std::size_t end = line < m_starts.size() ? m_starts[line] - 1 : m_text.size();
  if (end > begin && m_text[end - 1] == '\r') {
    --end;
  }
  return {begin, end};
}

std::size_t LineIndex::offset(model::Mark m) const {
  auto [begin, end] = line_span(m.line);
  if (begin == std::string_view::npos || m.col == 0) {
    return std::string_view::npos;
  }
  std::size_t pos = m.line == 1 ? begin + m_bom : begin;
  for (std::uint32_t c = 1; c < m.col; ++c) {
    if (pos >= end) {
      return std::string_view::npos;
    }
    ++pos;
    while (pos < end && continuation(m_text[pos])) {
      ++pos;
    }
  }
  return pos;
}

model::Mark LineIndex::mark(std::size_t offset) const {
  auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - m_starts.begin());
  std::size_t begin = m_starts[line == 0 ? 0 : line - 1];
  begin = line <= 1 ? std::min(offset, begin + m_bom) : begin;
  std::uint32_t col = 1;
  for (std::size_t i = begin; i < offset && i < m_text.size(); ++i) {
    col += continuation(m_text[i]) ? 0 : 1;
  }
  return {static_cast<std::uint32_t>(std::max<std::size_t>(line, 1)), col};
}

} // namespace isvc::fix
