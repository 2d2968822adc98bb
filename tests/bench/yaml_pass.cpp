// SPDX-License-Identifier: Apache-2.0
// A yaml-cpp-only pass as its own process: every *.yaml/*.yml under DIR, sorted,
// read whole and given to `YAML::LoadAll`. The reference `cli_ratio.sh` times
// `isvc-scale lint DIR -j1` against (issue 12, part 3). Prints the document count.
// Usage: isvc_yaml_pass DIR
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: isvc_yaml_pass DIR\n", stderr);
    return 2;
  }
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::size_t docs = 0;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    docs += YAML::LoadAll(text).size();
  }
  std::printf("%zu files, %zu documents\n", paths.size(), docs);
  return 0;
}
