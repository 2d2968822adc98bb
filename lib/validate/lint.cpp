// SPDX-License-Identifier: Apache-2.0
#include "validate/lint.hpp"

#include "diag/format_text.hpp"
#include "fix/attach.hpp"
#include "parse/document_stream.hpp"
#include "parse/inputs.hpp"
#include "plan/plan.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"
#include "validate/rule.hpp"
#include "validate/schema.hpp"

#include <algorithm>
#include <any>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <tuple>
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

// What stays of one file once it is linted: its findings (caret lines and fix patches
// attached) and the little the cross-document pass needs. Documents, models, plans and
// Subjects are gone by then, so memory follows the findings, not the corpus.
struct FileOutcome {
  std::vector<diag::Diagnostic> kept;
  std::vector<diag::Diagnostic> suppressed;
  /// Per active cross rule (cross_rules() order): its facts from this file.
  std::vector<std::any> facts;
  /// Document index -> its `ignore-check.isvc-scale.io/` annotations, in order.
  std::unordered_map<int, std::vector<diag::Suppression>> ignores;
  /// List item index -> the List document's index and the item's pointer in it.
  std::unordered_map<int, std::pair<int, std::string>> list_items;
  std::size_t documents = 0;
  std::size_t lintable = 0;
  /// Its directory's number among the inputs' directories (Subject::directory).
  std::uint32_t directory = 0;
  /// The lines its findings point at (text output's caret lines), by 1-based number.
  diag::LineStore lines;
  /// The text, only with LintOptions::keep_sources.
  std::string text;
};

// One file while it is linted.
struct FileRun {
  const std::string& path;
  std::string_view text;
  util::LineIndex lines;
  diag::Sink sink;
  const LintOptions& opts;
  const std::vector<const Rule*>& cross;
  FileOutcome& out;
  /// Findings of the sink before this one have their caret lines and patches (take_text).
  std::size_t taken = 0;
  /// `path` as every finding of the file shares it.
  util::SharedText shared_path = util::SharedText(path);
};

// The cross-document rules `opts` runs, in registry order.
std::vector<const Rule*> cross_rules(const LintOptions& opts) {
  std::vector<const Rule*> out;
  for (const Rule* r : rules()) {
    if (r->cross != nullptr && rule_active(r->id, r->default_on, opts)) {
      out.push_back(r);
    }
  }
  return out;
}

std::vector<diag::Suppression> ignores_of(const model::Node& root) {
  std::vector<diag::Suppression> out;
  const auto* meta = root.get("metadata");
  const auto* ann = meta != nullptr ? meta->get("annotations") : nullptr;
  if (ann == nullptr || !ann->is_map()) {
    return out;
  }
  for (std::size_t i = 0; i < ann->keys.size(); ++i) {
    const auto& [k, m] = ann->keys[i];
    if (util::starts_with(k, k_ignore_prefix)) {
      out.push_back(diag::Suppression{k, m, ann->items[i].value});
    }
  }
  return out;
}

// Every check of one document, and the facts each cross rule keeps of it; the document's
// model and plan live only as long as this call.
void lint_document(FileRun& run, const parse::Document& pdoc) {
  ++run.out.documents;
  if (pdoc.index >= parse::k_list_item_base) {
    run.out.list_items.emplace(pdoc.index, std::make_pair(pdoc.source_index, pdoc.pointer_base));
  }
  if (!pdoc.root.is_map()) {
    return; // empty documents and stray scalars carry nothing to lint
  }
  auto tm = parse::type_meta(pdoc.root);
  Applies kind = classify(tm);
  run.out.lintable += kind != Applies::any ? 1 : 0;
  if (auto ign = ignores_of(pdoc.root); !ign.empty()) {
    run.out.ignores.emplace(pdoc.index, std::move(ign));
  }
  const auto& opts = run.opts;
  Subject d{run.path, pdoc, tm, opts.config, nullptr, nullptr, nullptr, run.text, &run.lines};
  d.file_text = &run.shared_path;
  d.caret_lines = &run.out.lines;
  d.directory = run.out.directory;
  std::optional<model::InferenceService> isvc;
  std::optional<plan::Plan> plan;
  if (kind == Applies::inference_service) {
    isvc.emplace(parse::read_inference_service(run.path, pdoc, run.sink));
    d.isvc = &*isvc;
    plan.emplace(plan::resolve(*isvc, opts.config, "", run.sink));
    d.plan = &*plan;
    d.ext = &plan->ext;
    d.violations = &plan->violations;
  }
  Schemas::get().validate(d, run.sink); // disabled schema-* ids are dropped in keep()
  for (const Rule* r : rules()) {
    if (r->check == nullptr || (r->applies != kind && r->applies != Applies::any) ||
        !rule_active(r->id, r->default_on, opts)) {
      continue;
    }
    Reporter rep(*r, d, run.sink);
    r->check(d, rep);
  }
  for (std::size_t k = 0; k < run.cross.size(); ++k) {
    run.cross[k]->cross->collect(d, run.out.facts[k]);
  }
}

