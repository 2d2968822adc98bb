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

// The safe fixes of `file`, each taken whole or not at all; `fixed` gets their findings.
std::vector<diag::Patch> safe_patches(const std::vector<diag::Diagnostic>& ds,
                                      const std::string& file,
                                      std::vector<diag::Diagnostic>* fixed = nullptr) {
  std::vector<std::vector<diag::Patch>> fixes;
  std::vector<const diag::Diagnostic*> owners;
  for (const auto& d : ds) {
    if (d.file == file && safe(d)) {
      fixes.push_back(d.patches);
      owners.push_back(&d);
    }
  }
  std::vector<std::size_t> taken;
  auto out = fix::whole_fixes(fixes, &taken);
  for (std::size_t i : taken) {
    if (fixed != nullptr) {
      fixed->push_back(*owners[i]);
    }
  }
  return out;
}

// One more pass over text already changed: lint it as stdin would be, take its safe fixes.
std::vector<diag::Patch> next_patches(const std::string& text,
                                      const validate::LintOptions& opts,
                                      std::vector<diag::Diagnostic>* fixed) {
  std::istringstream in(text);
  auto again = validate::lint({"-"}, in, opts);
  fix::attach_patches(again.diagnostics,
                      [&text](std::string_view) -> std::string_view { return text; });
  return safe_patches(again.diagnostics, opts.stdin_name, fixed);
}

// Later passes take the fixes an earlier one dropped because they overlapped; false when
// the first of them found nothing left to do.
bool more_passes(std::string& text,
                 const validate::LintOptions& opts,
                 FixedText& done,
                 int passes) {
  bool changed = false;
  for (int pass = 0; pass < passes; ++pass) {
    auto more = next_patches(text, opts, &done.fixed);
    if (more.empty()) {
      break;
    }
    changed = true;
    done.patches += more.size();
    text = fix::apply(text, more);
  }
  return changed;
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

FixedText fix_text(std::string text, const validate::LintOptions& opts) {
  FixedText done;
  more_passes(text, opts, done, k_max_passes);
  done.text = std::move(text);
  return done;
}

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
    FixedText done;
    std::string text = fix::apply(src->second, first);
    bool one_pass = !more_passes(text, opts, done, k_max_passes - 1);
    sum.fixes += first.size() + done.patches;
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
