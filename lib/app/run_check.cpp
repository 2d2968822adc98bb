// SPDX-License-Identifier: Apache-2.0
#include "app/run_check.hpp"

#include "check/position.hpp"
#include "check/report.hpp"
#include "parse/inference_service.hpp"
#include "parse/inputs.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "validate/rule.hpp"

#include <fmt/format.h>
#include <map>

namespace isvc::app {
namespace {

// One ScaledObject/HPA to check and the document its triggers point into.
struct Target {
  emit::Doc body;
  const parse::Document* doc = nullptr;
  std::string isvc_name; // set when rendered from an InferenceService
};

void collect(const CheckRequest& req,
             const parse::LoadedFile& f,
             std::vector<Target>& out,
             diag::Sink& sink) {
  for (const auto& doc : f.docs) {
    if (!doc.root.is_map()) {
      continue;
    }
    if (!parse::is_inference_service(doc.root)) {
      auto kind = parse::type_meta(doc.root).kind;
      if (kind == "ScaledObject" || kind == "HorizontalPodAutoscaler") {
        out.push_back(Target{parse::to_json(doc.root), &doc, ""});
      }
      continue;
    }
    auto isvc = parse::read_inference_service(f.path, doc, sink);
    render::Result result;
    render::Options opts = req.options;
    opts.mode = render::Mode::external;
    render::render_isvc(isvc, opts, result, sink);
    for (auto& o : result.objects) {
      out.push_back(Target{std::move(o.body), &doc, isvc.name ? *isvc.name : ""});
    }
  }
}

diag::Diagnostic finding(const std::string& file,
                         const check::ObjectReport& o,
                         std::size_t i,
                         const std::string& pointer) {
  const auto& t = o.triggers[i];
  diag::Diagnostic d;
  d.file = file;
  d.mark = o.marks[i];
  d.rule = t.rule;
  d.severity = t.warning ? diag::Severity::warning : diag::Severity::error;
  d.pointer = pointer;
  d.message = fmt::format("{} {}{} trigger {}: {}", o.kind, o.ns.empty() ? "" : o.ns + "/", o.name,
                          t.trigger.name.empty() ? std::to_string(t.trigger.index)
                                                 : "\"" + t.trigger.name + "\"",
                          t.problem);
  d.object = {"", o.kind, o.ns, o.name};
  return d;
}

void check_target(const CheckRequest& req,
                  const std::string& file,
                  const Target& tg,
                  check::Run& run) {
  check::ObjectReport o;
  auto triggers = check::triggers_of(tg.body, o.bounds);
  if (triggers.empty()) {
    return;
  }
  o.kind = triggers.front().kind;
  o.ns = triggers.front().ns;
  o.name = triggers.front().object;
  o.file = file;
  o.current = req.replicas.value_or(o.bounds.min_replicas);
  std::map<std::string, prom::QueryResult> answers; // one query asked once
  for (const auto& t : triggers) {
    std::string ptr = tg.isvc_name.empty() ? check::object_pointer(t)
                                           : check::isvc_pointer(t, tg.isvc_name, tg.doc->root);
    o.marks.push_back(validate::mark_at(tg.doc->root, ptr));
    if (t.query.empty()) {
      check::TriggerReport skipped;
      skipped.trigger = t;
      o.triggers.push_back(std::move(skipped));
      continue;
    }
    auto it = answers.find(t.query);
    if (it == answers.end()) {
      it = answers.emplace(t.query, prom::instant_query(req.endpoint, t.query, req.at)).first;
    }
    o.triggers.push_back(check::evaluate(t, it->second, o.current));
    if (!o.triggers.back().rule.empty()) {
      run.findings.push_back(finding(file, o, o.triggers.size() - 1, tg.doc->pointer_base + ptr));
    }
  }
  o.desired = check::desired_replicas(o.bounds, o.current, o.triggers);
  run.objects.push_back(std::move(o));
}

} // namespace

int run_check(const CheckRequest& req, std::istream& in, std::ostream& out, std::ostream& err) {
  if (req.replicas && *req.replicas < 0) {
    err << "isvc-scale: error: --replicas must be 0 or more\n";
    return 2;
  }
  diag::Sink top;
  auto paths = parse::expand_inputs(req.paths, top);
  std::vector<parse::LoadedFile> files;
  bool input_error = false;
  for (const auto& p : paths) {
    std::string text;
    if (parse::read_input(p, in, text, top)) {
      files.push_back(parse::load_yaml(p == "-" ? req.stdin_name : p, std::move(text), top));
    }
  }
  std::vector<std::vector<Target>> targets(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    collect(req, files[i], targets[i], top);
  }
  top.sort();
  check::Run run{req.endpoint.url, req.at, {}, top.items()};
  bool refused = top.has_errors();
  for (const auto& d : top.items()) {
    input_error = input_error || d.rule == "yaml-syntax" || d.rule == "io-unreadable";
  }
  for (std::size_t i = 0; i < files.size() && !refused; ++i) {
    for (const auto& tg : targets[i]) {
      check_target(req, files[i].path, tg, run);
    }
  }
  std::map<std::string, std::string_view, std::less<>> sources;
  for (const auto& f : files) {
    sources[f.path] = f.text;
  }
  auto lookup = [&sources](std::string_view f) -> std::string_view {
    auto it = sources.find(f);
    return it == sources.end() ? std::string_view() : it->second;
  };
  if (req.json) {
    check::write_json(out, run);
  } else {
    check::write_text(out, run, lookup);
  }
  if (input_error) {
    return 2;
  }
  bool failed = refused;
  for (const auto& d : run.findings) {
    failed = failed || d.severity == diag::Severity::error;
  }
  return failed ? 1 : 0;
}

} // namespace isvc::app
