// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "diag/format_text.hpp"
#include "kserve/config.hpp"
#include "kserve/webhook.hpp"
#include "model/extensions.hpp"
#include "model/inference_service.hpp"
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "plan/plan.hpp"
#include "util/line_index.hpp"

#include <any>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::validate {

/// Which documents a rule looks at.
enum class Applies : std::uint8_t {
  inference_service,
  scaled_object,
  trigger_authentication,
  hpa,
  pod_monitor,
  otel_collector,
  any,
};

struct QuerySite;

/// What a rule looks at: one document being linted (parse::Document) with everything parsed
/// and decided for it once (type, InferenceService, plan), shared by all rules.
struct Subject {
  const std::string& file;
  const parse::Document& doc;
  parse::TypeMeta type;
  const kserve::Config& config;
  /// Set for InferenceServices.
  const model::InferenceService* isvc = nullptr;
  const model::Extensions* ext = nullptr;
  /// KServe webhook verdicts for the ISVC, computed once.
  const std::vector<kserve::Violation>* violations = nullptr;
  /// The file's text, for mapping offsets inside scalars to columns.
  std::string_view source;
  /// Line starts of `source`, built once per file (null: none).
  const util::LineIndex* lines = nullptr;
  /// Set for InferenceServices: everything decided about it (plan::resolve), which `ext`
  /// and `violations` point into.
  const plan::Plan* plan = nullptr;
  /// validate::query_sites, found once: a dozen rules read the queries of one document.
  mutable std::shared_ptr<const std::vector<QuerySite>> query_sites_memo = nullptr;
  /// `file` as findings share it (one copy per file), when the caller made one.
  const util::SharedText* file_text = nullptr;
  /// Where spot() keeps the source lines cross-document findings may point at (the file's
  /// caret lines); null: none kept.
  diag::LineStore* caret_lines = nullptr;
  /// The number of the file's directory among the inputs' directories (lint numbers them).
  std::uint32_t directory = 0;

  const model::Node& root() const { return doc.root; }
  /// metadata.name / metadata.namespace ("" if absent).
  std::string name() const;
  std::string ns() const;
  /// Where objects of this document live, for telling whether two documents are one object:
  /// its namespace, or, when that is blank (the namespace it is applied to), its directory.
  /// In a GitOps tree each directory is its own kustomization or application (base and
  /// overlays, one per environment), so blank-namespace documents of different directories
  /// are never one object. Never equal to a namespace name; the directory is its number
  /// (`directory`), so that the keys cross rules keep per document stay short.
  std::string scope() const;
  /// The object as findings name it; its apiVersion and kind shared.
  diag::ObjectRef object() const;
  /// `file`, shared (file_text when set, else a copy).
  util::SharedText shared_file() const;
};

/// A document as a cross-document finding names it, kept once the document is freed.
struct DocRef {
  /// The file's name as findings give it.
  util::SharedText file;
  int index = 0;
  diag::ObjectRef object;
};

/// A place a cross-document rule may report at: position (never line 0) and pointer. Its
/// source line (text output's caret) goes to the file's Subject::caret_lines while the text
/// is at hand.
struct Spot {
  model::Mark mark;
  std::string pointer;
};

/// The DocRef of `d`.
DocRef doc_ref(const Subject& d);
/// A Spot in `d` (a mark of line 0 is the document's own, as Reporter::at does).
Spot spot(const Subject& d, model::Mark mark, std::string pointer);

struct Rule;

