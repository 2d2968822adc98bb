// SPDX-License-Identifier: Apache-2.0
// KEDA webhook verifyScaledObjects/verifyHpas (apis/keda/v1alpha1/scaledobject_webhook.go) over
// the inputs: one ScaledObject per workload, no foreign HPA on it, no shared HPA name.
#include "validate/rules/keda_helpers.hpp"

#include <deque>
#include <fmt/format.h>
#include <map>
#include <vector>

namespace isvc::validate {
namespace {

using namespace keda;

struct Target {
  const Subject* doc;
  std::string workload; // "<ns>/<gvk>/<name>"
  std::string type;     // KEDA's GVKString
  std::string name;     // scaleTargetRef.name
  const model::Node* name_node;
  std::string object; // "<ns>/<metadata.name>"
  std::string hpa;    // "<ns>/<HPA name>" (ScaledObjects only)
};

Target target_of(const Subject& d, bool scaled_object) {
  Target t{&d, {}, {}, {}, at(at(spec(d), "scaleTargetRef"), "name"), {}, {}};
  t.workload = workload(d, &t.type);
  t.name = str(t.name_node);
  std::string scope = d.scope(); // one namespace, or a blank one in one directory
  t.object = scope + "/" + d.name();
  if (scaled_object) {
    t.hpa = scope + "/" + hpa_name(d);
  }
  return t;
}

// What came before in input order, indexed so a repository of thousands of ScaledObjects is
// checked in one pass instead of comparing every pair. Targets live in deques (stable addresses).
struct Seen {
  std::deque<Target> scaled;
  std::deque<Target> hpas;
  std::map<std::string, const Target*> object;   // first ScaledObject of that namespace/name
  std::map<std::string, const Target*> workload; // first ScaledObject on the workload
  std::map<std::string, const Target*> hpa;      // first ScaledObject using the HPA name
  std::map<std::string, std::vector<const Target*>> scaled_on; // workload -> ScaledObjects
  std::map<std::string, std::vector<const Target*>> hpas_on;   // workload -> HPAs

