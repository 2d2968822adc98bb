// SPDX-License-Identifier: Apache-2.0
// KRM function (kustomize cmd/config/docs/api-conventions/functions-spec.md: a ResourceList
// on stdin and stdout, errors on stderr, non-zero exit on failure) and kustomize legacy exec
// plugin (api/internal/plugins/execplugin/execplugin.go: argv[1] is the plugin config file,
// the resources come on stdin and go back on stdout as a YAML stream).
#include "app/run_krm.hpp"

#include "app/krm_results.hpp"
#include "app/render_file.hpp"
#include "diag/format_text.hpp"
#include "kserve/component_meta.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "util/error.hpp"
#include "util/spellcheck.hpp"
#include "validate/lint.hpp"

#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace isvc::app {
namespace {

constexpr const char* k_managed_by = "app.kubernetes.io/managed-by";

struct Input {
  std::string api_version = "config.kubernetes.io/v1";
  std::vector<emit::Doc> items;
  emit::Doc function_config; // null when absent
};

struct Outcome {
  std::vector<emit::Doc> items;
  std::vector<emit::Doc> results;
  bool failed = false;
};

const emit::Doc* labels_of(const emit::Doc& item) {
  auto md = item.find("metadata");
  if (md == item.end() || !md->is_object()) {
    return nullptr;
  }
  auto labels = md->find("labels");
  return labels != md->end() && labels->is_object() ? &*labels : nullptr;
}

// What an earlier run rendered carries the label every renderer sets (render/context.cpp).
bool owned(const emit::Doc& item) {
  const auto* labels = labels_of(item);
  return labels != nullptr && string_at(*labels, k_managed_by) == "isvc-scale";
}

// "ns/name" of the InferenceService an owned object was rendered for, or "".
std::string rendered_for(const emit::Doc& item) {
  const auto* labels = labels_of(item);
  std::string isvc = labels != nullptr ? string_at(*labels, kserve::k_isvc_label) : "";
  return isvc.empty() ? isvc : string_at(item["metadata"], "namespace") + "/" + isvc;
}

// functionConfig: `mode` at the top (kind IsvcScale) or under data (a ConfigMap, as kpt
// passes key-value settings); absent means external, the mode in which render owns scaling.
render::Mode parse_mode(const emit::Doc& fc, const std::string& where) {
  if (!fc.is_object()) {
    return render::Mode::external;
  }
  bool cm = string_at(fc, "kind") == "ConfigMap";
  const emit::Doc& holder = cm && fc.contains("data") ? fc["data"] : fc;
  static const std::vector<std::string_view> k_keys = {"apiVersion", "kind", "metadata", "mode"};
  for (auto it = fc.begin(); !cm && it != fc.end(); ++it) {
    if (std::find(k_keys.begin(), k_keys.end(), it.key()) == k_keys.end()) {
      throw Error(fmt::format("{}: unknown key '{}'{}", where, it.key(),
                              util::did_you_mean(it.key(), k_keys)));
    }
  }
  std::string mode = holder.is_object() ? string_at(holder, "mode") : "";
  if (mode.empty() || mode == "external") {
    return render::Mode::external;
  }
  if (mode == "kserve") {
    return render::Mode::kserve;
  }
  throw Error(fmt::format("{}: mode must be external or kserve, not \"{}\"", where, mode));
}

// Parses `text`; false (diagnostics on `err`) when it is no YAML.
bool load(const std::string& path, std::string text, parse::LoadedFile& file, std::ostream& err) {
  diag::Sink sink;
  file = parse::load_yaml(path, std::move(text), sink);
  for (const auto& d : sink.items()) {
    diag::write_text(err, d, [&file](std::string_view) { return std::string_view(file.text); });
  }
  return !sink.has_errors();
}

bool read_resource_list(std::string text, Input& input, std::ostream& err) {
  parse::LoadedFile file;
  if (!load("<stdin>", std::move(text), file, err)) {
    return false;
  }
  std::vector<const parse::Document*> docs;
  for (const auto& d : file.docs) {
    if (!d.root.is_null()) {
      docs.push_back(&d);
    }
  }
  emit::Doc rl = docs.size() == 1 ? parse::to_json(docs.front()->root) : emit::Doc();
  std::string api = rl.is_object() ? string_at(rl, "apiVersion") : "";
  if (!rl.is_object() || string_at(rl, "kind") != "ResourceList" ||
      (api != "config.kubernetes.io/v1" && api != "config.kubernetes.io/v1beta1") ||
      (rl.contains("items") && !rl["items"].is_array())) {
    err << "isvc-scale: error: <stdin>: expected one config.kubernetes.io/v1 ResourceList with "
           "a list of items (for a plain YAML stream, name the exec plugin config: krm CONFIG)\n";
    return false;
  }
  input.api_version = api;
  if (rl.contains("items")) {
    input.items.assign(rl["items"].begin(), rl["items"].end());
  }
  if (rl.contains("functionConfig")) {
    input.function_config = rl["functionConfig"];
  }
  return true;
}

bool read_stream(std::string text, Input& input, std::ostream& err) {
  parse::LoadedFile file;
  if (!load("<stdin>", std::move(text), file, err)) {
    return false;
  }
  for (const auto& d : file.docs) {
    if (!d.root.is_null()) {
      input.items.push_back(parse::to_json(d.root));
    }
  }
  return true;
}

std::string items_stream(const std::vector<emit::Doc>& items) {
  std::ostringstream out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out << (i == 0 ? "" : "---\n");
    emit::write_yaml(out, items[i]);
  }
  return out.str();
}

