// SPDX-License-Identifier: Apache-2.0
#include "parse/inputs.hpp"

#include "util/glob.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
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

// Walks `dir` (hidden directories such as .git skipped). A directory that cannot be read is
// reported, not skipped: its files were never checked.
void collect_dir(const fs::path& dir, std::vector<std::string>& found, diag::Sink& sink) {
  std::vector<fs::path> pending{dir};
  while (!pending.empty()) {
    fs::path cur = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(cur, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
      const auto& path = it->path();
      std::string name = path.filename().string();
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        // Linked directories are not followed (a link to a parent would never end).
        if ((name.empty() || name[0] != '.') && !it->is_symlink(type_ec)) {
          pending.push_back(path);
        }
      } else if (it->is_regular_file(type_ec) && yaml_name(path)) {
        found.push_back(path.generic_string());
      }
    }
    if (ec) {
      unreadable(cur.generic_string(), "cannot read directory: " + ec.message(), sink);
    }
  }
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
    collect_dir(p, found, sink);
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  drop_repeats(out);
  return out;
}

void drop_excluded(std::vector<std::string>& files,
                   const std::vector<std::string>& globs,
                   const std::string& base) {
  if (globs.empty()) {
    return;
  }
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::path(base), ec);
  auto excluded = [&](const std::string& f) {
    std::error_code fec;
    fs::path rel = fs::weakly_canonical(fs::path(f), fec).lexically_relative(root);
    std::string text = rel.generic_string();
    if (f == "-" || fec || text.empty() || text == "." || text == ".." ||
        text.rfind("../", 0) == 0) {
      return false;
    }
    // The file itself, then each directory above it: `vendor` excludes vendor/a/b.yaml.
    for (std::string_view p = text; !p.empty();) {
      for (const auto& g : globs) {
        if (util::glob_match(g, p)) {
          return true;
        }
      }
      auto slash = p.rfind('/');
      p = slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
    }
    return false;
  };
  files.erase(std::remove_if(files.begin(), files.end(), excluded), files.end());
}

void unprocessable(const std::string& path, const std::string& why, diag::Sink& sink) {
  unreadable(path, "cannot process this file: " + why, sink);
}

namespace {

// All of `in` into `out`, reserved to `size` (the file's, when known): a 47 MB stream costs
// 47 MB, not the up to 3x of an ostringstream's doubling plus the copy str() makes.
bool slurp(std::istream& in, std::string& out, std::size_t size) {
  out.clear();
  out.reserve(size);
  std::array<char, 64 * 1024> chunk{};
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    out.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  return !in.bad();
}

} // namespace

bool read_input(const std::string& path,
                std::istream& stdin_stream,
                std::string& out,
                diag::Sink& sink) {
  if (path == "-") {
    slurp(stdin_stream, out, 0);
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    unreadable(path, "cannot open file", sink);
    return false;
  }
  std::error_code ec;
  auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
  if (!slurp(in, out, ec ? 0 : static_cast<std::size_t>(size))) {
    unreadable(path, "read error", sink);
    return false;
  }
  return true;
}

bool read_input(const std::string& path,
                std::istream& stdin_stream,
                InputText& out,
                diag::Sink& sink) {
  constexpr std::uintmax_t k_map_from = 1U << 20; // below it a read costs less than a mapping
  std::error_code ec;
  if (path != "-" && fs::is_regular_file(path, ec) && fs::file_size(path, ec) >= k_map_from &&
      !ec && out.mapped.open(path)) {
    return true;
  }
  return read_input(path, stdin_stream, out.owned, sink);
}

} // namespace isvc::parse
