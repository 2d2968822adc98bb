// SPDX-License-Identifier: Apache-2.0
// An HPA (or a ScaledObject's HPA) named like the one KServe creates for a component.
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <set>

namespace isvc::validate {
namespace {

using namespace keda;

// Names KServe gives the HPA of each component among the inputs (plan::kserve_hpa_name).
std::set<std::string> kserve_hpa_names(const Corpus& c) {
  std::set<std::string> out;
  for (const Subject* d : c.docs) {
    if (d->plan == nullptr) {
      continue;
    }
    for (const auto& cp : d->plan->components) {
      out.insert(cp.meta.ns + "/" + cp.kserve_hpa_name);
    }
  }
  return out;
}

// KServe's own HPA (what render --mode kserve previews) carries the InferenceService's
// annotations (createHPA uses componentMeta), the deployment mode among them.
bool made_by_kserve(const Subject& d) {
  return annotation(d, kserve::k_autoscaler_class) != nullptr ||
         annotation(d, kserve::k_deployment_mode) != nullptr;
}

// The component's name: KServe's HPA name (hpa_reconciler.go createHPA) and its Deployment's.
bool taken(const std::set<std::string>& names, const Subject& d, const std::string& name) {
  const auto* labels = at(metadata(d), "labels");
  bool kserve_target = at(labels, kserve::k_isvc_label) != nullptr &&
                       str(at(at(spec(d), "scaleTargetRef"), "name")) == name;
  return kserve_target || names.count(d.ns() + "/" + name) != 0;
}

std::string message(const std::string& what, const std::string& name) {
  return fmt::format(
      "{} \"{}\" has the name KServe gives its own HPA for this component: with autoscalerClass "
      "external KServe still looks that HPA up, and one the InferenceService does not own is "
      "rewritten to KServe's spec and then deleted, so this autoscaler is lost",
      what, name);
}

void cross(const Corpus& c, CrossReporter& cr) {
  auto names = kserve_hpa_names(c);
  for (const Subject* d : c.docs) {
    if (d->type.kind == "HorizontalPodAutoscaler" && !made_by_kserve(*d) &&
        taken(names, *d, d->name())) {
      const auto* n = at(metadata(*d), "name");
      cr.for_doc(*d).at(n != nullptr ? n->mark : d->root().mark, "/metadata/name",
                        message("HorizontalPodAutoscaler", d->name()));
    } else if (is_keda(*d, "ScaledObject")) {
      const auto* custom = custom_hpa_name(*d);
      if (!str(custom).empty() && taken(names, *d, str(custom))) {
        cr.for_doc(*d).at(custom->mark, "/spec/advanced/horizontalPodAutoscalerConfig/name",
                          message("the ScaledObject's HPA", str(custom)));
      }
    }
  }
}

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
    cross,
};

} // namespace isvc::validate