/// Collects findings of one rule; fills id, severity, fix and object from the rule/doc.
class Reporter {
public:
  Reporter(const Rule& rule, const Subject& doc, diag::Sink& sink)
      : m_rule(rule), m_doc(doc), m_sink(sink) {}
  /// A finding at `mark`; `fix` overrides the rule's fix when given. The finding is returned
  /// so a rule that can make its fix attaches the edit (`r.at(...).edit = ...`).
  diag::Diagnostic&
  at(model::Mark mark, std::string pointer, std::string message, std::string fix = {});
  /// A finding at a field (its value's position).
  template <class T>
  diag::Diagnostic& at(const model::Field<T>& f, std::string message, std::string fix = {}) {
    return at(f.mark, f.pointer, std::move(message), std::move(fix));
  }
  /// A finding another layer decided (render's refusal), passed on with its own rule id,
  /// severity, message and position: one findings channel for lint and render.
  void forward(diag::Diagnostic d);
  const Subject& doc() const { return m_doc; }
  /// Later findings at `s` instead of the rule's severity (a rule whose certainty varies per
  /// finding, e.g. a reference the inputs cannot settle).
  Reporter& with_severity(diag::Severity s) {
    m_severity = s;
    return *this;
  }

private:
  const Rule& m_rule;
  const Subject& m_doc;
  diag::Sink& m_sink;
  std::optional<diag::Severity> m_severity;
};

using CheckFn = void (*)(const Subject&, Reporter&);
class CrossReporter;

/// A cross-document rule in two steps, so that no document has to outlive its file's lint:
/// `collect` runs on every document while it is parsed (in the file's worker) and keeps the
/// few facts the rule needs in `facts`, one per file (the rule's own type, in std::any);
/// `finish` runs once over every file's facts, in input order, and reports.
struct CrossRule {
  void (*collect)(const Subject& doc, std::any& facts);
  void (*finish)(const std::vector<const std::any*>& files, CrossReporter& report);
};

/// The facts of type T a cross rule keeps in `facts` (made on first use).
template <class T> T& facts_of(std::any& facts) {
  if (!facts.has_value()) {
    facts.emplace<T>();
  }
  return std::any_cast<T&>(facts);
}

/// One lint rule: metadata next to its check (kube-linter's template idea).
/// What a rule's findings can do about themselves: nothing, an edit `--fix` applies, or an
/// edit that changes meaning and is only offered (SARIF `fixes`), never applied.
enum class Fixes : std::uint8_t { none, safe, unsafe };

/// Where a rule's findings come from: lint's checks (and the loader), reading the inputs
/// (`io-unreadable`), or `isvc-scale check` against a live Prometheus. Only lint rules have
/// fixtures under tests/rules/ and a YAML example that fires them.
enum class Stage : std::uint8_t { lint, read, check };

struct Rule {
  diag::RuleId id;
  diag::Severity severity;
  Applies applies;
  std::string_view summary;   ///< one line, no trailing period
  std::string_view rationale; ///< why it matters
  std::string_view fix;       ///< ends with "."
  std::string_view example;   ///< minimal YAML that fires the rule
  CheckFn check = nullptr;
  const CrossRule* cross = nullptr;
  bool default_on = true;
  /// Whether findings carry an edit `lint --fix` may apply (see diag::Edit).
  Fixes fixes = Fixes::none;
  /// The rule judges the objects KServe's controller would create from the input as written
  /// (autoscalerClass keda or hpa). `render --mode external` replaces those objects, so its
  /// lint gate does not refuse on these findings; --mode kserve shows them as warnings.
  bool kserve_objects = false;
  Stage stage = Stage::lint;
};

/// Collects the findings of a cross rule's `finish`; fills id, fix and object like Reporter.
class CrossReporter {
public:
  /// Findings go to `sink` (the lines they point at were kept by spot()).
  CrossReporter(const Rule& rule, diag::Sink& sink) : m_rule(rule), m_sink(sink) {}
  /// A finding on document `doc` at `where`, at the rule's severity unless `severity`.
  void at(const DocRef& doc,
          const Spot& where,
          std::string message,
          std::optional<diag::Severity> severity = std::nullopt);

private:
  const Rule& m_rule;
  diag::Sink& m_sink;
};

/// Every rule, sorted by id (lib/validate/registry.cpp).
const std::vector<const Rule*>& rules();
/// Rule by id, or nullptr.
const Rule* find_rule(std::string_view id);
/// Rule ids for "did you mean".
std::vector<std::string_view> rule_ids();

/// The node at a JSON Pointer, or nullptr.
const model::Node* node_at(const model::Node& root, std::string_view pointer);
/// Position of the node at a JSON Pointer; the nearest existing parent otherwise.
model::Mark mark_at(const model::Node& root, std::string_view pointer);

} // namespace isvc::validate