  template <class M, class K>
  static auto find(const M& m, const K& key) -> typename M::mapped_type {
    auto it = m.find(key);
    return it != m.end() ? it->second : typename M::mapped_type{};
  }
  void add_scaled(Target t) {
    const Target& s = scaled.emplace_back(std::move(t));
    object.emplace(s.object, &s);
    workload.emplace(s.workload, &s);
    hpa.emplace(s.hpa, &s);
    scaled_on[s.workload].push_back(&s);
  }
  void add_hpa(Target t) {
    const Target& h = hpas.emplace_back(std::move(t));
    hpas_on[h.workload].push_back(&h);
  }
};

model::Mark target_mark(const Subject& d, const Target& t) {
  return t.name_node != nullptr ? t.name_node->mark : d.root().key_mark("spec");
}

// An HPA KEDA created for this ScaledObject (e.g. from `kubectl get -o yaml`) is not foreign.
bool owned_by(const Subject& hpa, const Subject& so) {
  const auto* owners = at(metadata(hpa), "ownerReferences");
  if (owners == nullptr || !owners->is_seq()) {
    return false;
  }
  for (const auto& o : owners->items) {
    if (str(o.get("kind")) == "ScaledObject" && str(o.get("name")) == so.name()) {
      return true;
    }
  }
  return false;
}

enum class Ownership : std::uint8_t { conflict, transferred, transfer_unnamed };

// How KEDA treats `so` meeting the foreign `hpa` on its workload.
Ownership ownership(const Subject& so, const Subject& hpa) {
  if (str(annotation(so, "scaledobject.keda.sh/transfer-hpa-ownership")) != "true") {
    return Ownership::conflict;
  }
  return str(custom_hpa_name(so)) == hpa.name() ? Ownership::transferred
                                                : Ownership::transfer_unnamed;
}

void report_transfer(CrossReporter& cr, const Subject& so, const Target& t, const Subject& hpa) {
  // Point at the name that is wrong, else at the annotation that asked for the transfer.
  const auto* custom = custom_hpa_name(so);
  const auto* ann = annotation(so, "scaledobject.keda.sh/transfer-hpa-ownership");
  cr.for_doc(so).at(
      custom != nullptr ? custom->mark
      : ann != nullptr  ? ann->mark
                        : target_mark(so, t),
      "/spec/advanced/horizontalPodAutoscalerConfig/name",
      fmt::format("the existing hpa '{}' for workload '{}' of type '{}' must be "
                  "specified by name in advanced settings to enable ownership "
                  "transfer; set spec.advanced.horizontalPodAutoscalerConfig.name: {}",
                  hpa.name(), t.name, t.type, hpa.name()));
}

// A later ScaledObject against the ScaledObjects and HPAs before it; like KEDA, at most one
// finding per kind of clash.
// Returns false for a second definition of an earlier ScaledObject.
bool check_scaled_object(CrossReporter& cr, const Subject& d, const Target& t, const Seen& seen) {
  // KEDA skips an object with the incoming name (an update of itself); in the inputs the same
  // object twice means one definition silently replaces the other on apply. Report that alone:
  // its clashes were reported on the first definition.
  const auto* name = at(metadata(d), "name");
  if (const Target* o = Seen::find(seen.object, t.object); o != nullptr && name != nullptr) {
    if (const auto* first = at(metadata(*o->doc), "name"); first != nullptr) {
      cr.for_doc(d).at(name->mark, "/metadata/name",
                       fmt::format("ScaledObject '{}' is defined again (first at {}:{}:{}); "
                                   "applying both keeps only the later definition and kustomize "
                                   "refuses the duplicate id: keep one",
                                   d.name(), o->doc->file, first->mark.line, first->mark.col));
      return false;
    }
  }
  if (const Target* o = Seen::find(seen.workload, t.workload); o != nullptr) {
    cr.for_doc(d).at(target_mark(d, t), "/spec/scaleTargetRef/name",
                     fmt::format("the workload '{}' of type '{}' is already managed by the "
                                 "ScaledObject '{}'; keep one ScaledObject per workload (merge "
                                 "the triggers)",
                                 t.name, t.type, o->doc->name()));
  }
  if (const Target* o = Seen::find(seen.hpa, t.hpa); o != nullptr) {
    const auto* custom = custom_hpa_name(d);
    cr.for_doc(d).at(custom != nullptr ? custom->mark
                     : name != nullptr ? name->mark
                                       : d.root().mark,
                     custom != nullptr ? "/spec/advanced/horizontalPodAutoscalerConfig/name"
                                       : "/metadata/name",
                     fmt::format("the HPA '{}' is already managed by the ScaledObject '{}'; "
                                 "give this ScaledObject's HPA another name",
                                 hpa_name(d), o->doc->name()));
  }
  for (const Target* h : Seen::find(seen.hpas_on, t.workload)) {
    if (owned_by(*h->doc, d)) {
      continue;
    }
    Ownership own = ownership(d, *h->doc);
    if (own == Ownership::transferred) {
      continue;
    }
    if (own == Ownership::transfer_unnamed) {
      report_transfer(cr, d, t, *h->doc);
    } else {
      cr.for_doc(d).at(target_mark(d, t), "/spec/scaleTargetRef/name",
                       fmt::format("the workload '{}' of type '{}' is already managed by the hpa "
                                   "'{}'; delete that HPA, or take it over with the annotation "
                                   "scaledobject.keda.sh/transfer-hpa-ownership: \"true\" and "
                                   "spec.advanced.horizontalPodAutoscalerConfig.name: {}",
                                   t.name, t.type, h->doc->name(), h->doc->name()));
    }
    return true; // KEDA stops at the first conflicting HPA
  }
  return true;
}

// A later HPA against the ScaledObjects before it. KEDA itself validates only ScaledObjects,
// but the HPA would fight KEDA's own HPA over the replica count.
void check_hpa(CrossReporter& cr, const Subject& d, const Target& t, const Seen& seen) {
  for (const Target* so : Seen::find(seen.scaled_on, t.workload)) {
    const Target& o = *so;
    if (owned_by(d, *o.doc)) {
      continue;
    }
    Ownership own = ownership(*o.doc, d);
    if (own == Ownership::transferred) {
      continue;
    }
    if (own == Ownership::transfer_unnamed) {
      // The ScaledObject asked for a transfer but did not name this HPA: fix it there.
      report_transfer(cr, *o.doc, o, d);
    } else {
      cr.for_doc(d).at(target_mark(d, t), "/spec/scaleTargetRef/name",
                       fmt::format("the workload '{}' of type '{}' is already managed by the "
                                   "ScaledObject '{}'; delete this HPA (KEDA creates its own), or "
                                   "annotate it validations.keda.sh/hpa-ownership: \"false\" if "
                                   "that is intended",
                                   t.name, t.type, o.doc->name()));
    }
    return; // one finding per HPA; later duplicate ScaledObjects are reported themselves
  }
}

// A scaler KServe's controller creates for an InferenceService component (class keda: a
// ScaledObject, class hpa or no class: an HPA, both named like the Deployment).
struct KServeScaler {
  const Subject* isvc;
  std::string kind; // "ScaledObject" | "HorizontalPodAutoscaler"
  std::string name;
};

std::map<std::string, KServeScaler> kserve_scalers(const Corpus& c) {
  std::map<std::string, KServeScaler> out; // workload -> scaler
  for (const Subject* d : c.docs) {
    // The plan decided the mode and each component's class and names (plan::resolve).
    if (d->plan == nullptr || d->plan->mode != "Standard") {
      continue;
    }
    for (const auto& cp : d->plan->components) {
      const auto& meta = cp.meta;
      if (meta.stopped || (meta.autoscaler_class != "keda" && meta.autoscaler_class != "hpa")) {
        continue; // external/none: KServe leaves scaling to someone else
      }
      out.emplace(
          d->scope() + "/" + gvk_string("", "") + "/" + meta.name,
          KServeScaler{d,
                       meta.autoscaler_class == "keda" ? "ScaledObject" : "HorizontalPodAutoscaler",
                       meta.name});
    }
  }
  return out;
}

// A hand-written ScaledObject/HPA on a Deployment KServe already scales: KEDA's webhook rejects
// the ScaledObject (or the two HPAs fight), and KServe's reconciler puts its own object back.
void check_kserve_owned(CrossReporter& cr,
                        const Subject& d,
                        const Target& t,
                        bool so,
                        const std::map<std::string, KServeScaler>& owned) {
  auto it = owned.find(t.workload);
  if (it == owned.end()) {
    return;
  }
  const KServeScaler& k = it->second;
  if (d.name() == k.name && d.type.kind == k.kind) {
    return; // KServe's own object (e.g. `render --mode kserve` output linted beside its ISVC)
  }
  cr.for_doc(d).at(
      target_mark(d, t), "/spec/scaleTargetRef/name",
      fmt::format("the workload '{}' is already scaled by KServe: InferenceService '{}' makes "
                  "the {} '{}' for it (autoscalerClass {}); this {} would fight it, so set "
                  "serving.kserve.io/autoscalerClass: external on the InferenceService (or let "
                  "`isvc-scale render` write both)",
                  t.name, k.isvc->name(), k.kind, k.name, k.kind == "ScaledObject" ? "keda" : "hpa",
                  so ? "ScaledObject" : "HorizontalPodAutoscaler"));
}

void cross(const Corpus& c, CrossReporter& cr) {
  Seen seen;
  const auto owned = kserve_scalers(c);
  for (const Subject* d : c.docs) {
    bool so = is_keda(*d, "ScaledObject");
    bool hpa = d->type.kind == "HorizontalPodAutoscaler" &&
               util::starts_with(d->type.api_version, "autoscaling/");
    // KEDA skips HPAs annotated validations.keda.sh/hpa-ownership: "false".
    if ((!so && !hpa) ||
        (hpa && str(annotation(*d, "validations.keda.sh/hpa-ownership")) == "false")) {
      continue;
    }
    Target t = target_of(*d, so);
    if (t.name.empty()) {
      continue; // schema-required reports the missing scaleTargetRef.name
    }
    check_kserve_owned(cr, *d, t, so, owned);
    if (so) {
      if (check_scaled_object(cr, *d, t, seen)) {
        seen.add_scaled(std::move(t));
      }
    } else {
      check_hpa(cr, *d, t, seen);
      seen.add_hpa(std::move(t));
    }
  }
}

} // namespace

extern const Rule k_rule_keda_workload_multiple_scalers = {
    "keda-workload-multiple-scalers",
    diag::Severity::error,
    Applies::scaled_object,
    "two autoscalers on one workload",
    "KEDA's webhook refuses a second ScaledObject for the same workload (same namespace, "
    "scaleTargetRef apiVersion/kind defaulting to apps/v1 Deployment, and name), a ScaledObject "
    "whose HPA name another ScaledObject already uses, and a ScaledObject for a workload an HPA "
    "already scales (unless the HPA is annotated validations.keda.sh/hpa-ownership: \"false\" or "
    "the ScaledObject takes it over with scaledobject.keda.sh/transfer-hpa-ownership). A "
    "hand-written ScaledObject or HPA on the Deployment of an InferenceService that KServe "
    "scales itself (Standard mode, autoscalerClass keda, hpa or none given) clashes with the "
    "object KServe's controller creates and keeps reconciling. The same "
    "ScaledObject (namespace and name) "
    "defined twice is reported too: KEDA sees an update, but only the later definition survives "
    "apply and kustomize refuses duplicate ids. Findings "
    "go to the later document in input order: for a ScaledObject listed after an HPA that is "
    "KEDA's rejection; for an HPA listed after a ScaledObject, two HPAs would fight over the "
    "replica count. Documents without a namespace are compared within their directory only: "
    "in a GitOps tree each directory is its own application (base and overlays, one per "
    "environment).",
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
