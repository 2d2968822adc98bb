// SPDX-License-Identifier: Apache-2.0
// Deterministic mutation fuzzing of the whole pipeline (parse, schema, rules,
// render in both modes) over the samples and rule fixtures: bad input must
// never crash or hang, only produce diagnostics. Fixed seed, bounded
// iterations, so CTest runs it as a smoke test; run it longer (and under
// -DISVC_SANITIZE=address;undefined) with: isvc_fuzz <iterations> <seed> [repro-file].
#include "diag/diagnostic.hpp"
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"
#include "validate/lint.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> corpus() {
  std::vector<std::string> out;
  for (const char* dir : {"samples", "tests/rules", "tests/cli/data"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ISVC_SOURCE_DIR) / dir)) {
      if (e.path().extension() == ".yaml") {
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        out.push_back(buf.str());
      }
    }
  }
  return out;
}

// Byte flips, deletions, duplications of a line, YAML-significant insertions.
std::string mutate(std::string s, std::mt19937& rng) {
  static const std::vector<std::string> k_tokens = {
      ":", "- ", "{",  "}",    "[", "]",   "\"",    "'",  "&a ",  "*a", "!!str ",  "\n  ", "\t",
      "#", "0",  "-1", "null", "~", "yes", "1e309", "{{", "sum(", ")",  "preset:", "\\",   "\x01"};
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    std::size_t pos = rng() % s.size();
    switch (rng() % 4) {
    case 0:
      s[pos] = static_cast<char>(rng() % 128);
      break;
    case 1:
      s.erase(pos, 1 + rng() % 8);
      break;
    case 2:
      s.insert(pos, k_tokens[rng() % k_tokens.size()]);
      break;
    default: {
      std::size_t start = s.rfind('\n', pos);
      start = start == std::string::npos ? 0 : start + 1;
      std::size_t end = s.find('\n', pos);
      end = end == std::string::npos ? s.size() : end + 1;
      s.insert(end, s.substr(start, end - start));
    }
    }
  }
  return s;
}

} // namespace

int main(int argc, char** argv) {
  long iterations = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 300;
  unsigned seed = argc > 2 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 42;
  std::mt19937 rng(seed);
  auto inputs = corpus();
  fs::path dir = fs::temp_directory_path() / fmt::format("isvc-fuzz-{}", seed);
  fs::create_directories(dir);
  std::size_t diagnostics = 0;
  for (long i = 0; i < iterations; ++i) {
    std::string text = mutate(inputs[rng() % inputs.size()], rng);
    if (argc > 3) {
      // Reproducer: the input being processed, kept if the process dies.
      std::ofstream(argv[3], std::ios::binary | std::ios::trunc) << text;
    }
    isvc::diag::Sink sink;
    auto file = isvc::parse::load_yaml("fuzz.yaml", text, sink);
    for (const auto& doc : file.docs) {
      if (!isvc::parse::is_inference_service(doc.root)) {
        continue;
      }
      auto model = isvc::parse::read_inference_service("fuzz.yaml", doc, sink);
      for (auto mode : {isvc::render::Mode::external, isvc::render::Mode::kserve}) {
        isvc::render::Options opts;
        opts.mode = mode;
        isvc::render::Result res;
        isvc::render::render_isvc(model, opts, res, sink);
      }
    }
    fs::path f = dir / "fuzz.yaml";
    std::ofstream(f, std::ios::binary | std::ios::trunc) << text;
    isvc::validate::LintOptions lopts;
    lopts.jobs = 1;
    std::istringstream none;
    diagnostics += isvc::validate::lint({f.string()}, none, lopts).diagnostics.size() + sink.size();
  }
  fs::remove_all(dir);
  fmt::print("{} mutated inputs, {} diagnostics, no crash\n", iterations, diagnostics);
  return 0;
}
