// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: load -> render in both modes, the whole `isvc-scale render -`
// path. Refusals are fine; an internal error, stdout written by a failed run,
// or a sanitizer report is a bug.
#include "app/run_render.hpp"
#include "fuzz_common.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (auto mode : {isvc::render::Mode::external, isvc::render::Mode::kserve}) {
    std::istringstream in(text);
    std::ostringstream out;
    std::ostringstream err;
    isvc::app::RenderRequest req;
    req.paths = {"-"};
    req.options.mode = mode;
    req.jobs = 1;
    int rc = isvc::app::run_render(req, in, out, err);
    if (rc < 0 || rc > 2) {
      isvc::fuzz::fail("render exit code out of range: " + std::to_string(rc));
    }
    if (rc != 0 && !out.str().empty()) {
      isvc::fuzz::fail("render wrote to stdout although it failed:\n" + out.str());
    }
    isvc::fuzz::require_no_internal_error("render", out.str() + err.str());
  }
  return 0;
}
