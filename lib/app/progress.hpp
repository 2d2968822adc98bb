// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace isvc::app {

/// One progress line for a terminal (the CLI decides that stderr is one and -q is not given):
/// nothing for the first `delay` (a quick run shows nothing), then
/// "isvc-scale: linting 120/5000 files" rewritten in place with '\r' at most every 100 ms,
/// and wiped by finish(). Only '\r' and spaces: no escape sequences a dumb terminal would show.
class ProgressLine {
public:
  explicit ProgressLine(std::ostream& out,
                        std::chrono::milliseconds delay = std::chrono::milliseconds(1000));
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { finish(); }

  void update(std::string_view stage, std::size_t done, std::size_t total);
  /// Blanks the line if one was shown (before the report and the summary are written).
  void finish();

private:
  using Clock = std::chrono::steady_clock;
  std::ostream& m_out;
  Clock::time_point m_start;
  Clock::time_point m_last;
  std::chrono::milliseconds m_delay;
  std::size_t m_width = 0;
};

} // namespace isvc::app
