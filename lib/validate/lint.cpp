// SPDX-License-Identifier: Apache-2.0
#include "validate/lint.hpp"

#include "parse/inputs.hpp"
#include "plan/plan.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"
#include "validate/rule.hpp"
#include "validate/schema.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

namespace isvc::validate {
namespace {

constexpr std::string_view k_ignore_prefix = "ignore-check.isvc-scale.io/";

Applies classify(const parse::TypeMeta& tm) {
  if (tm.kind == "InferenceService" && util::starts_with(tm.api_version, "serving.kserve.io/")) {
    return Applies::inference_service;
  }
  if (util::starts_with(tm.api_version, "keda.sh/")) {
    if (tm.kind == "ScaledObject") {
      return Applies::scaled_object;
    }
    if (tm.kind == "TriggerAuthentication" || tm.kind == "ClusterTriggerAuthentication") {
      return Applies::trigger_authentication;
    }
  }
  if (tm.kind == "HorizontalPodAutoscaler" && util::starts_with(tm.api_version, "autoscaling/")) {
    return Applies::hpa;
  }
  if (tm.kind == "PodMonitor" && util::starts_with(tm.api_version, "monitoring.coreos.com/")) {
    return Applies::pod_monitor;
  }
  if (tm.kind == "OpenTelemetryCollector" &&
      util::starts_with(tm.api_version, "opentelemetry.io/")) {
    return Applies::otel_collector;
  }
  return Applies::any;
}

// Everything parsed from one file; kept alive for the cross-document pass.
struct FileState {
  parse::LoadedFile file;
  diag::Sink sink;
  std::deque<model::InferenceService> isvcs;
  std::deque<plan::Plan> plans;
  std::deque<Subject> docs;
  std::vector<Applies> kinds;
  util::LineIndex lines;
  // Document index -> its Subject / parsed document, so attributing a finding does not scan
  // every document of the file (quadratic on a stream of thousands of documents).
  std::unordered_map<int, const Subject*> subject_of;
  std::unordered_map<int, const parse::Document*> doc_of;
};

void lint_file(FileState& st, std::string path, std::string text, const LintOptions& opts) {
  st.file = parse::load_yaml(std::move(path), std::move(text), st.sink);
  st.lines = util::LineIndex(st.file.text);
  const auto& schemas = Schemas::get();
  for (const auto& pdoc : st.file.docs) {
    st.doc_of.emplace(pdoc.index, &pdoc);
    if (!pdoc.root.is_map()) {
      continue; // empty documents and stray scalars carry nothing to lint
    }
    auto tm = parse::type_meta(pdoc.root);
    Applies kind = classify(tm);
    Subject& d = st.docs.emplace_back(Subject{st.file.path, pdoc, tm, opts.config, nullptr, nullptr,
                                              nullptr, st.file.text, &st.lines});
    st.kinds.push_back(kind);
    st.subject_of.emplace(pdoc.index, &d);
    if (kind == Applies::inference_service) {
      const auto& isvc =
          st.isvcs.emplace_back(parse::read_inference_service(st.file.path, pdoc, st.sink));
      d.isvc = &isvc;
      const auto& p = st.plans.emplace_back(plan::resolve(isvc, opts.config, "", st.sink));
      d.plan = &p;
      d.ext = &p.ext;
      d.violations = &p.violations;
    }
    schemas.validate(d, st.sink); // disabled schema-* ids are dropped with the others in keep()
    for (const Rule* r : rules()) {
      if (r->check == nullptr || (r->applies != kind && r->applies != Applies::any) ||
          !rule_active(r->id, r->default_on, opts)) {
        continue;
      }
      Reporter rep(*r, d, st.sink);
      r->check(d, rep);
    }
  }
}

// `ignore-check.isvc-scale.io/<rule>` on the object silences that rule for it.
std::optional<diag::Suppression> suppression(const diag::Diagnostic& d,
                                             const std::vector<FileState*>& by_file,
                                             const std::map<std::string, std::size_t>& index) {
  auto it = index.find(d.file);
  if (it == index.end() || d.doc < 0) {
    return std::nullopt;
  }
  const auto& subjects = by_file[it->second]->subject_of;
  auto doc = subjects.find(d.doc);
  if (doc == subjects.end()) {
    return std::nullopt;
  }
  const auto* meta = doc->second->root().get("metadata");
  const auto* ann = meta != nullptr ? meta->get("annotations") : nullptr;
  if (ann == nullptr || !ann->is_map()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < ann->keys.size(); ++i) {
    const auto& [k, m] = ann->keys[i];
    if (util::starts_with(k, k_ignore_prefix) &&
        (k.substr(k_ignore_prefix.size()) == d.rule || k.substr(k_ignore_prefix.size()) == "all")) {
      return diag::Suppression{k, m, ann->items[i].value};
    }
  }
  return std::nullopt;
}

// Findings that only restate another one on the very same field. The API server rejects a
// schema violation before KServe's webhook runs, but where both judge a field (`scaleMetric:
// qps` fails the CRD enum and the KPA check) KServe's rule names the fix, so it is kept and the
// schema finding dropped (it returns when that rule is disabled). Render's refusal of a field
// either already rejects adds nothing either.
std::vector<bool> restated(const std::vector<diag::Diagnostic>& items,
                           const std::vector<bool>& kept) {
  std::set<std::pair<int, std::string>> webhook_nodes;
  std::set<std::pair<int, std::string>> schema_nodes;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!kept[i] || items[i].pointer.empty()) {
      continue;
    }
    if (util::starts_with(items[i].rule, "kserve-")) {
      webhook_nodes.emplace(items[i].doc, items[i].pointer);
    } else if (util::starts_with(items[i].rule, "schema-")) {
      schema_nodes.emplace(items[i].doc, items[i].pointer);
    }
  }
  std::vector<bool> out(items.size(), false);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& d = items[i];
    std::pair<int, std::string> node{d.doc, d.pointer};
    bool judged = webhook_nodes.count(node) != 0;
    out[i] = (util::starts_with(d.rule, "schema-") && judged) ||
             (d.rule == "render-unrenderable" && (judged || schema_nodes.count(node) != 0));
  }
  return out;
}

