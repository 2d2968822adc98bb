// SPDX-License-Identifier: Apache-2.0
#include "app/progress.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <thread>

using isvc::app::ProgressLine;
using namespace std::chrono_literals;

TEST_SUITE("app::progress") {
  TEST_CASE("nothing before the delay: a quick run shows no line") {
    std::ostringstream out;
    {
      ProgressLine line(out, 1h);
      line.update("linting", 1, 2);
      line.update("linting", 2, 2);
    }
    CHECK(out.str().empty());
  }
  // (The 100 ms throttle is not asserted: on a loaded machine two calls can be 100 ms apart.)
  TEST_CASE("after the delay: rewritten in place with \\r, padded, wiped by finish") {
    std::ostringstream out;
    ProgressLine line(out, 0ms);
    line.update("reading", 10, 10);
    std::this_thread::sleep_for(120ms);
    line.update("linting", 2, 10);
    line.update("linting", 10, 10); // the last one is always shown
    line.finish();
    line.finish(); // twice is once
    CHECK(out.str() == "\risvc-scale: reading 10/10 files"
                       "\risvc-scale: linting 2/10 files "
                       "\risvc-scale: linting 10/10 files"
                       "\r" +
                           std::string(31, ' ') + "\r");
  }
  TEST_CASE("one file") {
    std::ostringstream out;
    ProgressLine line(out, 0ms);
    line.update("rendering", 1, 1);
    CHECK(out.str() == "\risvc-scale: rendering 1/1 file");
  }
}
