// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: render -> re-parse round trip. Every document of the input
// (as the JSON kubectl would send) and every object render builds from it are
// emitted as YAML and must read back identical through the project's loader and
// yaml-cpp (YAML 1.2): every string render copies from the input comes back as
// the same string, never as a bool, number, null or other text.
#include "fuzz_common.hpp"
#include "parse/inference_service.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"
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
  isvc::diag::Sink sink;
  auto file = isvc::parse::load_yaml("fuzz.yaml",
                                     std::string(reinterpret_cast<const char*>(data), size), sink);
  for (const auto& doc : file.docs) {
    check(isvc::parse::to_json(doc.root));
    if (!isvc::parse::is_inference_service(doc.root)) {
      continue;
    }
    auto model = isvc::parse::read_inference_service("fuzz.yaml", doc, sink);
    for (auto mode : {isvc::render::Mode::external, isvc::render::Mode::kserve}) {
      isvc::render::Options opts;
      opts.mode = mode;
      isvc::render::Result res;
      isvc::render::render_isvc(model, opts, res, sink);
      for (const auto& obj : res.objects) {
        check(obj.body);
      }
    }
  }
  return 0;
}