// `ignore-check.isvc-scale.io/<rule>` on the object silences that rule for it.
std::optional<diag::Suppression> suppression(const diag::Diagnostic& d, const FileOutcome& f) {
  auto it = d.doc < 0 ? f.ignores.end() : f.ignores.find(d.doc);
  if (it == f.ignores.end()) {
    return std::nullopt;
  }
  for (const auto& s : it->second) {
    auto id = std::string_view(s.annotation).substr(k_ignore_prefix.size());
    if (id == d.rule || id == "all") {
      return s;
    }
  }
  return std::nullopt;
}

// Whether `d` is reported under `opts` (its severity set as configured); `file` gives the
// suppressing annotations of its object (none for findings outside any file).
bool keep(diag::Diagnostic& d, const FileOutcome* file, const LintOptions& opts) {
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
  d.suppression = file != nullptr ? suppression(d, *file) : std::nullopt;
  return !d.suppression;
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
void to_list_item(diag::Diagnostic& d, const FileOutcome& f) {
  if (d.doc < parse::k_list_item_base) {
    return;
  }
  if (auto it = f.list_items.find(d.doc); it != f.list_items.end()) {
    d.doc = it->second.first;
    d.pointer = it->second.second + d.pointer;
  }
}

// Moves `more` to the end of `into` (the vector itself when `into` is empty).
void append(std::vector<diag::Diagnostic>& into, std::vector<diag::Diagnostic>& more) {
  if (into.empty()) {
    into.swap(more);
    return;
  }
  into.insert(into.end(), std::make_move_iterator(more.begin()),
              std::make_move_iterator(more.end()));
  more = {};
}

// Sink::sort's order (file, line, column, rule, the more severe first), for merging two
// lists it sorted.
bool sorts_before(const diag::Diagnostic& a, const diag::Diagnostic& b) {
  return std::tie(a.file, a.mark.line, a.mark.col, a.rule, b.severity) <
         std::tie(b.file, b.mark.line, b.mark.col, b.rule, a.severity);
}

// Sorted findings of one file into what is reported and what an annotation silenced. The
// reported ones are compacted in place and the vector itself handed on, so a file's 64k
// findings are never held twice.
void sort_out(diag::Sink& sink,
              const FileOutcome& f,
              const LintOptions& opts,
              std::vector<diag::Diagnostic>& kept_out,
              std::vector<diag::Diagnostic>& suppressed_out) {
  sink.sort();
  auto& items = sink.items();
  std::vector<bool> kept(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    kept[i] = keep(items[i], &f, opts);
  }
  auto shadowed = restated(items, kept);
  std::size_t n = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (kept[i] && !shadowed[i]) {
      to_list_item(items[i], f);
      if (n != i) {
        items[n] = std::move(items[i]);
      }
      ++n;
    } else if (items[i].suppression) {
      to_list_item(items[i], f);
      suppressed_out.push_back(std::move(items[i]));
    }
  }
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(n), items.end());
  append(kept_out, items);
}

