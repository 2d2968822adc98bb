// SPDX-License-Identifier: Apache-2.0
#include "app/run_render.hpp"

#include "app/dir_lock.hpp"
#include "app/post_render.hpp"
#include "app/progress.hpp"
#include "app/render_file.hpp"
#include "app/run_lint.hpp"
#include "diag/format_text.hpp"
#include "parse/inference_service.hpp"
#include "parse/inputs.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "util/error.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"
#include "validate/lint.hpp"
#include "validate/rule.hpp"
#include "validate/schema.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>

namespace isvc::app {
namespace {

// RFC 1123 label, what Kubernetes accepts as a namespace.
bool is_dns_label(const std::string& s) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (s.empty() || s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-'; });
}

// Only [A-Za-z0-9._-], never a leading '.' and never "..": a part is a file name, not a path.
std::string sanitize(const std::string& part) {
  std::string out;
  for (char c : part) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    if (c == '.' && (out.empty() || out.back() == '.')) {
      ok = false;
    }
    out += ok ? c : '_';
  }
  if (!out.empty() && out.back() == '.') {
    out.back() = '_'; // "a." + ".yaml" would hold ".."
  }
  return out;
}

// `<ns>_<kind>_<name>.yaml`; documents without a string metadata.name (a list or a
// scalar passed through by --include-input, `name: 123`) get `fallback`.
std::string file_name_for(const emit::Doc& body, const std::string& fallback, bool json) {
  const char* ext = json ? ".json" : ".yaml";
  if (!body.is_object()) {
    return sanitize(fallback) + ext;
  }
  auto md = body.find("metadata");
  std::string name = md != body.end() && md->is_object() ? string_at(*md, "name") : "";
  if (name.empty()) {
    return sanitize(fallback) + ext; // a List item's is "document-0-0/items/2"
  }
  std::string ns = md->is_object() ? string_at(*md, "namespace") : "";
  std::string kind = string_at(body, "kind");
  std::transform(kind.begin(), kind.end(), kind.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return (ns.empty() ? "" : sanitize(ns) + "_") + (kind.empty() ? "object" : sanitize(kind)) + "_" +
         sanitize(name) + ext;
}

// A temporary file next to `target`, created exclusively ("x": fails if it exists) under
// a random suffix, so nobody can plant it or a link under that name beforehand.
std::filesystem::path create_temp(const std::filesystem::path& target, std::FILE*& f) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::filesystem::path tmp =
        target.parent_path() / fmt::format(".{}.{:016x}.tmp", target.filename().string(), rng());
    f = std::fopen(tmp.c_str(), "wbx");
    if (f != nullptr) {
      return tmp;
    }
    if (errno != EEXIST) {
      break;
    }
  }
  throw Error(fmt::format("cannot create a temporary file next to {}: {}", target.string(),
                          std::strerror(errno)));
}

