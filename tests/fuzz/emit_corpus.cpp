// SPDX-License-Identifier: Apache-2.0
// Dumps, for every input file, each document's JSON and each rendered object as
// {"json": ..., "yaml": "..."} lines, the YAML written by emit::write_yaml, for
// check_pyyaml.py to read back with PyYAML (a YAML 1.1 reader). Inputs: the seed
// corpus, the regressions and whatever corpus a fuzz run left behind.
#include "roundtrip.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

void dump(std::ostream& out, const isvc::emit::Doc& body) {
  std::ostringstream yaml;
  isvc::emit::write_yaml(yaml, body);
  isvc::emit::Doc line = isvc::emit::Doc::object();
  line["json"] = body;
  line["yaml"] = yaml.str();
  // Invalid UTF-8 cannot reach here (the loader rejects it); replace keeps dump() total.
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

} // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (!fs::is_directory(argv[i])) {
      continue;
    }
    for (const auto& e : fs::recursive_directory_iterator(argv[i])) {
      if (e.is_regular_file()) {
        files.push_back(e.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    isvc::fuzz::for_each_emitted(buf.str(), [](const isvc::emit::Doc& d) { dump(std::cout, d); });
  }
  return 0;
}
