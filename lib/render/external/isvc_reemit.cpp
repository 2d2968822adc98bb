// SPDX-License-Identifier: Apache-2.0
#include "render/external/isvc_reemit.hpp"

#include "kserve/component_meta.hpp"
#include "parse/to_json.hpp"

namespace isvc::render {
namespace {

// Reorders `obj` so that `first` keys lead, the rest keep their order.
emit::Doc reorder(const emit::Doc& obj, std::initializer_list<const char*> first) {
  emit::Doc out = emit::Doc::object();
  for (const char* k : first) {
    if (obj.contains(k)) {
      out[k] = obj.at(k);
    }
  }
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (!out.contains(it.key())) {
      out[it.key()] = it.value();
    }
  }
  return out;
}

emit::Doc sorted(const emit::Doc& obj) {
  std::map<std::string, emit::Doc> m;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    m[it.key()] = it.value();
  }
  // Keys are unique here: append instead of ordered_json's linear operator[] (64k keys).
  emit::Doc out = emit::Doc::object();
  auto& entries = out.get_ref<emit::Doc::object_t&>();
  for (auto& [k, v] : m) {
    entries.emplace_back(k, std::move(v));
  }
  return out;
}

} // namespace

emit::Doc reemit_isvc(const model::InferenceService& isvc,
                      const std::map<std::string, std::string>& annotations,
                      const std::string& ns_override,
                      const ComponentAnnotations& components) {
  emit::Doc doc = parse::to_json(*isvc.root);
  emit::Doc meta = doc.contains("metadata") && doc["metadata"].is_object() ? doc["metadata"]
                                                                           : emit::Doc::object();
  if (!ns_override.empty()) {
    meta["namespace"] = ns_override;
  }
  emit::Doc ann = meta.contains("annotations") && meta["annotations"].is_object()
                      ? meta["annotations"]
                      : emit::Doc::object();
  for (const auto& [k, v] : annotations) {
    ann[k] = v;
  }
  if (!ann.empty()) {
    meta["annotations"] = sorted(ann);
  }
  if (meta.contains("labels") && meta["labels"].is_object()) {
    meta["labels"] = sorted(meta["labels"]);
  }
  doc["metadata"] = reorder(meta, {"name", "namespace", "labels", "annotations"});
  auto cls = annotations.find(kserve::k_autoscaler_class);
  if (cls != annotations.end() && doc.contains("spec") && doc["spec"].is_object()) {
    for (const char* comp : {"predictor", "transformer", "explainer"}) {
      auto& spec = doc["spec"];
      if (spec.contains(comp) && spec[comp].is_object() && spec[comp].contains("annotations") &&
          spec[comp]["annotations"].is_object() &&
          spec[comp]["annotations"].contains(kserve::k_autoscaler_class)) {
        spec[comp]["annotations"][kserve::k_autoscaler_class] = cls->second;
      }
    }
  }
  for (const auto& [comp, set] : components) {
    if (set.empty() || !doc.contains("spec") || !doc["spec"].is_object() ||
        !doc["spec"].contains(comp) || !doc["spec"][comp].is_object()) {
      continue;
    }
    auto& c = doc["spec"][comp];
    emit::Doc own = c.contains("annotations") && c["annotations"].is_object() ? c["annotations"]
                                                                              : emit::Doc::object();
    for (const auto& [k, v] : set) {
      own[k] = v;
    }
    if (c.contains("annotations")) {
      c["annotations"] = sorted(own);
    } else {
      // A new annotations key goes first, where the reader looks for it.
      emit::Doc with = emit::Doc::object();
      with["annotations"] = sorted(own);
      for (auto it = c.begin(); it != c.end(); ++it) {
        with[it.key()] = it.value();
      }
      c = std::move(with);
    }
  }
  return reorder(doc, {"apiVersion", "kind", "metadata", "spec"});
}

} // namespace isvc::render
