// SPDX-License-Identifier: Apache-2.0
#include "app/config_lookup.hpp"

#include <array>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace isvc::app {
namespace {

namespace fs = std::filesystem;
// Looked up in this order in each directory.
constexpr std::array<const char*, 2> k_config_names = {".isvc-scale.yaml", ".isvc-scale.yml"};

bool owned_by_someone_else(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && st.st_uid != ::geteuid();
}

// The config file in `dir`, or an empty path.
fs::path config_in(const fs::path& dir) {
  std::error_code ec;
  for (const char* name : k_config_names) {
    if (fs::exists(dir / name, ec)) {
      return dir / name;
    }
  }
  return {};
}

// The directory holding `.git` at or above `dir`, or an empty path.
fs::path repository_root(fs::path dir) {
  std::error_code ec;
  while (!dir.empty()) {
    if (fs::exists(dir / ".git", ec)) {
      return dir;
    }
    if (dir == dir.root_path()) {
      break;
    }
    dir = dir.parent_path();
  }
  return {};
}

} // namespace

ConfigLookup find_config(const std::string& start) {
  ConfigLookup out;
  fs::path dir = fs::path(start);
  fs::path root = repository_root(dir);
  bool inside = true; // still at `start` or within its repository
  while (!dir.empty()) {
    if (fs::path p = config_in(dir); !p.empty()) {
      if (!inside) {
        out.ignored.push_back(fmt::format(
            "ignoring {}: it is outside the repository (no .git in {} or between); pass "
            "--config {} to use it",
            p.string(), start, p.string()));
      } else if (owned_by_someone_else(p)) {
        out.ignored.push_back(
            fmt::format("ignoring {}: it is owned by another user; pass --config {} to use it",
                        p.string(), p.string()));
      } else {
        out.path = p.string();
        return out;
      }
    }
    if (root.empty() || dir == root) {
      inside = false; // past `start` (no repository) or past the repository root
    }
    if (dir == dir.root_path()) {
      break;
    }
    dir = dir.parent_path();
  }
  return out;
}

} // namespace isvc::app
