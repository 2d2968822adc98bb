// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: load -> lint, the whole `isvc-scale lint -` path (parse,
// schemas, every rule, text output). Exit 0/1/2 are all fine; an internal
// error or a sanitizer report is a bug.
#include "app/run_lint.hpp"
#include "fuzz_common.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  std::ostringstream err;
  isvc::app::LintRequest req;
  req.paths = {"-"};
  req.no_config = true;
  req.jobs = 1;
  int rc = isvc::app::run_lint(req, in, out, err);
  if (rc < 0 || rc > 2) {
    isvc::fuzz::fail("lint exit code out of range: " + std::to_string(rc));
  }
  isvc::fuzz::require_no_internal_error("lint", out.str() + err.str());
  return 0;
}
