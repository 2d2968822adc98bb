// SPDX-License-Identifier: Apache-2.0
// KEDA webhook verifyName (apis/keda/v1alpha1/scaledobject_webhook.go): the ScaledObject name is
// a label value and the HPA name a DNS-1123 label, both at most 63 characters.
#include "kserve/component_meta.hpp"
#include "validate/rules/isvc_helpers.hpp"
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

constexpr std::size_t k_max = 63;

// An InferenceService scaled by KEDA gets a ScaledObject named like its Deployment
// (<isvc>-predictor, from KServe or from `isvc-scale render`) and no custom HPA name.
void check_isvc(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present || !isvc_rules::keda_scaled(d, c)) {
      continue;
    }
    std::string so = kserve::component_name(*d.isvc, c);
    std::string hpa = d.plan->of(c)->keda_hpa_name;
    if (hpa.size() <= k_max) {
      continue;
    }
    std::size_t suffix = so.size() - d.isvc->name->size();
    bool named = c.name.set; // spec.predictor.name adds to the length too
    r.at(named ? c.name : d.isvc->name,
         fmt::format("the {} is scaled by the ScaledObject \"{}\", whose {} \"{}\" is {} "
                     "characters long; KEDA rejects names over {} characters; shorten the "
                     "InferenceService name to at most {} characters",
                     model::to_string(c.kind), so, so.size() > k_max ? "name" : "HPA name",
                     so.size() > k_max ? so : hpa, so.size() > k_max ? so.size() : hpa.size(),
                     k_max, k_max - 9 > suffix ? k_max - 9 - suffix : 0));
    return; // one finding: the same name is too long for every component
  }
}

void check(const Subject& d, Reporter& r) {
  if (d.isvc != nullptr) {
    check_isvc(d, r);
    return;
  }
  if (!is_keda(d, "ScaledObject")) {
    return;
  }
  const auto* name = at(metadata(d), "name");
  std::string n = str(name);
  if (n.empty()) {
    return;
  }
  if (n.size() > k_max) {
    // KEDA stops at the first failure; the HPA name would be longer still unless customised.
    r.at(name->mark, "/metadata/name",
         fmt::format("scaledobject name \"{}\" is {} characters long; must be no more than {} "
                     "characters because it is used as the \"scaledobject.keda.sh/name\" label "
                     "value; shorten the name",
                     n, n.size(), k_max));
    return;
  }
  const auto* custom = custom_hpa_name(d);
  std::string hpa = hpa_name(d);
  if (hpa.size() > k_max) {
    bool own = !str(custom).empty();
    r.at(
        own ? custom->mark : name->mark,
        own ? "/spec/advanced/horizontalPodAutoscalerConfig/name" : "/metadata/name",
        fmt::format("HPA name \"{}\" derived from scaledobject is {} characters long; must be no "
                    "more than {} characters; set spec.advanced.horizontalPodAutoscalerConfig.name "
                    "to a shorter name or shorten the scaledobject name",
                    hpa, hpa.size(), k_max));
  }
}

} // namespace

extern const Rule k_rule_keda_name_too_long = {
    "keda-name-too-long",
    diag::Severity::error,
    Applies::any,
    "ScaledObject or derived HPA name over 63 characters",
    "KEDA's webhook rejects a ScaledObject whose name (used as the scaledobject.keda.sh/name label "
    "value) or whose HPA name (spec.advanced.horizontalPodAutoscalerConfig.name, default "
    "keda-hpa-<name>) is longer than 63 characters. The 9-character prefix means a ScaledObject "
    "name over 54 characters fails unless the HPA is named explicitly; KServe's "
    "<isvc>-predictor names reach that easily: an InferenceService scaled by KEDA (through KServe "
    "or `isvc-scale render`) is checked too, and its name may have at most 44 characters for "
    "the predictor.",
    "Shorten the name, or set spec.advanced.horizontalPodAutoscalerConfig.name to a short HPA "
    "name.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: "
    "a-very-long-inference-service-name-for-a-model-predictor\nspec:\n  scaleTargetRef:\n    name: "
    "d\n  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata:\n      value: "
    "\"50\"\n",
    check,
};

} // namespace isvc::validate