// What the findings added since the last call need of the text: their caret lines and fix
// patches, taken while the document they point into is the current one, so that the text
// behind it can go (InputText::release_before). Findings later dropped or silenced may leave
// a line no output asks for; settle() takes the patches of the silenced ones away again.
void take_text(FileRun& run) {
  auto& items = run.sink.items();
  std::span<diag::Diagnostic> fresh(items.begin() + static_cast<std::ptrdiff_t>(run.taken),
                                    items.end());
  for (const auto& d : fresh) {
    if (!run.out.lines.has(d.mark.line)) {
      if (auto line = run.lines.line(run.text, d.mark.line); !line.empty()) {
        run.out.lines.add(d.mark.line, line);
      }
    }
  }
  fix::attach_patches(fresh, run.text, run.lines);
  for (auto& d : fresh) {
    d.edit.reset(); // spent: its patches are all a finding needs from here on (64k findings: 6 MiB)
  }
  run.taken = items.size();
}

// The file's own findings, sorted and filtered, once its text was taken.
void settle(FileRun& run) {
  take_text(run);
  auto& out = run.out;
  sort_out(run.sink, out, run.opts, out.kept, out.suppressed);
  for (auto& d : out.suppressed) {
    d.patches.clear(); // a silenced finding is not fixed
  }
  if (run.opts.keep_sources) {
    out.text = std::string(run.text);
  }
}

void lint_file(FileOutcome& out,
               const std::string& path,
               parse::InputText input,
               const LintOptions& opts,
               const std::vector<const Rule*>& cross) {
  // The text is read for positions and caret lines while its document is linted; each
  // document's tree goes as soon as it is, and a mapped file's pages before it too.
  std::string_view text = input.view();
  FileRun run{path, text, util::LineIndex(text), {}, opts, cross, out};
  parse::for_each_document(
      path, text, run.sink,
      [&run, &input](parse::Document&& doc) {
        lint_document(run, doc);
        take_text(run);
        if (auto at = run.lines.start(doc.root.mark.line); at != std::string_view::npos) {
          input.release_before(at);
        }
      },
      &run.lines);
  settle(run);
}

} // namespace

bool rule_active(std::string_view rule, bool default_on, const LintOptions& opts) {
  std::string id(rule);
  if (opts.disabled.count(id) != 0) {
    return false;
  }
  return default_on || opts.enabled.count(id) != 0;
}

namespace {

// Reads input `i` into `text` (findings of reading it into `sink`); false if unreadable.
using ReadFn = std::function<bool(std::size_t i, parse::InputText& text, diag::Sink& sink)>;

// Runs every active cross rule's `finish` over the files' facts and merges each finding
// into its file's, in the order a single sort of both would give.
void cross_pass(std::vector<FileOutcome>& files,
                const std::vector<std::string>& names,
                const std::vector<const Rule*>& cross,
                const LintOptions& opts) {
  diag::Sink found;
  std::vector<const std::any*> facts(files.size());
  for (std::size_t k = 0; k < cross.size(); ++k) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      facts[i] = &files[i].facts[k];
    }
    CrossReporter rep(*cross[k], found);
    cross[k]->cross->finish(facts, rep);
  }
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) {
    index.emplace(names[i], i);
  }
  std::vector<diag::Sink> by_file(files.size());
  for (auto& d : found.items()) {
    if (auto it = index.find(d.file); it != index.end()) {
      by_file[it->second].add(std::move(d));
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (by_file[i].size() == 0) {
      continue;
    }
    auto& f = files[i];
    std::vector<diag::Diagnostic> kept;
    std::vector<diag::Diagnostic> suppressed;
    sort_out(by_file[i], f, opts, kept, suppressed);
    auto merge = [](std::vector<diag::Diagnostic>& into, std::vector<diag::Diagnostic>& more) {
      std::vector<diag::Diagnostic> all;
      all.reserve(into.size() + more.size());
      // Ties keep the file's own first, as the stable sort of both together did.
      std::merge(std::make_move_iterator(into.begin()), std::make_move_iterator(into.end()),
                 std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()),
                 std::back_inserter(all), sorts_before);
      into = std::move(all);
    };
    merge(f.kept, kept);
    merge(f.suppressed, suppressed);
  }
}