// All or nothing: every target is checked and every object written to a temporary
// file before the first rename; any failure until then removes the temporary files
// and leaves the directory as it was.
void write_output_dir(const std::string& dir,
                      const std::vector<emit::Object>& objects,
                      const std::vector<std::string>& fallbacks,
                      bool json) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw Error(fmt::format("cannot create output directory {}: {}", dir,
                            ec ? ec.message() : "exists and is not a directory"));
  }
  DirLock lock(dir);
  std::map<std::string, std::string> seen; // file name -> source
  std::vector<fs::path> targets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    std::string name = file_name_for(objects[i].body, fallbacks[i], json);
    auto [it, fresh] = seen.emplace(name, objects[i].source);
    if (!fresh) {
      throw Error(fmt::format("{} and {} would both be written to {}; nothing written", it->second,
                              objects[i].source, (fs::path(dir) / name).string()));
    }
    fs::path target = fs::path(dir) / name;
    auto st = fs::symlink_status(target, ec);
    if (fs::exists(st) && !fs::is_regular_file(st)) {
      throw Error(
          fmt::format("{} exists and is not a regular file; nothing written", target.string()));
    }
    targets.push_back(std::move(target));
  }
  std::vector<fs::path> temps;
  auto discard = [&temps]() {
    std::error_code ignored;
    for (const auto& t : temps) {
      fs::remove(t, ignored);
    }
  };
  try {
    for (std::size_t i = 0; i < objects.size(); ++i) {
      std::ostringstream text;
      if (json) {
        emit::write_json(text, objects[i].body);
      } else {
        emit::write_yaml_stream(text, {objects[i]});
      }
      std::string bytes = text.str();
      std::FILE* f = nullptr;
      temps.push_back(create_temp(targets[i], f));
      bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
      ok = std::fflush(f) == 0 && ok;
      ok = std::fclose(f) == 0 && ok;
      if (!ok) {
        throw Error(
            fmt::format("cannot write {}: {}", temps.back().string(), std::strerror(errno)));
      }
    }
  } catch (...) {
    discard();
    throw;
  }
  // A rename cannot be undone. Everything that can fail (names, targets, disk space)
  // was checked above, so a failure here needs the directory to change under us.
  for (std::size_t i = 0; i < temps.size(); ++i) {
    fs::rename(temps[i], targets[i], ec);
    if (ec) {
      std::vector<fs::path> rest(temps.begin() + static_cast<std::ptrdiff_t>(i), temps.end());
      temps = std::move(rest);
      discard();
      throw Error(fmt::format("cannot rename {} to {}: {} ({} of {} files already in place)",
                              temps.front().string(), targets[i].string(), ec.message(), i,
                              targets.size()));
    }
  }
}

// Admission failures (the CRD schema, KServe's webhook, YAML itself): the preview refuses
// them as KServe's API server would, through its own checks.
bool admission(const diag::Diagnostic& d) {
  return util::starts_with(d.rule, "schema-") || util::starts_with(d.rule, "kserve-") ||
         util::starts_with(d.rule, "yaml-") || d.rule == "io-unreadable";
}

// One answer: render lints its inputs as `isvc-scale lint` would (same rules, the same
// configuration file, suppressions) before rendering. --mode external refuses every lint
// error with lint's own finding; --mode kserve refuses what KServe's API server would
// (schema, webhook) and, since the preview shows what KServe creates, prints the other
// errors as warnings (never silent about objects that will not scale). Returns the exit
// code when rendering stops here, else -1.
int lint_gate(const RenderRequest& req,
              const std::vector<std::string>& files,
              const std::vector<std::string>& texts,
              const std::vector<bool>& readable,
              std::vector<diag::Diagnostic>& warnings,
              diag::SourceLines& lines,
              ProgressLine* progress,
              std::ostream& err) {
  auto opts = file_lint_options("", req.no_config, req.options.config, req.jobs);
  opts.stdin_name = req.stdin_name;
  if (progress != nullptr) {
    opts.progress = [progress](std::string_view, std::size_t done, std::size_t total) {
      progress->update("checking", done, total);
    };
  }
  auto verdict = validate::lint_texts(files, texts, readable, diag::Sink{}, opts);
  if (progress != nullptr) {
    progress->finish(); // the refusals below are written on a clean line
  }
  lines = std::move(verdict.lines);
  auto lookup = diag::line_lookup(lines);
  bool failed = false;
  bool input_error = false;
  for (auto& d : verdict.diagnostics) {
    if (d.severity != diag::Severity::error) {
      continue;
    }
    if (req.options.mode == render::Mode::kserve && !admission(d)) {
      if (d.rule != "render-unrenderable") { // about --mode external's objects, not KServe's
        d.severity = diag::Severity::warning;
        warnings.push_back(std::move(d));
      }
      continue;
    }
    const auto* rule = validate::find_rule(d.rule);
    if (rule != nullptr && rule->kserve_objects) {
      continue; // about KServe's own objects, which --mode external replaces
    }
    diag::write_text_lines(err, d, lookup);
    failed = true;
    input_error = input_error || is_input_error(d);
  }
  if (!failed) {
    return -1;
  }
  err << "isvc-scale: nothing rendered: fix the errors above\n";
  return input_error ? 2 : 1;
}

