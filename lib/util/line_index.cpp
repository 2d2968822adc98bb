// SPDX-License-Identifier: Apache-2.0
#include "util/line_index.hpp"

namespace isvc::util {

LineIndex::LineIndex(std::string_view text) {
  m_starts.push_back(0);
  for (std::size_t pos = text.find('\n'); pos != std::string_view::npos;
       pos = text.find('\n', pos + 1)) {
    m_starts.push_back(pos + 1);
  }
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