// A finding inside an item of a `kind: List` names the List document and /items/N/...
void to_list_item(diag::Diagnostic& d, const FileState& st) {
  if (d.doc < parse::k_list_item_base) {
    return;
  }
  if (auto it = st.doc_of.find(d.doc); it != st.doc_of.end()) {
    d.doc = it->second->source_index;
    d.pointer = it->second->pointer_base + d.pointer;
  }
}

} // namespace

bool rule_active(std::string_view rule, bool default_on, const LintOptions& opts) {
  std::string id(rule);
  if (opts.disabled.count(id) != 0) {
    return false;
  }
  return default_on || opts.enabled.count(id) != 0;
}

LintResult lint(const std::vector<std::string>& paths, std::istream& in, const LintOptions& opts) {
  diag::Sink top;
  auto files = parse::expand_inputs(paths, top);
  std::size_t found = files.size();
  parse::drop_excluded(files, opts.exclude, opts.exclude_base);
  std::size_t excluded = found - files.size();
  std::vector<std::string> texts(files.size());
  std::vector<bool> readable(files.size(), false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    readable[i] = parse::read_input(files[i], in, texts[i], top);
    if (opts.progress) {
      opts.progress("reading", i + 1, files.size());
    }
  }
  auto result = lint_texts(files, std::move(texts), readable, std::move(top), opts);
  result.excluded = excluded;
  return result;
}

LintResult lint_texts(const std::vector<std::string>& files,
                      std::vector<std::string> texts,
                      const std::vector<bool>& readable,
                      diag::Sink top,
                      const LintOptions& opts) {
  LintResult result;
  std::vector<std::unique_ptr<FileState>> states(files.size());
  unsigned jobs = opts.jobs == 0 ? util::default_jobs() : opts.jobs;
  std::mutex progress_mutex;
  std::size_t linted = 0;
  auto crashed = util::parallel_for(files.size(), jobs, [&](std::size_t i) {
    states[i] = std::make_unique<FileState>();
    if (readable[i]) {
      lint_file(*states[i], files[i] == "-" ? opts.stdin_name : files[i], std::move(texts[i]),
                opts);
    }
    if (opts.progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      opts.progress("linting", ++linted, files.size());
    }
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (crashed[i]) {
      states[i] = std::make_unique<FileState>();
      states[i]->file.path = files[i] == "-" ? opts.stdin_name : files[i];
      parse::unprocessable(states[i]->file.path, util::describe(crashed[i]), states[i]->sink);
    }
  }

  // Cross-document rules see every document of every input.
  Corpus corpus;
  std::vector<FileState*> by_file;
  std::map<std::string, std::size_t> index;
  diag::Sink cross;
  for (auto& st : states) {
    by_file.push_back(st.get());
    index[st->file.path] = by_file.size() - 1;
    for (const auto& d : st->docs) {
      corpus.docs.push_back(&d);
    }
  }
  for (const Rule* r : rules()) {
    if (r->cross != nullptr && rule_active(r->id, r->default_on, opts)) {
      CrossReporter rep(*r, cross);
      r->cross(corpus, rep);
    }
  }

  std::map<std::string, std::vector<diag::Diagnostic*>> cross_by_file;
  for (auto& d : cross.items()) {
    cross_by_file[d.file].push_back(&d);
  }

  auto keep = [&](diag::Diagnostic& d) {
    if (d.rule == "yaml-syntax" || d.rule == "io-unreadable") {
      return true; // input that was never checked: exit 2 whatever the configuration says
    }
    const Rule* r = find_rule(d.rule);
    if (r != nullptr && !rule_active(d.rule, r->default_on, opts)) {
      return false;
    }
    if (util::starts_with(d.rule, "schema-") && !rule_active(d.rule, true, opts)) {
      return false;
    }
    auto sev = opts.severity.find(d.rule.str());
    if (sev != opts.severity.end()) {
      d.severity = sev->second;
    }
    d.suppression = suppression(d, by_file, index);
    return !d.suppression;
  };
  for (auto& d : top.items()) {
    if (keep(d)) {
      result.diagnostics.push_back(d);
    }
  }
  for (auto& st : states) {
    // Cross findings are merged into their file so output stays in input order.
    if (auto it = cross_by_file.find(st->file.path); it != cross_by_file.end()) {
      for (auto* d : it->second) {
        st->sink.add(std::move(*d));
      }
    }
    st->sink.sort();
    auto& items = st->sink.items();
    std::vector<bool> kept(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      kept[i] = keep(items[i]);
    }
    auto shadowed = restated(items, kept);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (kept[i] && !shadowed[i]) {
        to_list_item(items[i], *st);
        result.diagnostics.push_back(std::move(items[i]));
      } else if (items[i].suppression) {
        to_list_item(items[i], *st);
        result.suppressed.push_back(std::move(items[i]));
      }
    }
    result.documents += st->file.docs.size();
    result.lintable += static_cast<std::size_t>(std::count_if(
        st->kinds.begin(), st->kinds.end(), [](Applies k) { return k != Applies::any; }));
    result.sources[st->file.path] = std::move(st->file.text);
  }
  result.files = files.size();
  for (const auto& f : files) {
    result.file_names.push_back(f == "-" ? opts.stdin_name : f);
  }
  return result;
}

} // namespace isvc::validate
