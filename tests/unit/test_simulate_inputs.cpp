// SPDX-License-Identifier: Apache-2.0
// `simulate` takes a ScaledObject or HPA directly and runs it as the InferenceService's.
#include "app/run_simulate.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace {

std::string run(const std::string& file, int& rc) {
  isvc::app::SimulateRequest req;
  req.path = std::string(ISVC_SOURCE_DIR) + "/" + file;
  req.shape = "idle:5m,step:12@10m,idle:15m,step:15@5m,idle:10m";
  req.format = "json";
  req.sim.cold_start = 90;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  rc = isvc::app::run_simulate(req, in, out, err);
  std::string s = out.str();
  // the only difference allowed: the "file" field
  auto at = s.find(req.path);
  if (at != std::string::npos) {
    s.replace(at, req.path.size(), "FILE");
  }
  return s;
}

} // namespace

TEST_CASE("simulate inputs: seed 003's rendered ScaledObject runs as its InferenceService") {
  int rc_isvc = -1;
  int rc_so = -1;
  std::string isvc = run("samples/seed-003-scale-to-zero.yaml", rc_isvc);
  std::string so = run("tests/simulate/seed-003-scaledobject.yaml", rc_so);
  CHECK(rc_isvc == 0);
  CHECK(rc_so == 0);
  CHECK(isvc.find("\"ticks\"") != std::string::npos);
  CHECK(isvc == so);
}
