// SPDX-License-Identifier: Apache-2.0
#include "fix/line_index.hpp"

#include <algorithm>

namespace isvc::fix {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

} // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text), m_own(text) {
  // The loader's columns on line 1 start after a BOM (yaml-cpp skips it).
  m_bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

LineIndex::LineIndex(std::string_view text, const util::LineIndex& lines)
    : m_text(text), m_borrowed(&lines) {
  m_bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::pair<std::size_t, std::size_t> LineIndex::line_span(std::size_t line) const {
  const auto& ix = index();
  if (line == 0 || line > ix.size()) {
    return {std::string_view::npos, std::string_view::npos};
  }
  auto n = static_cast<std::uint32_t>(line);
  std::size_t begin = ix.start(n);
  std::size_t end = line < ix.size() ? ix.start(n + 1) - 1 : m_text.size();
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
  std::size_t line = index().line_of(offset);
  std::size_t begin = index().start(static_cast<std::uint32_t>(line));
  begin = line <= 1 ? std::min(offset, begin + m_bom) : begin;
  std::uint32_t col = 1;
  for (std::size_t i = begin; i < offset && i < m_text.size(); ++i) {
    col += continuation(m_text[i]) ? 0 : 1;
  }
  return {static_cast<std::uint32_t>(std::max<std::size_t>(line, 1)), col};
}

} // namespace isvc::fix
