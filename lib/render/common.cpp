// SPDX-License-Identifier: Apache-2.0
#include "render/common.hpp"

#include "render/renderers.hpp"

#include <fmt/format.h>

namespace isvc::render {

std::string source_of(const model::InferenceService& isvc) {
  return fmt::format("{}#{}", isvc.file,
                     isvc.doc_ref.empty() ? std::to_string(isvc.doc) : isvc.doc_ref);
}

std::string label(const model::InferenceService& isvc) {
  return fmt::format("{}: InferenceService {}", source_of(isvc), *isvc.name);
}

void refuse(const model::InferenceService& isvc, const kserve::Violation& v, diag::Sink& sink) {
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = v.mark.line == 0 ? isvc.mark : v.mark;
  d.pointer = v.pointer;
  d.severity = diag::Severity::error;
  d.rule = v.check;
  d.message = v.message;
  d.fix = "KServe's admission webhook rejects this InferenceService; fix the field first.";
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, *isvc.name};
  sink.add(std::move(d));
}

void render_items(const plan::Plan& plan,
                  const Options& opts,
                  const std::vector<Item>& items,
                  const model::Extensions& ext,
                  Gate gate,
                  Result& out,
                  diag::Sink& sink) {
  const model::InferenceService& isvc = *plan.isvc;
  for (const auto& item : items) {
    Context ctx{isvc, item.comp, item.meta, ext, opts, item.engine, sink, &plan, item.cp};
    std::string label_text = fmt::format("{} {}", label(isvc), model::to_string(item.comp.kind));
    if (!gate(ctx, label_text, out)) {
      continue;
    }
    for (const auto& r : renderers()) {
      if (r.mode != opts.mode || !r.applies(ctx)) {
        continue;
      }
      if (auto doc = r.render(ctx)) {
        out.objects.push_back(emit::Object{std::move(*doc), source_of(isvc)});
      }
    }
  }
}

// Where a non-Standard mode came from, for the note.
std::string mode_source(const model::InferenceService& isvc, bool annotated) {
  if (annotated) {
    return "";
  }
  const auto* a = isvc.annotation(kserve::k_deployment_mode);
  if (a == nullptr) {
    return " (no serving.kserve.io/deploymentMode annotation; the cluster default from the "
           "ConfigMap applies)";
  }
  return fmt::format(" (serving.kserve.io/deploymentMode \"{}\" is none of Standard, Knative, "
                     "ModelMesh, RawDeployment, Serverless, compared case-sensitively; the "
                     "cluster default from the ConfigMap applies)",
                     **a);
}

std::string not_standard_reason(const std::string& mode) {
  if (mode == "ModelMesh") {
    // controller.go: no predictor reconciler for ModelMesh; a transformer takes the
    // non-Standard (Knative Service) path.
    return "ModelMesh Serving runs the predictor (KServe's controller skips it; a transformer "
           "becomes a Knative Service), KServe creates no HorizontalPodAutoscaler or ScaledObject";
  }
  return "Knative's KPA owns scaling, KServe creates no HorizontalPodAutoscaler or ScaledObject";
}

emit::Doc hpa_resource_metric(std::string_view name, emit::Doc target) {
  emit::Doc res = emit::Doc::object();
  res["name"] = std::string(name);
  res["target"] = std::move(target);
  emit::Doc m = emit::Doc::object();
  m["type"] = "Resource";
  m["resource"] = std::move(res);
  return m;
}

emit::Doc hpa_utilization(std::optional<std::int64_t> value) {
  emit::Doc t = emit::Doc::object();
  t["type"] = "Utilization";
  if (value) {
    t["averageUtilization"] = *value;
  }
  return t;
}

} // namespace isvc::render
