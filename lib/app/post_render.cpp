// SPDX-License-Identifier: Apache-2.0
#include "app/post_render.hpp"

#include "app/render_file.hpp"
#include "parse/to_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace isvc::app {
namespace {

diag::Diagnostic
error_at(const std::string& file, const parse::Document& doc, std::string message) {
  diag::Diagnostic d;
  d.file = file;
  d.mark = doc.root.mark;
  d.doc = doc.index;
  d.rule = "render-unrenderable";
  d.message = std::move(message);
  return d;
}

// Helm applies every document it gets back: one that is no object (a list, a scalar, a map
// without apiVersion and kind) would fail the release later, so it fails here.
void check_objects(RenderedFile& fr) {
  for (const auto& doc : fr.file.docs) {
    if (doc.root.is_null()) {
      continue; // empty documents and comment-only ones pass through
    }
    const auto* api = doc.root.get("apiVersion");
    const auto* kind = doc.root.get("kind");
    bool object = doc.root.is_map() && api != nullptr && api->is_scalar() && !api->value.empty() &&
                  kind != nullptr && kind->is_scalar() && !kind->value.empty();
    if (!object) {
      fr.sink.add(
          error_at(fr.file.path, doc,
                   fmt::format("this document is {}, not a Kubernetes object "
                               "with apiVersion and kind; nothing passed on",
                               doc.root.is_map() ? "a mapping without apiVersion "
                                                   "or kind"
                                                 : std::string(model::describe(doc.root)))));
    }
  }
}

// "k: v, ..." for the annotations the handed-over copy sets differently.
std::string changed_annotations(const emit::Doc& have, const emit::Doc& want) {
  auto ann = [](const emit::Doc& d) {
    const auto md = d.find("metadata");
    return md != d.end() && md->is_object() && md->contains("annotations") ? (*md)["annotations"]
                                                                           : emit::Doc::object();
  };
  emit::Doc a = ann(have);
  emit::Doc b = ann(want);
  std::string out;
  for (const auto& [k, v] : b.items()) {
    if (!a.contains(k) || a[k] != v) {
      out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", k, v.dump());
    }
  }
  return out.empty() ? "the same annotations" : out;
}

// The objects to append: a re-emitted InferenceService equal to its input document is already
// in the stream; one that differs cannot be passed on unchanged and is refused.
std::vector<emit::Object> to_append(RenderedFile& fr) {
  std::vector<emit::Object> out;
  for (auto& o : fr.result.objects) {
    int index = std::stoi(o.source.substr(o.source.rfind('#') + 1));
    const parse::Document* src = nullptr;
    for (const auto& d : fr.file.docs) {
      src = d.index == index ? &d : src;
    }
    if (src == nullptr || string_at(o.body, "kind") != "InferenceService") {
      out.push_back(std::move(o));
      continue;
    }
    emit::Doc have = parse::to_json(src->root);
    if (nlohmann::json(have) != nlohmann::json(o.body)) {
      fr.sink.add(error_at(
          fr.file.path, *src,
          fmt::format("InferenceService {} is scaled by KServe; --post-render passes it on "
                      "unchanged, so hand it over in the chart: set {}",
                      string_at(o.body["metadata"], "name"), changed_annotations(have, o.body))));
    }
  }
  return out;
}

} // namespace

int run_post_render(const RenderRequest& req,
                    std::istream& in,
                    std::ostream& out,
                    std::ostream& err) {
  if (!req.paths.empty() || req.options.mode != render::Mode::external || req.json ||
      req.include_input || !req.output_dir.empty()) {
    err << "isvc-scale: error: --post-render reads standard input only and writes YAML in "
           "--mode external: drop PATH, --mode kserve, -o json, --include-input and "
           "--output-dir\n";
    return 2;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  std::vector<RenderedFile> files(1);
  render_file(req.options, false, req.stdin_name, text, files[0]);
  check_objects(files[0]);
  auto appended = to_append(files[0]);
  std::vector<emit::Object> all;
  for (const auto& d : files[0].file.docs) {
    if (!d.root.is_null()) {
      all.push_back(
          emit::Object{parse::to_json(d.root), fmt::format("{}#{}", req.stdin_name, d.index)});
    }
  }
  all.insert(all.end(), appended.begin(), appended.end());
  if (auto dup = duplicate(all); !dup.empty()) {
    diag::Diagnostic d;
    d.file = req.stdin_name;
    d.mark = {1, 1};
    d.rule = "render-unrenderable";
    d.message = dup;
    files[0].sink.add(std::move(d));
  }
  if (int rc = write_diagnostics(diag::Sink(), files, err); rc != 0) {
    return rc;
  }
  out << text;
  if (!appended.empty()) {
    out << (text.empty() || text.back() == '\n' ? "" : "\n") << (text.empty() ? "" : "---\n");
    emit::write_yaml_stream(out, appended);
  }
  return 0;
}

} // namespace isvc::app
