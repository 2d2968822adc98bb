// SPDX-License-Identifier: Apache-2.0
#include "render/context.hpp"

namespace isvc::render {

void Context::refuse(model::Mark mark,
                     const std::string& pointer,
                     diag::RuleId rule,
                     std::string message,
                     std::string fix) const {
  diag::Diagnostic d;
  d.file = isvc.file;
  d.doc = isvc.doc;
  d.mark = mark.line == 0 ? comp.mark : mark;
  d.pointer = pointer;
  d.severity = diag::Severity::error;
  d.rule = rule;
  d.message = std::move(message);
  d.fix = std::move(fix);
  d.object = {*isvc.api_version, "InferenceService", *isvc.ns, *isvc.name};
  sink.add(std::move(d));
}

emit::Doc sorted_map(const std::map<std::string, std::string>& m) {
  emit::Doc d = emit::Doc::object();
  for (const auto& [k, v] : m) {
    d[k] = v;
  }
  return d;
}

emit::Doc object_head(const char* api_version,
                      const char* kind,
                      const std::string& name,
                      const std::string& ns,
                      const std::map<std::string, std::string>& labels,
                      const std::map<std::string, std::string>& annotations) {
  emit::Doc d = emit::Doc::object();
  d["apiVersion"] = api_version;
  d["kind"] = kind;
  emit::Doc meta = emit::Doc::object();
  meta["name"] = name;
  if (!ns.empty()) {
    meta["namespace"] = ns;
  }
  if (!labels.empty()) {
    meta["labels"] = sorted_map(labels);
  }
  if (!annotations.empty()) {
    meta["annotations"] = sorted_map(annotations);
  }
  d["metadata"] = std::move(meta);
  return d;
}

std::map<std::string, std::string> managed_labels(const Context& ctx) {
  return {{"app.kubernetes.io/managed-by", "isvc-scale"},
          {"component", model::to_string(ctx.comp.kind)},
          {kserve::k_isvc_label, *ctx.isvc.name}};
}

namespace {

std::optional<emit::Doc> rules_doc(const model::ScalingRules& r) {
  if (!r.present) {
    return std::nullopt;
  }
  emit::Doc d = emit::Doc::object();
  if (r.stabilization_window_seconds) {
    d["stabilizationWindowSeconds"] = *r.stabilization_window_seconds;
  }
  if (r.select_policy) {
    d["selectPolicy"] = *r.select_policy;
  }
  if (!r.policies.empty()) {
    emit::Doc ps = emit::Doc::array();
    for (const auto& p : r.policies) {
      emit::Doc pd = emit::Doc::object();
      if (p.type) {
        pd["type"] = *p.type;
      }
      if (p.value) {
        pd["value"] = *p.value;
      }
      if (p.period_seconds) {
        pd["periodSeconds"] = *p.period_seconds;
      }
      ps.push_back(std::move(pd));
    }
    d["policies"] = std::move(ps);
  }
  if (r.tolerance) {
    d["tolerance"] = *r.tolerance;
  }
  return d;
}

} // namespace

std::optional<emit::Doc> full_behavior(const model::Behavior& b) {
  if (!b.present) {
    return std::nullopt;
  }
  emit::Doc d = emit::Doc::object();
  if (auto up = rules_doc(b.scale_up)) {
    d["scaleUp"] = std::move(*up);
  }
  if (auto down = rules_doc(b.scale_down)) {
    d["scaleDown"] = std::move(*down);
  }
  return d;
}

} // namespace isvc::render
