// SPDX-License-Identifier: Apache-2.0
#include "app/run_simulate.hpp"

#include "app/simulate_history.hpp"
#include "diag/format_text.hpp"
#include "parse/inference_service.hpp"
#include "parse/inputs.hpp"
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"
#include "simulate/output.hpp"
#include "validate/schema.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace isvc::app {
namespace {

// A ScaledObject or autoscaling/v2 HorizontalPodAutoscaler given directly (no
// InferenceService in the file): simulated as it stands.
bool direct_autoscaler(const parse::TypeMeta& tm) {
  return (tm.kind == "ScaledObject" && tm.api_version.starts_with("keda.sh/")) ||
         (tm.kind == "HorizontalPodAutoscaler" && tm.api_version == "autoscaling/v2");
}

// The objects `render` would write for the file's first InferenceService, or else the file's
// ScaledObject / HorizontalPodAutoscaler. Returns the exit code on failure (1 refused, 2
// unreadable), 0 on success.
int render_one(const SimulateRequest& req,
               const std::string& path,
               std::istream& in,
               std::vector<emit::Object>& objects,
               std::ostream& err) {
  diag::Sink sink;
  std::string text;
  if (!parse::read_input(path, in, text, sink)) {
    diag::write_text(err, sink.items().front(),
                     [](std::string_view) { return std::string_view(); });
    return 2;
  }
  auto file = parse::load_yaml(path, text, sink);
  render::Result result;
  bool isvc = std::any_of(file.docs.begin(), file.docs.end(), [](const parse::Document& d) {
    return !d.root.is_null() && parse::is_inference_service(d.root);
  });
  bool found = false;
  for (const auto& doc : file.docs) {
    if (found || doc.root.is_null()) {
      continue;
    }
    auto tm = parse::type_meta(doc.root);
    if (isvc ? !parse::is_inference_service(doc.root) : !direct_autoscaler(tm)) {
      continue;
    }
    found = true;
    validate::Subject vdoc{file.path, doc,     tm,      req.render.config,
                           nullptr,   nullptr, nullptr, file.text};
    validate::Schemas::get().validate(vdoc, sink);
    if (!isvc) {
      result.objects.push_back(
          emit::Object{parse::to_json(doc.root), fmt::format("{}#{}", path, doc.index)});
    } else if (!sink.has_errors()) {
      render::render_isvc(parse::read_inference_service(file.path, doc, sink), req.render, result,
                          sink);
    }
  }
  sink.sort();
  bool syntax = false;
  for (const auto& d : sink.items()) {
    diag::write_text(err, d, [&](std::string_view) { return std::string_view(file.text); });
    syntax = syntax || d.rule == "yaml-syntax";
  }
  if (sink.has_errors()) {
    err << "isvc-scale: nothing simulated: fix the errors above\n";
    return syntax ? 2 : 1;
  }
  if (!found) {
    err << fmt::format("isvc-scale: {}: no InferenceService, ScaledObject or "
                       "autoscaling/v2 HorizontalPodAutoscaler to simulate\n",
                       path);
    return 2;
  }
  objects = std::move(result.objects);
  return 0;
}

int load_trace(const SimulateRequest& req, simulate::Trace& trace, std::ostream& err) {
  std::string error;
  if (!req.prometheus.url.empty()) {
    return 0; // each configuration reads its own triggers' history (run_one)
  }
  if (!req.shape.empty()) {
    if (!simulate::parse_shape(req.shape, trace, error)) {
      err << "isvc-scale: " << error << '\n';
      return 2;
    }
    return 0;
  }
  std::ifstream f(req.trace, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  if (!f) {
    err << fmt::format("isvc-scale: {}: cannot read the trace\n", req.trace);
    return 2;
  }
  if (!simulate::parse_csv(ss.str(), trace, error)) {
    err << fmt::format("isvc-scale: {}: {}\n", req.trace, error);
    return 2;
  }
  return 0;
}

// Exactly one input: --trace, --shape, or --prometheus with --from and --to.
bool one_input(const SimulateRequest& req, std::ostream& err) {
  int inputs = (req.trace.empty() ? 0 : 1) + (req.shape.empty() ? 0 : 1) +
               (req.prometheus.url.empty() ? 0 : 1);
  if (inputs != 1) {
    err << "isvc-scale: simulate needs exactly one of --trace FILE, --shape SPEC or "
           "--prometheus URL\n";
    return false;
  }
  if (req.prometheus.url.empty() != (req.from.empty() && req.to.empty()) ||
      req.from.empty() != req.to.empty()) {
    err << "isvc-scale: --from and --to go with --prometheus, both of them\n";
    return false;
  }
  return true;
}

// `shared` is the --trace/--shape input; with --prometheus it is empty and the scaler's own
// triggers' history is read.
int run_one(const SimulateRequest& req,
            const std::string& path,
            const simulate::Trace& shared,
            std::istream& in,
            simulate::Sim& sim,
            std::ostream& err) {
  std::vector<emit::Object> objects;
  if (int rc = render_one(req, path, in, objects, err); rc != 0) {
    return rc;
  }
  std::string error;
  sim.label = path;
  if (!simulate::scaler_from_objects(objects, sim.scaler, error)) {
    err << fmt::format("isvc-scale: {}: {}\n", path, error);
    return 2;
  }
  simulate::Trace history;
  std::vector<simulate::Finding> read;
  if (!req.prometheus.url.empty()) {
    if (int rc = history_trace(req, path, sim.scaler, history, read, err); rc != 0) {
      return rc;
    }
  }
  const auto& trace = req.prometheus.url.empty() ? shared : history;
  if (!simulate::simulate(sim.scaler, trace, req.sim, sim.run, error)) {
    err << fmt::format("isvc-scale: {}: {}\n", path, error);
    return 2;
  }
  sim.findings = std::move(read);
  for (auto& f : simulate::findings_of(sim.scaler, sim.run, req.sim)) {
    sim.findings.push_back(std::move(f));
  }
  return 0;
}

} // namespace

int run_simulate(const SimulateRequest& req,
                 std::istream& in,
                 std::ostream& out,
                 std::ostream& err) {
  simulate::Trace trace;
  if (!one_input(req, err)) {
    return 2;
  }
  if (int rc = load_trace(req, trace, err); rc != 0) {
    return rc;
  }
  std::vector<simulate::Sim> sims(req.compare.empty() ? 1 : 2);
  if (int rc = run_one(req, req.path, trace, in, sims[0], err); rc != 0) {
    return rc;
  }
  if (!req.compare.empty()) {
    if (int rc = run_one(req, req.compare, trace, in, sims[1], err); rc != 0) {
      return rc;
    }
  }
  if (!req.svg.empty()) {
    std::ofstream svg(req.svg, std::ios::binary | std::ios::trunc);
    simulate::write_svg(svg, sims);
    if (!svg.flush()) {
      err << fmt::format("isvc-scale: {}: cannot write the SVG\n", req.svg);
      return 2;
    }
  }
  if (req.format == "json") {
    simulate::write_json(out, sims);
  } else if (req.format == "csv") {
    simulate::write_csv(out, sims);
  } else {
    simulate::write_text(out, sims);
  }
  if (!out.flush()) {
    err << "isvc-scale: cannot write to standard output\n";
    return 2;
  }
  bool flapping = false;
  for (const auto& s : sims) {
    flapping = flapping || s.run.summary.flaps > 0;
  }
  return req.fail_on_flapping && flapping ? 1 : 0;
}

} // namespace isvc::app
