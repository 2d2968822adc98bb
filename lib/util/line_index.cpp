// SPDX-License-Identifier: Apache-2.0
#include "util/line_index.hpp"

#include <algorithm>
#include <limits>

namespace isvc::util {

LineIndex::LineIndex(std::string_view text) {
  // Counted first so that the vectors are allocated once, at their size.
  auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  bool narrow = text.size() <= std::numeric_limits<std::uint32_t>::max();
  if (narrow) {
    m_narrow.reserve(lines);
    m_narrow.push_back(0);
  } else {
    m_wide.reserve(lines);
    m_wide.push_back(0);
  }
  m_multibyte.reserve(lines);
  m_multibyte.push_back(false);
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c == '\n') {
      if (narrow) {
        m_narrow.push_back(static_cast<std::uint32_t>(pos + 1));
      } else {
        m_wide.push_back(pos + 1);
      }
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
  std::size_t end = line < size() ? at(line) - 1 : text.size();
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
  if (line == 0 || line > size()) {
    return std::string_view::npos;
  }
  return at(line - 1);
}

std::size_t LineIndex::line_of(std::size_t offset) const {
  // The number of line starts at or before `offset` (upper_bound over the starts).
  std::size_t lo = 0;
  std::size_t hi = size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (at(mid) <= offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::max<std::size_t>(lo, 1);
}

std::string_view LineIndex::line(std::string_view text, std::uint32_t line) const {
  std::size_t pos = start(line);
  if (pos == std::string_view::npos || pos > text.size()) {
    return {};
  }
  std::size_t end = line < size() ? at(line) - 1 : text.size();
  std::string_view out = text.substr(pos, end - pos);
  if (!out.empty() && out.back() == '\r') {
    out.remove_suffix(1);
  }
  return out;
}

} // namespace isvc::util
