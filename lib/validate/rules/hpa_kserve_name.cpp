// SPDX-License-Identifier: Apache-2.0
// An HPA (or a ScaledObject's HPA) named like the one KServe creates for a component.
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <set>
#include <vector>

namespace isvc::validate {
namespace {

using namespace keda;

// KServe's own HPA (what render --mode kserve previews) carries the InferenceService's
// annotations (createHPA uses componentMeta), the deployment mode among them.
bool made_by_kserve(const Subject& d) {
  return annotation(d, kserve::k_autoscaler_class) != nullptr ||
         annotation(d, kserve::k_deployment_mode) != nullptr;
}

// An HPA name in the inputs (an HPA's own, or a ScaledObject's HPA's) that may be KServe's.
struct Candidate {
  DocRef doc;
  Spot at;
  std::string what;
  std::string name;
  std::string key; // "<ns>/<name>"
  /// It scales, by that very name, a Deployment carrying KServe's label.
  bool kserve_target = false;
};

struct Facts {
  std::vector<std::string> kserve_names; // "<ns>/<HPA name>" KServe gives each component
  std::vector<Candidate> candidates;
};

// The component's name: KServe's HPA name (hpa_reconciler.go createHPA) and its Deployment's.
Candidate
candidate(const Subject& d, const std::string& what, const std::string& name, Spot where) {
  const auto* labels = keda::at(metadata(d), "labels");
  bool kserve_target = keda::at(labels, kserve::k_isvc_label) != nullptr &&
                       str(keda::at(keda::at(spec(d), "scaleTargetRef"), "name")) == name;
  return {doc_ref(d), std::move(where), what, name, d.ns() + "/" + name, kserve_target};
}

std::string message(const std::string& what, const std::string& name) {
  return fmt::format(
      "{} \"{}\" has the name KServe gives its own HPA for this component: with autoscalerClass "
      "external KServe still looks that HPA up, and one the InferenceService does not own is "
      "rewritten to KServe's spec and then deleted, so this autoscaler is lost",
      what, name);
}

void collect(const Subject& d, std::any& facts) {
  if (d.plan != nullptr) {
    // Names KServe gives the HPA of each component among the inputs (plan::kserve_hpa_name).
    for (const auto& cp : d.plan->components) {
      facts_of<Facts>(facts).kserve_names.push_back(cp.meta.ns + "/" + cp.kserve_hpa_name);
    }
  }
  if (d.type.kind == "HorizontalPodAutoscaler") {
    if (!made_by_kserve(d)) {
      const auto* n = keda::at(metadata(d), "name");
      facts_of<Facts>(facts).candidates.push_back(
          candidate(d, "HorizontalPodAutoscaler", d.name(),
                    spot(d, n != nullptr ? n->mark : d.root().mark, "/metadata/name")));
    }
  } else if (is_keda(d, "ScaledObject")) {
    const auto* custom = custom_hpa_name(d);
    if (!str(custom).empty()) {
      facts_of<Facts>(facts).candidates.push_back(
          candidate(d, "the ScaledObject's HPA", str(custom),
                    spot(d, custom->mark, "/spec/advanced/horizontalPodAutoscalerConfig/name")));
    }
  }
}

void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  std::set<std::string_view> names;
  for (const std::any* f : files) {
    if (const auto* facts = std::any_cast<Facts>(f)) {
      names.insert(facts->kserve_names.begin(), facts->kserve_names.end());
    }
  }
  for (const std::any* f : files) {
    const auto* facts = std::any_cast<Facts>(f);
    for (std::size_t i = 0; facts != nullptr && i < facts->candidates.size(); ++i) {
      const Candidate& c = facts->candidates[i];
      if (c.kserve_target || names.count(c.key) != 0) {
        cr.at(c.doc, c.at, message(c.what, c.name));
      }
    }
  }
}

constexpr CrossRule k_cross{collect, finish};

} // namespace

extern const Rule k_rule_hpa_kserve_name = {
    "hpa-kserve-name",
    diag::Severity::warning,
    Applies::hpa,
    "HPA named like KServe's own HPA for the component",
    "KServe names the HPA of a component after the component (<isvc>-predictor, the Deployment's "
    "name) and runs its HPA reconciler for autoscalerClass hpa, external and none alike "
    "(KServe reconcilers/autoscaler/autoscaler_reconciler.go). It looks that name up; an HPA "
    "the InferenceService does not own is not deleted but updated to KServe's own spec with "
    "the InferenceService as controller, and deleted on the next reconcile once the class is "
    "external (hpa/hpa_reconciler.go checkHPAExist, shouldDeleteHPA). A hand-written HPA, or "
    "a ScaledObject's horizontalPodAutoscalerConfig.name, with that name is therefore "
    "overwritten. Judged for HPAs whose name is an InferenceService component's among the "
    "inputs, or equals the Deployment they scale when that carries KServe's "
    "serving.kserve.io/inferenceservice label; KServe's own HPA (carrying the InferenceService's "
    "autoscalerClass or deploymentMode annotation, as render --mode kserve shows it) is not "
    "reported.",
    "Rename it (isvc-scale render names its HPA <component>-isvc-scale), or drop "
    "horizontalPodAutoscalerConfig.name so that KEDA uses keda-hpa-<name>.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: external\nspec:\n  predictor:\n    model:\n      "
    "modelFormat:\n        name: sklearn\n---\napiVersion: autoscaling/v2\nkind: "
    "HorizontalPodAutoscaler\nmetadata:\n  name: m-predictor\n  namespace: ml\nspec:\n  "
    "scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: m-predictor\n  "
    "maxReplicas: 3\n",
    nullptr,
    &k_cross,
};

} // namespace isvc::validate
