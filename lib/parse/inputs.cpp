// SPDX-License-Identifier: Apache-2.0
#include "parse/inputs.hpp"

#include "util/glob.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <set>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

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

// A path and the key it is deduplicated by: its canonical form.
struct Found {
  std::string path;
  std::string key;
};

std::string canonical_key(const std::string& path) {
  std::error_code ec;
  std::string key = fs::weakly_canonical(fs::path(path), ec).generic_string();
  return ec ? path : key;
}

// Walks `dir` (hidden directories such as .git skipped). A directory that cannot be read is
// reported, not skipped: its files were never checked. Only `dir` itself and linked files
// are canonicalised with system calls: below a canonical directory, an entry that is not a
// link is that directory's key plus its name (weakly_canonical per file was 4 readlink and
// 3 stat calls each, the largest serial cost of `lint` over 10k files).
void collect_dir(const fs::path& dir, std::vector<Found>& found, diag::Sink& sink) {
  std::vector<std::pair<fs::path, std::string>> pending{{dir, canonical_key(dir.string())}};
  while (!pending.empty()) {
    auto [cur, cur_key] = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(cur, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
      const auto& path = it->path();
      std::string name = path.filename().string();
      std::error_code type_ec;
      bool link = it->is_symlink(type_ec);
      std::string key = cur_key + (cur_key.ends_with('/') ? "" : "/") + name;
      if (it->is_directory(type_ec)) {
        // Linked directories are not followed (a link to a parent would never end).
        if ((name.empty() || name[0] != '.') && !link) {
          pending.emplace_back(path, std::move(key));
        }
      } else if (it->is_regular_file(type_ec) && yaml_name(path)) {
        std::string text = path.generic_string();
        found.push_back({text, link ? canonical_key(text) : std::move(key)});
      }
    }
    if (ec) {
      unreadable(cur.generic_string(), "cannot read directory: " + ec.message(), sink);
    }
  }
}

// `lint d d/a.yaml` or a path given twice must not check (and cross-report) a file against itself.
std::vector<std::string> drop_repeats(std::vector<Found>& files) {
  std::set<std::string> seen;
  std::vector<std::string> kept;
  for (auto& f : files) {
    if (f.path == "-" || seen.insert(std::move(f.key)).second) {
      kept.push_back(std::move(f.path));
    }
  }
  return kept;
}

} // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths, diag::Sink& sink) {
  std::vector<Found> out;
  for (const auto& p : paths) {
    if (p == "-") {
      out.push_back({p, p});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      unreadable(p, "no such file or directory", sink);
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back({p, canonical_key(p)});
      continue;
    }
    std::vector<Found> found;
    collect_dir(p, found, sink);
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.path < b.path; });
    std::move(found.begin(), found.end(), std::back_inserter(out));
  }
  return drop_repeats(out);
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

// All of stdin into `out`, read straight into the string (an ostringstream's doubling plus
// the copy str() makes held up to 3x a 47 MB stream).
bool slurp(std::istream& in, std::string& out, std::size_t size) {
  out.assign(std::max<std::size_t>(size + 1, 4096), '\0');
  std::size_t have = 0;
  while (in.read(out.data() + have, static_cast<std::streamsize>(out.size() - have)) ||
         in.gcount() > 0) {
    have += static_cast<std::size_t>(in.gcount());
    if (have == out.size()) {
      out.resize(out.size() * 2);
    }
  }
  out.resize(have);
  return !in.bad();
}

// A file into `out`; `size` (fstat's, for a regular file) is only a hint, as the file may
// change while it is read, and one byte over it lets a file of exactly that size end in one
// read. False on a read error (EISDIR for a directory). A zero-initialised 64 KB chunk per
// file was 4 % of lint's instructions on a corpus of small files.
bool read_fd(int fd, std::string& out, std::size_t size) {
  out.assign(std::max<std::size_t>(size + 1, 4096), '\0');
  std::size_t have = 0;
  for (;;) {
    ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      out.resize(have);
      return n == 0;
    }
    have += static_cast<std::size_t>(n);
    if (have == out.size()) {
      out.resize(out.size() * 2);
    }
  }
}

// A file into `owned`, or mapped into `map` when one is given and the file is a regular
// one of 1 MiB or more (below that a read costs less than a mapping). One open and one
// fstat on the descriptor: an ifstream plus is_regular_file and file_size took three path
// lookups.
bool read_path(const std::string& path,
               std::string& owned,
               util::MappedFile* map,
               diag::Sink& sink) {
  constexpr std::size_t k_map_from = std::size_t{1} << 20;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    unreadable(path, "cannot open file", sink);
    return false;
  }
  struct stat st {};
  bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  auto size = regular ? static_cast<std::size_t>(st.st_size) : 0;
  bool ok =
      (map != nullptr && size >= k_map_from && map->map(fd, size)) || read_fd(fd, owned, size);
  ::close(fd); // a mapping keeps the file
  if (!ok) {
    unreadable(path, "read error", sink);
  }
  return ok;
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
  return read_path(path, out, nullptr, sink);
}

bool read_input(const std::string& path,
                std::istream& stdin_stream,
                InputText& out,
                diag::Sink& sink) {
  if (path == "-") {
    slurp(stdin_stream, out.owned, 0);
    return true;
  }
  return read_path(path, out.owned, &out.mapped, sink);
}

} // namespace isvc::parse
