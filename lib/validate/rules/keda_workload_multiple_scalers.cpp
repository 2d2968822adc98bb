// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <map>

namespace isvc::validate {
namespace {

using namespace keda;

void cross(const Corpus& c, CrossReporter& cr) {
  std::map<std::string, const Document*> scaled;
  std::map<std::string, const Document*> hpas;
  for (const Document* d : c.docs) {
    if (d->type.kind == "ScaledObject" && util::starts_with(d->type.api_version, "keda.sh/")) {
      std::string type;
      std::string w = workload(*d, &type);
      const auto* name = at(at(spec(*d), "scaleTargetRef"), "name");
      auto [it, fresh] = scaled.emplace(w, d);
      if (!fresh) {
        cr.for_doc(*d).at(name != nullptr ? name->mark : d->root().mark,
                          "/spec/scaleTargetRef/name",
                          fmt::format("the workload '{}' of type '{}' is already managed by the "
                                      "ScaledObject '{}'",
                                      str(name), type, it->second->name()));
        continue;
      }
      auto h = hpas.find(w);
      if (h != hpas.end()) {
        cr.for_doc(*d).at(
            name != nullptr ? name->mark : d->root().mark, "/spec/scaleTargetRef/name",
            fmt::format("the workload '{}' of type '{}' is already managed by the hpa "
                        "'{}'",
                        str(name), type, h->second->name()));
      }
    } else if (d->type.kind == "HorizontalPodAutoscaler") {
      const auto* ann = at(d->root().get("metadata"), "annotations");
      if (str(at(ann, "validations.keda.sh/hpa-ownership")) == "false" ||
          util::starts_with(d->name(), "keda-hpa-")) {
        continue;
      }
      std::string type;
      std::string w = workload(*d, &type);
      hpas.emplace(w, d);
      auto s = scaled.find(w);
      const auto* name = at(at(spec(*d), "scaleTargetRef"), "name");
      if (s != scaled.end()) {
        cr.for_doc(*d).at(name != nullptr ? name->mark : d->root().mark,
                          "/spec/scaleTargetRef/name",
                          fmt::format("the workload '{}' of type '{}' is already managed by the "
                                      "ScaledObject '{}'",
                                      str(name), type, s->second->name()));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_keda_workload_multiple_scalers = {
    "keda-workload-multiple-scalers",
    diag::Severity::error,
    Applies::scaled_object,
    "two autoscalers on one workload",
    "KEDA's webhook refuses a second ScaledObject for the same workload and a ScaledObject for a "
    "workload an HPA already scales; two controllers would fight over replicas.",
    "Keep one ScaledObject per workload and delete the other HPA (or transfer it with "
    "scaledobject.keda.sh/transfer-hpa-ownership).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: cpu\n    metricType: Utilization\n    "
    "metadata:\n      value: \"50\"\n---\napiVersion: keda.sh/v1alpha1\nkind: "
    "ScaledObject\nmetadata:\n  name: so2\nspec:\n  scaleTargetRef:\n    name: d\n  triggers:\n  - "
    "type: cpu\n    metricType: Utilization\n    metadata:\n      value: \"50\"\n",
    nullptr,
    cross,
};

} // namespace isvc::validate