// Renders every readable file in parallel; a file whose rendering threw gets io-unreadable.
std::vector<RenderedFile> render_files(const RenderRequest& req,
                                       const std::vector<std::string>& files,
                                       std::vector<std::string> texts,
                                       const std::vector<bool>& readable,
                                       ProgressLine* progress) {
  std::vector<RenderedFile> results(files.size());
  unsigned jobs = req.jobs == 0 ? util::default_jobs() : req.jobs;
  std::mutex progress_mutex;
  std::size_t rendered = 0;
  auto crashed = util::parallel_for(files.size(), jobs, [&](std::size_t i) {
    if (readable[i]) {
      render_file(req.options, req.include_input, files[i] == "-" ? req.stdin_name : files[i],
                  std::move(texts[i]), results[i]);
    }
    if (progress != nullptr) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      progress->update("rendering", ++rendered, files.size());
    }
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (crashed[i]) {
      results[i] = RenderedFile{};
      results[i].file.path = files[i] == "-" ? req.stdin_name : files[i];
      parse::unprocessable(results[i].file.path, util::describe(crashed[i]), results[i].sink);
    }
  }
  if (progress != nullptr) {
    progress->finish();
  }
  return results;
}

} // namespace

int run_render(const RenderRequest& req, std::istream& in, std::ostream& out, std::ostream& err) {
  if (req.post_render) {
    return run_post_render(req, in, out, err);
  }
  if (!req.options.ns.empty() && !is_dns_label(req.options.ns)) {
    err << fmt::format("isvc-scale: error: --namespace \"{}\" is not a namespace name (a DNS "
                       "label: at most 63 of a-z, 0-9 and '-', starting and ending with a letter "
                       "or digit)\n",
                       req.options.ns);
    return 2;
  }
  diag::Sink top;
  auto files = parse::expand_inputs(req.paths, top);
  std::optional<ProgressLine> progress;
  if (req.progress) {
    progress.emplace(err);
  }
  std::vector<std::string> texts(files.size());
  std::vector<bool> readable(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    readable[i] = parse::read_input(files[i], in, texts[i], top);
    if (progress) {
      progress->update("reading", i + 1, files.size());
    }
  }
  std::vector<diag::Diagnostic> lint_warnings;
  diag::SourceLines lint_lines;
  ProgressLine* line = progress ? &*progress : nullptr;
  if (int rc = lint_gate(req, files, texts, readable, lint_warnings, lint_lines, line, err);
      rc >= 0) {
    return rc;
  }
  auto results = render_files(req, files, std::move(texts), readable, line);
  if (req.verbose) {
    err << "isvc-scale: KServe settings from " << req.options.config.source << '\n';
  }

  if (int rc = write_diagnostics(top, results, err); rc != 0) {
    return rc;
  }
  for (const auto& d : lint_warnings) {
    diag::write_text_lines(err, d, diag::line_lookup(lint_lines));
  }
  std::vector<emit::Object> objects;
  std::vector<std::string> fallbacks; // file name of an object without a usable name
  for (std::size_t i = 0; i < results.size(); ++i) {
    for (auto& o : results[i].result.objects) {
      fallbacks.push_back(
          fmt::format("document-{}-{}", i, o.source.substr(o.source.rfind('#') + 1)));
      objects.push_back(std::move(o));
    }
  }
  if (auto dup = duplicate(objects); !dup.empty()) {
    err << "isvc-scale: error: " << dup << '\n';
    return 1;
  }
  if (!req.output_dir.empty()) {
    write_output_dir(req.output_dir, objects, fallbacks, req.json);
  } else if (req.json) {
    emit::write_json_list(out, objects);
  } else {
    emit::write_yaml_stream(out, objects);
  }
  return 0;
}

} // namespace isvc::app
