// SPDX-License-Identifier: Apache-2.0
#include "app/progress.hpp"

#include <fmt/format.h>

namespace isvc::app {

ProgressLine::ProgressLine(std::ostream& out, std::chrono::milliseconds delay)
    : m_out(out), m_start(Clock::now()), m_delay(delay) {}

void ProgressLine::update(std::string_view stage, std::size_t done, std::size_t total) {
  auto now = Clock::now();
  bool last = done == total;
  if (now - m_start < m_delay ||
      (!last && m_width > 0 && now - m_last < std::chrono::milliseconds(100))) {
    return;
  }
  m_last = now;
  std::string line =
      fmt::format("isvc-scale: {} {}/{} file{}", stage, done, total, total == 1 ? "" : "s");
  std::size_t pad = m_width > line.size() ? m_width - line.size() : 0;
  m_out << '\r' << line << std::string(pad, ' ') << std::flush;
  m_width = std::max(m_width, line.size());
}

void ProgressLine::finish() {
  if (m_width == 0) {
    return;
  }
  m_out << '\r' << std::string(m_width, ' ') << '\r' << std::flush;
  m_width = 0;
}

} // namespace isvc::app