emit::Doc conflict_result(const emit::Doc& item, const std::string& id) {
  diag::Diagnostic d;
  d.rule = "render-unrenderable";
  d.message = fmt::format("render makes an object with this identity ({}) but this one is not "
                          "managed by isvc-scale (no label {}: isvc-scale); rename or remove it, "
                          "nothing rendered",
                          id, k_managed_by);
  return krm_result(d, &item);
}

// Items kept in order; a rendered object replaces the item it came from (the handed-over
// InferenceService) or one an earlier run rendered, else it is appended; objects an earlier
// run rendered for an InferenceService that no longer renders them are dropped.
bool merge(Outcome& out, const std::vector<emit::Object>& objects) {
  std::map<std::string, std::size_t> where;
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    where.emplace(identity(out.items[i]), i);
  }
  std::set<std::string> rendered_isvcs;
  for (const auto& o : objects) {
    rendered_isvcs.insert(rendered_for(o.body));
  }
  std::vector<bool> drop(out.items.size(), false);
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    drop[i] = owned(out.items[i]) && rendered_isvcs.count(rendered_for(out.items[i])) > 0;
  }
  std::vector<emit::Doc> appended;
  for (const auto& o : objects) {
    std::string id = identity(o.body);
    auto it = where.find(id);
    if (it == where.end() || id.empty()) {
      appended.push_back(o.body);
      continue;
    }
    std::size_t j = it->second;
    bool source = o.source.substr(o.source.rfind('#') + 1) == std::to_string(j);
    if (!source && !owned(out.items[j])) {
      out.results.push_back(conflict_result(out.items[j], id));
      return false;
    }
    out.items[j] = o.body;
    drop[j] = false;
  }
  std::vector<emit::Doc> kept;
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    if (!drop[i]) {
      kept.push_back(std::move(out.items[i]));
    }
  }
  kept.insert(kept.end(), appended.begin(), appended.end());
  out.items = std::move(kept);
  return true;
}

Outcome transform(const std::vector<emit::Doc>& items, const render::Options& opts) {
  Outcome out;
  out.items = items;
  std::string text = items_stream(items);
  validate::LintOptions lint_opts;
  lint_opts.config = opts.config;
  lint_opts.jobs = 1;
  std::istringstream lint_in(text);
  auto linted = validate::lint({"-"}, lint_in, lint_opts);
  RenderedFile rendered;
  render_file(opts, false, "<stdin>", text, rendered);
  diag::Sink all;
  for (const auto* src : {&linted.diagnostics, &rendered.sink.items()}) {
    for (const auto& d : *src) {
      all.add(d);
    }
  }
  all.sort();
  for (const auto& d : all.items()) {
    bool known = d.doc >= 0 && static_cast<std::size_t>(d.doc) < items.size();
    out.results.push_back(krm_result(d, known ? &items[static_cast<std::size_t>(d.doc)] : nullptr));
    out.failed = out.failed || d.severity == diag::Severity::error;
  }
  if (!out.failed && !rendered.sink.has_errors()) {
    out.failed = !merge(out, rendered.result.objects);
  }
  return out;
}

std::string slurp(std::istream& in) {
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

emit::Doc read_config_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    throw Error("cannot open plugin config " + path);
  }
  std::ostringstream err;
  parse::LoadedFile file;
  if (!load(path, slurp(f), file, err)) {
    throw Error("plugin config does not parse:\n" + err.str());
  }
  return file.docs.empty() ? emit::Doc() : parse::to_json(file.docs.front().root);
}

} // namespace

int run_krm(const KrmRequest& req, std::istream& in, std::ostream& out, std::ostream& err) {
  bool exec = !req.exec_config.empty();
  Input input;
  if (exec) {
    input.function_config = read_config_file(req.exec_config);
  }
  if (!(exec ? read_stream(slurp(in), input, err) : read_resource_list(slurp(in), input, err))) {
    return 2;
  }
  render::Options opts;
  opts.config = req.kserve;
  opts.mode = parse_mode(input.function_config, exec ? req.exec_config : "functionConfig");
  Outcome done = transform(input.items, opts);
  if (exec) {
    for (const auto& r : done.results) {
      err << "isvc-scale: " << result_line(r) << '\n';
    }
    if (done.failed) {
      return 1;
    }
    out << items_stream(done.items);
    return 0;
  }
  emit::Doc rl = emit::Doc::object();
  rl["apiVersion"] = input.api_version;
  rl["kind"] = "ResourceList";
  rl["items"] = emit::Doc::array();
  for (auto& item : done.items) {
    rl["items"].push_back(std::move(item));
  }
  if (!input.function_config.is_null()) {
    rl["functionConfig"] = input.function_config;
  }
  if (!done.results.empty()) {
    rl["results"] = done.results;
  }
  emit::write_yaml(out, rl);
  for (const auto& r : done.results) {
    if (string_at(r, "severity") == "error") {
      err << "isvc-scale: " << result_line(r) << '\n';
    }
  }
  return done.failed ? 1 : 0;
}

} // namespace isvc::app
