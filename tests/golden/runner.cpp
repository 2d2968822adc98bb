// SPDX-License-Identifier: Apache-2.0
// Golden tests: every samples/<name>.yaml renders, in both modes, to exactly
// tests/golden/<name>.<mode>.yaml (stdout) and <name>.<mode>.stderr (exit
// code + diagnostics, only when non-empty), and lints to <name>.lint.txt. ISVC_UPDATE_GOLDEN=1
// rewrites them; a mismatch leaves the actual output in build/golden-actual/.
#include "app/run_lint.hpp"
#include "app/run_render.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

struct Rendered {
  std::string out;
  std::string err;
};

Rendered render(const std::string& sample, isvc::render::Mode mode) {
  isvc::app::RenderRequest req;
  req.paths = {sample};
  req.options.mode = mode;
  req.jobs = 1;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_render(req, in, out, err);
  Rendered r{out.str(), ""};
  if (rc != 0 || !err.str().empty()) {
    r.err = "exit: " + std::to_string(rc) + "\n" + err.str();
  }
  return r;
}

// `isvc-scale lint` text output for one sample (no config file, all cores off).
std::string lint_text(const std::string& sample) {
  isvc::app::LintRequest req;
  req.paths = {sample};
  req.no_config = true;
  req.jobs = 1;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  int rc = isvc::app::run_lint(req, in, out, err);
  return out.str().empty() ? std::string() : "exit: " + std::to_string(rc) + "\n" + out.str();
}

bool updating() {
  const char* v = std::getenv("ISVC_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Compares (or rewrites) one golden; an empty expected text means "no file".
void check(const fs::path& golden, const std::string& actual, const fs::path& actual_dir) {
  if (updating()) {
    if (actual.empty()) {
      fs::remove(golden);
    } else {
      spit(golden, actual);
    }
    return;
  }
  std::string expected = fs::exists(golden) ? slurp(golden) : std::string();
  if (expected != actual) {
    spit(actual_dir / golden.filename(), actual);
    FAIL_CHECK("golden mismatch: ", golden.string(), "\n  diff -u ", golden.string(), " ",
               (actual_dir / golden.filename()).string());
  }
}

} // namespace

TEST_CASE("golden: every sample renders byte for byte as recorded, twice") {
  fs::current_path(ISVC_SOURCE_DIR); // goldens carry repo-relative "# Source:" paths
  const fs::path golden_dir = "tests/golden";
  const fs::path actual_dir = fs::path(ISVC_BINARY_DIR) / "golden-actual";
  std::set<std::string> expected_files;
  std::vector<fs::path> samples;
  for (const auto& e : fs::directory_iterator("samples")) {
    if (e.path().extension() == ".yaml") {
      samples.push_back(e.path());
    }
  }
  std::sort(samples.begin(), samples.end());
  REQUIRE(samples.size() >= 10);
  for (const auto& sample : samples) {
    std::string name = sample.stem().string();
    for (auto [mode, tag] : {std::pair{isvc::render::Mode::external, "external"},
                             std::pair{isvc::render::Mode::kserve, "kserve"}}) {
      SUBCASE((name + " --mode " + tag).c_str()) {
        Rendered first = render(sample.generic_string(), mode);
        Rendered second = render(sample.generic_string(), mode);
        CHECK_MESSAGE(first.out == second.out, "output is not deterministic");
        CHECK(first.err == second.err);
        check(golden_dir / (name + "." + tag + ".yaml"), first.out, actual_dir);
        check(golden_dir / (name + "." + tag + ".stderr"), first.err, actual_dir);
      }
      expected_files.insert(name + "." + tag + ".yaml");
      expected_files.insert(name + "." + tag + ".stderr");
    }
    SUBCASE((name + " lint").c_str()) {
      check(golden_dir / (name + ".lint.txt"), lint_text(sample.generic_string()), actual_dir);
    }
    expected_files.insert(name + ".lint.txt");
  }
  SUBCASE("no orphan goldens") {
    for (const auto& e : fs::directory_iterator(golden_dir)) {
      std::string f = e.path().filename().string();
      bool golden = f.ends_with(".yaml") || f.ends_with(".stderr") || f.ends_with(".lint.txt");
      if (golden && expected_files.count(f) == 0) {
        FAIL_CHECK("orphan golden without a sample: ", f);
      }
    }
  }
}
