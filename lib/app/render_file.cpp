// SPDX-License-Identifier: Apache-2.0
#include "app/render_file.hpp"

#include "diag/format_text.hpp"
#include "parse/inference_service.hpp"
#include "parse/to_json.hpp"
#include "validate/schema.hpp"

#include <fmt/format.h>
#include <map>

namespace isvc::app {
std::string string_at(const emit::Doc& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void render_file(const render::Options& opts,
                 bool include_input,
                 std::string path,
                 std::string text,
                 RenderedFile& fr) {
  fr.file = parse::load_yaml(std::move(path), std::move(text), fr.sink);
  for (const auto& doc : fr.file.docs) {
    if (doc.root.is_null()) {
      continue;
    }
    if (parse::is_inference_service(doc.root)) {
      auto isvc = parse::read_inference_service(fr.file.path, doc, fr.sink);
      // Typos such as `averageUtilisation` must refuse, not silently drop intent.
      validate::Subject vdoc{fr.file.path, doc,         parse::type_meta(doc.root),
                             opts.config,  nullptr,     nullptr,
                             nullptr,      fr.file.text};
      validate::Schemas::get().validate(vdoc, fr.sink);
      // One that render leaves alone (Knative, unknown mode) is still input: dropping it
      // would make `render --include-input | kubectl apply --prune` delete it.
      if (!fr.sink.has_errors() && !render::render_isvc(isvc, opts, fr.result, fr.sink) &&
          include_input && opts.mode == render::Mode::external && !fr.sink.has_errors()) {
        fr.result.objects.push_back(
            emit::Object{parse::to_json(doc.root), fmt::format("{}#{}", fr.file.path, doc.index)});
      }
    } else if (include_input) {
      fr.result.objects.push_back(
          emit::Object{parse::to_json(doc.root), fmt::format("{}#{}", fr.file.path, doc.ref())});
    }
  }
}

std::string identity(const emit::Doc& body) {
  if (!body.is_object() || !body.contains("metadata") || !body["metadata"].is_object()) {
    return {};
  }
  const auto& md = body["metadata"];
  std::string name = string_at(md, "name");
  if (name.empty()) {
    return {};
  }
  std::string ns = string_at(md, "namespace");
  return fmt::format("{} {} {}{}", string_at(body, "apiVersion"), string_at(body, "kind"),
                     ns.empty() ? "" : ns + "/", name);
}

std::string duplicate(const std::vector<emit::Object>& objects) {
  std::map<std::string, const emit::Object*> seen;
  for (const auto& o : objects) {
    std::string id = identity(o.body);
    if (id.empty()) {
      continue;
    }
    auto [it, fresh] = seen.emplace(id, &o);
    if (!fresh) {
      return fmt::format("{} twice, from {} and from {}; nothing rendered", id, it->second->source,
                         o.source);
    }
  }
  return {};
}

bool is_input_error(const diag::Diagnostic& d) {
  return d.rule == "yaml-syntax" || d.rule == "io-unreadable";
}

int write_diagnostics(const diag::Sink& top,
                      std::vector<RenderedFile>& results,
                      std::ostream& err) {
  std::map<std::string, std::string_view, std::less<>> sources;
  std::vector<diag::Diagnostic> diags = top.items();
  for (auto& r : results) {
    sources[r.file.path] = r.file.text;
    r.sink.sort();
    diags.insert(diags.end(), r.sink.items().begin(), r.sink.items().end());
  }
  auto lookup = [&sources](std::string_view f) -> std::string_view {
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
  for (const auto& r : results) {
    for (const auto& note : r.result.notes) {
      err << "isvc-scale: note: " << note << '\n';
    }
  }
  return 0;
}

} // namespace isvc::app