void collect(std::vector<FileOutcome>& files,
             const std::vector<std::string>& names,
             diag::Sink& top,
             const LintOptions& opts,
             LintResult& result) {
  for (auto& d : top.items()) {
    if (keep(d, nullptr, opts)) {
      result.diagnostics.push_back(std::move(d));
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto& f = files[i];
    append(result.diagnostics, f.kept);
    append(result.suppressed, f.suppressed);
    result.documents += f.documents;
    result.lintable += f.lintable;
    result.lines[names[i]].merge(std::move(f.lines));
    if (opts.keep_sources) {
      result.sources[names[i]] = std::move(f.text);
    }
  }
  result.files = files.size();
  result.file_names = names;
}

// Each file's directory as a number (Subject::scope), decided before the files are linted in
// parallel: a cross rule's key holds the number, not the path, once per document.
void number_directories(const std::vector<std::string>& names, std::vector<FileOutcome>& out) {
  std::map<std::string, std::uint32_t, std::less<>> ids;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto dir = std::filesystem::path(names[i]).parent_path().string();
    out[i].directory =
        ids.try_emplace(std::move(dir), static_cast<std::uint32_t>(ids.size())).first->second;
  }
}

LintResult lint_inputs(const std::vector<std::string>& files,
                       const ReadFn& read,
                       diag::Sink top,
                       const LintOptions& opts) {
  std::vector<std::string> names;
  for (const auto& f : files) {
    names.push_back(f == "-" ? opts.stdin_name : f);
  }
  const auto cross = cross_rules(opts);
  std::vector<FileOutcome> outcomes(files.size());
  number_directories(names, outcomes);
  unsigned jobs = opts.jobs == 0 ? util::default_jobs() : opts.jobs;
  std::mutex progress_mutex;
  std::size_t read_count = 0;
  std::size_t linted = 0;
  auto tell = [&](std::string_view stage, std::size_t& done) {
    if (opts.progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      opts.progress(stage, ++done, files.size());
    }
  };
  // Findings of reading file i, reported before every file's own (as when read up front).
  std::vector<diag::Sink> reading(files.size());
  auto crashed = util::parallel_for(files.size(), jobs, [&](std::size_t i) {
    outcomes[i].facts.resize(cross.size());
    parse::InputText text;
    bool readable = read(i, text, reading[i]);
    tell("reading", read_count);
    if (readable) {
      lint_file(outcomes[i], names[i], std::move(text), opts, cross);
    }
    tell("linting", linted);
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (crashed[i]) {
      outcomes[i] = FileOutcome{};
      outcomes[i].facts.resize(cross.size());
      FileRun run{names[i], {}, {}, {}, opts, cross, outcomes[i]};
      parse::unprocessable(names[i], util::describe(crashed[i]), run.sink);
      settle(run);
    }
  }
  for (auto& r : reading) {
    for (auto& d : r.items()) {
      top.add(std::move(d));
    }
  }
  LintResult result;
  cross_pass(outcomes, names, cross, opts);
  collect(outcomes, names, top, opts, result);
  return result;
}

} // namespace

LintResult lint(const std::vector<std::string>& paths, std::istream& in, const LintOptions& opts) {
  diag::Sink top;
  auto files = parse::expand_inputs(paths, top);
  std::size_t found = files.size();
  parse::drop_excluded(files, opts.exclude, opts.exclude_base);
  std::size_t excluded = found - files.size();
  // Each worker reads its own file: the corpus is never held as texts up front.
  auto read = [&files, &in](std::size_t i, parse::InputText& text, diag::Sink& sink) {
    return parse::read_input(files[i], in, text, sink);
  };
  auto result = lint_inputs(files, read, std::move(top), opts);
  result.excluded = excluded;
  return result;
}

LintResult lint_texts(const std::vector<std::string>& files,
                      std::vector<std::string> texts,
                      const std::vector<bool>& readable,
                      diag::Sink top,
                      const LintOptions& opts) {
  auto read = [&texts, &readable](std::size_t i, parse::InputText& text, diag::Sink&) {
    text.owned = std::move(texts[i]);
    return static_cast<bool>(readable[i]);
  };
  return lint_inputs(files, read, std::move(top), opts);
}

} // namespace isvc::validate
