// SPDX-License-Identifier: Apache-2.0
// From a plan to objects: the KServe preview (render/kserve/) or isvc-scale's own objects
// (render/external/), chosen by --mode.
#include "render/render.hpp"

#include "plan/plan.hpp"
#include "render/common.hpp"

namespace isvc::render {
namespace {

bool has_name(const model::InferenceService& isvc, diag::Sink& sink) {
  if (isvc.name && !isvc.name->empty()) {
    return true;
  }
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = isvc.mark;
  d.pointer = "/metadata/name";
  d.severity = diag::Severity::error;
  d.rule = "schema-required";
  d.message = "metadata.name is required";
  d.fix = "Give the InferenceService a name.";
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, ""};
  sink.add(std::move(d));
  return false;
}

} // namespace

bool render_plan(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink) {
  if (!has_name(*plan.isvc, sink)) {
    return false;
  }
  return opts.mode == Mode::kserve ? render_kserve(plan, opts, out, sink)
                                   : render_external(plan, opts, out, sink);
}

bool render_isvc(const model::InferenceService& isvc,
                 const Options& opts,
                 Result& out,
                 diag::Sink& sink) {
  // The preview ignores our annotations as KServe does: their findings are lint's.
  diag::Sink ignored;
  plan::Plan plan =
      plan::resolve(isvc, opts.config, opts.ns, opts.mode == Mode::external ? sink : ignored);
  return render_plan(plan, opts, out, sink);
}

} // namespace isvc::render
