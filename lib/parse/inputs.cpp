// SPDX-License-Identifier: Apache-2.0
#include "parse/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace isvc::parse {
namespace {

namespace fs = std::filesystem;

void unreadable(const std::string& path, const std::string& why, diag::Sink& sink) {
  diag::Diagnostic d;
  d.file = path;
  d.mark = {1, 1};
  d.severity = diag::Severity::error;
  d.rule = "io-unreadable";
  d.message = why;
  d.fix = "Check the path and its permissions.";
  sink.add(std::move(d));
}

bool yaml_name(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// `lint d d/a.yaml` or a path given twice must not check (and cross-report) a file against itself.
void drop_repeats(std::vector<std::string>& files) {
  std::set<std::string> seen;
  std::vector<std::string> kept;
  for (auto& f : files) {
    std::error_code ec;
    std::string key = f == "-" ? f : fs::weakly_canonical(fs::path(f), ec).generic_string();
    if (seen.insert(ec ? f : key).second) {
      kept.push_back(std::move(f));
    }
  }
  files = std::move(kept);
}

} // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths, diag::Sink& sink) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      unreadable(p, "no such file or directory", sink);
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      const auto& name = it->path().filename().string();
      if (it->is_directory() && !name.empty() && name[0] == '.') {
        it.disable_recursion_pending(); // .git and friends
        continue;
      }
      if (it->is_regular_file() && yaml_name(it->path())) {
        found.push_back(it->path().generic_string());
      }
    }
    if (ec) {
      unreadable(p, ec.message(), sink);
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  drop_repeats(out);
  return out;
}

bool read_input(const std::string& path,
                std::istream& stdin_stream,
                std::string& out,
                diag::Sink& sink) {
  std::ostringstream buf;
  if (path == "-") {
    buf << stdin_stream.rdbuf();
    out = buf.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    unreadable(path, "cannot open file", sink);
    return false;
  }
  buf << in.rdbuf();
  if (in.bad()) {
    unreadable(path, "read error", sink);
    return false;
  }
  out = buf.str();
  return true;
}

} // namespace isvc::parse
