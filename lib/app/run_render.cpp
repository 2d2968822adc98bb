// SPDX-License-Identifier: Apache-2.0
#include "app/run_render.hpp"

#include "diag/format_text.hpp"
#include "parse/inference_service.hpp"
#include "parse/inputs.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "util/error.hpp"
#include "util/parallel.hpp"
#include "validate/schema.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace isvc::app {
namespace {

struct FileResult {
  parse::LoadedFile file;
  render::Result result;
  diag::Sink sink;
};

void render_file(const RenderRequest& req, std::string path, std::string text, FileResult& fr) {
  fr.file = parse::load_yaml(std::move(path), std::move(text), fr.sink);
  for (const auto& doc : fr.file.docs) {
    if (doc.root.is_null()) {
      continue;
    }
    if (parse::is_inference_service(doc.root)) {
      auto isvc = parse::read_inference_service(fr.file.path, doc, fr.sink);
      // Typos such as `averageUtilisation` must refuse, not silently drop intent.
      validate::Document vdoc{fr.file.path,
                              doc,
                              parse::type_meta(doc.root),
                              req.options.config,
                              nullptr,
                              nullptr,
                              nullptr,
                              fr.file.text};
      validate::Schemas::get().validate(vdoc, fr.sink);
      if (!fr.sink.has_errors()) {
        render::render_isvc(isvc, req.options, fr.result, fr.sink);
      }
    } else if (req.include_input) {
      fr.result.objects.push_back(
          emit::Object{parse::to_json(doc.root), fmt::format("{}#{}", fr.file.path, doc.ref())});
    }
  }
}

bool is_input_error(const diag::Diagnostic& d) {
  return d.rule == "yaml-syntax" || d.rule == "io-unreadable";
}

std::string file_name_for(const emit::Doc& body, bool json) {
  std::string kind = body.value("kind", "object");
  std::transform(kind.begin(), kind.end(), kind.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string name = body.contains("metadata") ? body["metadata"].value("name", "unnamed")
                                               : std::string("unnamed");
  std::string ns = body.contains("metadata") ? body["metadata"].value("namespace", "") : "";
  return (ns.empty() ? "" : ns + "_") + kind + "_" + name + (json ? ".json" : ".yaml");
}

// Each object goes to a temporary file first, then is renamed into place,
// so a reader never sees half a manifest.
void write_output_dir(const std::string& dir, const std::vector<emit::Object>& objects, bool json) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw Error(fmt::format("cannot create output directory {}: {}", dir, ec.message()));
  }
  std::set<std::string> seen;
  for (const auto& o : objects) {
    std::string name = file_name_for(o.body, json);
    if (!seen.insert(name).second) {
      throw Error(fmt::format("two rendered objects would both be written to {}/{}", dir, name));
    }
  }
  for (const auto& o : objects) {
    fs::path target = fs::path(dir) / file_name_for(o.body, json);
    fs::path tmp = target;
    tmp += ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (json) {
        emit::write_json(f, o.body);
      } else {
        emit::write_yaml_stream(f, {o});
      }
      if (!f) {
        throw Error(fmt::format("cannot write {}", tmp.string()));
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      throw Error(fmt::format("cannot write {}: {}", target.string(), ec.message()));
    }
  }
}

} // namespace

int run_render(const RenderRequest& req, std::istream& in, std::ostream& out, std::ostream& err) {
  diag::Sink top;
  auto files = parse::expand_inputs(req.paths, top);
  std::vector<std::string> texts(files.size());
  std::vector<bool> readable(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    readable[i] = parse::read_input(files[i], in, texts[i], top);
  }
  std::vector<FileResult> results(files.size());
  unsigned jobs = req.jobs == 0 ? util::default_jobs() : req.jobs;
  util::parallel_for(files.size(), jobs, [&](std::size_t i) {
    if (readable[i]) {
      render_file(req, files[i] == "-" ? std::string("<stdin>") : files[i], std::move(texts[i]),
                  results[i]);
    }
  });
  if (req.verbose) {
    err << "isvc-scale: KServe settings from " << req.options.config.source << '\n';
  }

  std::map<std::string, std::string_view> sources;
  std::vector<diag::Diagnostic> diags = top.items();
  for (auto& r : results) {
    sources[r.file.path] = r.file.text;
    r.sink.sort();
    diags.insert(diags.end(), r.sink.items().begin(), r.sink.items().end());
  }
  auto lookup = [&sources](const std::string& f) -> std::string_view {
    auto it = sources.find(f);
    return it == sources.end() ? std::string_view() : it->second;
  };
  bool failed = false;
  bool input_error = false;
  for (const auto& d : diags) {
    diag::write_text(err, d, lookup);
    failed = failed || d.severity == diag::Severity::error;
    input_error = input_error || is_input_error(d);
  }
  if (failed) {
    err << "isvc-scale: nothing rendered: fix the errors above\n";
    return input_error ? 2 : 1;
  }
  std::vector<emit::Object> objects;
  for (auto& r : results) {
    for (const auto& note : r.result.notes) {
      err << "isvc-scale: note: " << note << '\n';
    }
    std::move(r.result.objects.begin(), r.result.objects.end(), std::back_inserter(objects));
  }
  if (!req.output_dir.empty()) {
    write_output_dir(req.output_dir, objects, req.json);
  } else if (req.json) {
    emit::write_json_list(out, objects);
  } else {
    emit::write_yaml_stream(out, objects);
  }
  return 0;
}

} // namespace isvc::app
