// SPDX-License-Identifier: Apache-2.0
#include "app/run_fix.hpp"

#include "fix/apply.hpp"
#include "fix/attach.hpp"
#include "util/error.hpp"
#include "validate/rule.hpp"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace isvc::app {
namespace {

namespace fs = std::filesystem;
constexpr int k_max_passes = 4;

bool safe(const diag::Diagnostic& d) {
  const auto* r = validate::find_rule(d.rule);
  return r != nullptr && r->fixes == validate::Fixes::safe && !d.patches.empty();
}

std::vector<diag::Patch> safe_patches(const std::vector<diag::Diagnostic>& ds,
                                      const std::string& file) {
  std::vector<diag::Patch> out;
  for (const auto& d : ds) {
    if (d.file == file && safe(d)) {
      out.insert(out.end(), d.patches.begin(), d.patches.end());
    }
  }
  return fix::non_overlapping(std::move(out));
}

// One more pass over text already changed: lint it as stdin would be, take its safe fixes.
std::vector<diag::Patch> next_patches(const std::string& text, const validate::LintOptions& opts) {
  std::istringstream in(text);
  auto again = validate::lint({"-"}, in, opts);
  fix::attach_patches(again.diagnostics,
                      [&text](const std::string&) -> std::string_view { return text; });
  return safe_patches(again.diagnostics, opts.stdin_name);
}

// Same directory (so rename is atomic), same permission bits, then rename over the file.
void write_atomically(const std::string& path, const std::string& text) {
  std::string tmpl = (fs::path(path).parent_path() / ".isvc-scale-fix-XXXXXX").string();
  if (fs::path(path).parent_path().empty()) {
    tmpl = ".isvc-scale-fix-XXXXXX";
  }
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw Error(fmt::format("cannot write {}: cannot create a temporary file beside it", path));
  }
  std::error_code ec;
  auto perms = fs::status(path, ec).permissions();
  bool ok = !ec && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::close(fd) == 0 && ok;
  if (ok) {
    fs::permissions(name.data(), perms, fs::perm_options::replace, ec);
    ok = !ec;
  }
  if (ok) {
    fs::rename(name.data(), path, ec);
    ok = !ec;
  }
  if (!ok) {
    fs::remove(name.data(), ec);
    throw Error(fmt::format("cannot write {}", path));
  }
}

} // namespace

FixSummary apply_fixes(const validate::LintResult& result,
                       const validate::LintOptions& opts,
                       bool diff,
                       std::ostream& out) {
  FixSummary sum;
  for (const auto& file : result.file_names) {
    auto src = result.sources.find(file);
    auto first = safe_patches(result.diagnostics, file);
    if (src == result.sources.end() || first.empty()) {
      continue;
    }
    if (file == opts.stdin_name && !diff) {
      throw Error("--fix cannot write back to standard input; use --diff");
    }
    std::string text = fix::apply(src->second, first);
    sum.fixes += first.size();
    bool one_pass = true;
    for (int pass = 1; pass < k_max_passes; ++pass) {
      auto more = next_patches(text, opts);
      if (more.empty()) {
        break;
      }
      one_pass = false;
      sum.fixes += more.size();
      text = fix::apply(text, more);
    }
    ++sum.files;
    if (!diff) {
      write_atomically(file, text);
    } else if (one_pass) {
      out << fix::unified_diff(file, src->second, first);
    } else {
      out << fix::unified_diff_texts(file, src->second, text);
    }
  }
  return sum;
}

} // namespace isvc::app
