// SPDX-License-Identifier: Apache-2.0
#include "util/line_index.hpp"

#include <algorithm>

namespace isvc::util {

LineIndex::LineIndex(std::string_view text) {
  m_starts.push_back(0);
  m_multibyte.push_back(false);
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c == '\n') {
      m_starts.push_back(pos + 1);
      m_multibyte.push_back(false);
    } else if (c >= 0x80U) {
      m_multibyte.back() = true;
    }
  }
}

std::size_t
LineIndex::column_byte(std::string_view text, std::uint32_t line, std::uint32_t col) const {
  std::size_t pos = start(line);
  if (pos == std::string_view::npos) {
    return pos;
  }
  std::size_t end = line < m_starts.size() ? m_starts[line] - 1 : text.size();
  end = std::min(end, text.size());
  if (!m_multibyte[line - 1]) {
    return col <= 1 ? std::min(pos, end) : std::min(pos + col - 1, end);
  }
  for (std::uint32_t c = 1; c < col && pos < end; ++c) {
    ++pos;
    while (pos < end && (static_cast<unsigned char>(text[pos]) & 0xC0U) == 0x80U) {
      ++pos;
    }
  }
  return pos;
}

std::size_t LineIndex::start(std::uint32_t line) const {
  if (line == 0 || line > m_starts.size()) {
    return std::string_view::npos;
  }
  return m_starts[line - 1];
}

std::string_view LineIndex::line(std::string_view text, std::uint32_t line) const {
  std::size_t pos = start(line);
  if (pos == std::string_view::npos || pos > text.size()) {
    return {};
  }
  std::size_t end = line < m_starts.size() ? m_starts[line] - 1 : text.size();
  std::string_view out = text.substr(pos, end - pos);
  if (!out.empty() && out.back() == '\r') {
    out.remove_suffix(1);
  }
  return out;
}

} // namespace isvc::util
