// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: render -> re-parse round trip. Every document of the input
// (as the JSON kubectl would send) and every object render builds from it are
// emitted as YAML and must read back identical through the project's loader and
// yaml-cpp (YAML 1.2): every string render copies from the input comes back as
// the same string, never as a bool, number, null or other text.
#include "fuzz_common.hpp"
#include "roundtrip.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

namespace {

void check(const isvc::emit::Doc& body) {
  std::ostringstream yaml;
  isvc::emit::write_yaml(yaml, body);
  if (auto why = isvc::fuzz::check_round_trip(body, yaml.str())) {
    isvc::fuzz::fail("round trip failed: " + *why);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  isvc::fuzz::for_each_emitted(std::string(reinterpret_cast<const char*>(data), size), check);
  return 0;
}
