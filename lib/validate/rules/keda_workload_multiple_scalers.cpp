// SPDX-License-Identifier: Apache-2.0
// KEDA webhook verifyScaledObjects/verifyHpas (apis/keda/v1alpha1/scaledobject_webhook.go) over
// the inputs: one ScaledObject per workload, no foreign HPA on it, no shared HPA name.
#include "validate/rules/keda_helpers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <vector>

namespace isvc::validate {
namespace {

using namespace keda;

// A ScaledObject or HPA, kept past its document: what the checks compare and where each
// finding would go.
struct Target {
  DocRef doc;
  bool scaled_object = false;           // else an HPA
  std::string workload;                 // "<ns>/<gvk>/<name>"
  std::string type;                     // KEDA's GVKString
  std::string name;                     // scaleTargetRef.name
  std::string object;                   // "<ns>/<metadata.name>"
  std::string hpa;                      // "<ns>/<HPA name>" (ScaledObjects only)
  std::string hpa_name;                 // KEDA's name for its HPA (ScaledObjects only)
  Spot target;                          // scaleTargetRef.name (else spec)
  std::optional<model::Mark> name_mark; // metadata.name, if written
  Spot name_spot;                       // metadata.name (else the document)
  Spot hpa_clash;                       // the custom HPA name, else metadata.name
  Spot transfer;               // the custom HPA name, else the transfer annotation, else `target`
  bool transfer_asked = false; // scaledobject.keda.sh/transfer-hpa-ownership: "true"
  std::string custom_hpa;      // spec.advanced.horizontalPodAutoscalerConfig.name
  std::vector<std::string> owners; // HPAs: the ScaledObjects in its ownerReferences
};

model::Mark target_mark(const Subject& d, const model::Node* name_node) {
  return name_node != nullptr ? name_node->mark : d.root().key_mark("spec");
}

std::vector<std::string> scaled_object_owners(const Subject& hpa) {
  std::vector<std::string> out;
  const auto* owners = at(metadata(hpa), "ownerReferences");
  for (std::size_t i = 0; owners != nullptr && owners->is_seq() && i < owners->items.size(); ++i) {
    const auto& o = owners->items[i];
    if (str(o.get("kind")) == "ScaledObject") {
      out.push_back(str(o.get("name")));
    }
  }
  return out;
}

Target target_of(const Subject& d, bool scaled_object) {
  const auto* name_node = at(at(spec(d), "scaleTargetRef"), "name");
  const auto* name = at(metadata(d), "name");
  const auto* custom = custom_hpa_name(d);
  const auto* ann = annotation(d, "scaledobject.keda.sh/transfer-hpa-ownership");
  const char* custom_ptr = "/spec/advanced/horizontalPodAutoscalerConfig/name";
  Target t;
  t.doc = doc_ref(d);
  t.scaled_object = scaled_object;
  t.name = str(name_node);
  t.target = spot(d, target_mark(d, name_node), "/spec/scaleTargetRef/name");
  t.name_spot = spot(d, name != nullptr ? name->mark : d.root().mark, "/metadata/name");
  t.transfer_asked = str(ann) == "true";
  t.custom_hpa = str(custom);
  t.workload = workload(d, &t.type);
  std::string scope = d.scope(); // one namespace, or a blank one in one directory
  t.object = scope + "/" + d.name();
  if (name != nullptr) {
    t.name_mark = name->mark;
  }
  if (scaled_object) {
    t.hpa_name = hpa_name(d);
    t.hpa = scope + "/" + t.hpa_name;
    t.hpa_clash = custom != nullptr ? spot(d, custom->mark, custom_ptr) : t.name_spot;
    t.transfer = spot(d,
                      custom != nullptr ? custom->mark
                      : ann != nullptr  ? ann->mark
                                        : t.target.mark,
                      custom_ptr);
  } else {
    t.owners = scaled_object_owners(d);
  }
  return t;
}

// What came before in input order, indexed so a repository of thousands of ScaledObjects is
// checked in one pass instead of comparing every pair.
struct Seen {
  std::map<std::string_view, const Target*> object;   // first ScaledObject of that ns/name
  std::map<std::string_view, const Target*> workload; // first ScaledObject on the workload
  std::map<std::string_view, const Target*> hpa;      // first ScaledObject using the HPA name
  std::map<std::string_view, std::vector<const Target*>> scaled_on; // workload -> ScaledObjects
  std::map<std::string_view, std::vector<const Target*>> hpas_on;   // workload -> HPAs

  template <class M, class K>
  static auto find(const M& m, const K& key) -> typename M::mapped_type {
    auto it = m.find(key);
    return it != m.end() ? it->second : typename M::mapped_type{};
  }
  void add_scaled(const Target& s) {
    object.emplace(s.object, &s);
    workload.emplace(s.workload, &s);
    hpa.emplace(s.hpa, &s);
    scaled_on[s.workload].push_back(&s);
  }
  void add_hpa(const Target& h) { hpas_on[h.workload].push_back(&h); }
};

// An HPA KEDA created for this ScaledObject (e.g. from `kubectl get -o yaml`) is not foreign.
bool owned_by(const Target& hpa, const Target& so) {
  return std::find(hpa.owners.begin(), hpa.owners.end(), so.doc.object.name) != hpa.owners.end();
}

enum class Ownership : std::uint8_t { conflict, transferred, transfer_unnamed };

// How KEDA treats `so` meeting the foreign `hpa` on its workload.
Ownership ownership(const Target& so, const Target& hpa) {
  if (!so.transfer_asked) {
    return Ownership::conflict;
  }
  return so.custom_hpa == hpa.doc.object.name ? Ownership::transferred
                                              : Ownership::transfer_unnamed;
}

// Point at the name that is wrong, else at the annotation that asked for the transfer.
void report_transfer(CrossReporter& cr, const Target& so, const Target& hpa) {
  const std::string& h = hpa.doc.object.name;
  cr.at(so.doc, so.transfer,
        fmt::format("the existing hpa '{}' for workload '{}' of type '{}' must be "
                    "specified by name in advanced settings to enable ownership "
                    "transfer; set spec.advanced.horizontalPodAutoscalerConfig.name: {}",
                    h, so.name, so.type, h));
}

// The same ScaledObject defined again: report that alone. Returns true if it was.
bool check_redefined(CrossReporter& cr, const Target& t, const Seen& seen) {
  // KEDA skips an object with the incoming name (an update of itself); in the inputs the same
  // object twice means one definition silently replaces the other on apply. Its clashes were
  // reported on the first definition.
  const Target* o = Seen::find(seen.object, t.object);
  if (o == nullptr || !t.name_mark || !o->name_mark) {
    return false;
  }
  cr.at(t.doc, t.name_spot,
        fmt::format("ScaledObject '{}' is defined again (first at {}:{}:{}); "
                    "applying both keeps only the later definition and kustomize "
                    "refuses the duplicate id: keep one",
                    t.doc.object.name, o->doc.file, o->name_mark->line, o->name_mark->col));
  return true;
}

// A later ScaledObject against the ScaledObjects and HPAs before it; like KEDA, at most one
// finding per kind of clash.
// Returns false for a second definition of an earlier ScaledObject.
bool check_scaled_object(CrossReporter& cr, const Target& t, const Seen& seen) {
  if (check_redefined(cr, t, seen)) {
    return false;
  }
  if (const Target* o = Seen::find(seen.workload, t.workload); o != nullptr) {
    cr.at(t.doc, t.target,
          fmt::format("the workload '{}' of type '{}' is already managed by the "
                      "ScaledObject '{}'; keep one ScaledObject per workload (merge "
                      "the triggers)",
                      t.name, t.type, o->doc.object.name));
  }
  if (const Target* o = Seen::find(seen.hpa, t.hpa); o != nullptr) {
    cr.at(t.doc, t.hpa_clash,
          fmt::format("the HPA '{}' is already managed by the ScaledObject '{}'; "
                      "give this ScaledObject's HPA another name",
                      t.hpa_name, o->doc.object.name));
  }
  for (const Target* h : Seen::find(seen.hpas_on, t.workload)) {
    if (owned_by(*h, t)) {
      continue;
    }
    Ownership own = ownership(t, *h);
    if (own == Ownership::transferred) {
      continue;
    }
    if (own == Ownership::transfer_unnamed) {
      report_transfer(cr, t, *h);
    } else {
      const std::string& hn = h->doc.object.name;
      cr.at(t.doc, t.target,
            fmt::format("the workload '{}' of type '{}' is already managed by the hpa "
                        "'{}'; delete that HPA, or take it over with the annotation "
                        "scaledobject.keda.sh/transfer-hpa-ownership: \"true\" and "
                        "spec.advanced.horizontalPodAutoscalerConfig.name: {}",
                        t.name, t.type, hn, hn));
    }
    return true; // KEDA stops at the first conflicting HPA
  }
  return true;
}

// A later HPA against the ScaledObjects before it. KEDA itself validates only ScaledObjects,
// but the HPA would fight KEDA's own HPA over the replica count.
void check_hpa(CrossReporter& cr, const Target& t, const Seen& seen) {
  for (const Target* so : Seen::find(seen.scaled_on, t.workload)) {
    const Target& o = *so;
    if (owned_by(t, o)) {
      continue;
    }
    Ownership own = ownership(o, t);
    if (own == Ownership::transferred) {
      continue;
    }
    if (own == Ownership::transfer_unnamed) {
      // The ScaledObject asked for a transfer but did not name this HPA: fix it there.
      report_transfer(cr, o, t);
    } else {
      cr.at(t.doc, t.target,
            fmt::format("the workload '{}' of type '{}' is already managed by the "
                        "ScaledObject '{}'; delete this HPA (KEDA creates its own), or "
                        "annotate it validations.keda.sh/hpa-ownership: \"false\" if "
                        "that is intended",
                        t.name, t.type, o.doc.object.name));
    }
    return; // one finding per HPA; later duplicate ScaledObjects are reported themselves
  }
}

// A scaler KServe's controller creates for an InferenceService component (class keda: a
// ScaledObject, class hpa or no class: an HPA, both named like the Deployment).
// One is kept per InferenceService of a stream, so small: the name is the workload's tail.
struct KServeScaler {
  std::string workload; // "<scope>/<gvk>/<name>"
  std::string isvc;
  std::uint32_t name_at = 0;
  bool keda = false; // a ScaledObject, else an HPA

  std::string_view name() const { return std::string_view(workload).substr(name_at); }
  std::string_view kind() const { return keda ? "ScaledObject" : "HorizontalPodAutoscaler"; }
};

struct Facts {
  std::vector<KServeScaler> kserve;
  std::vector<Target> targets; // ScaledObjects and HPAs, in input order
};

void collect_kserve(const Subject& d, std::any& facts) {
  // The plan decided the mode and each component's class and names (plan::resolve).
  if (d.plan == nullptr || d.plan->mode != "Standard") {
    return;
  }
  for (const auto& cp : d.plan->components) {
    const auto& meta = cp.meta;
    if (meta.stopped || (meta.autoscaler_class != "keda" && meta.autoscaler_class != "hpa")) {
      continue; // external/none: KServe leaves scaling to someone else
    }
    std::string workload = d.scope() + "/" + gvk_string("", "") + "/" + meta.name;
    auto name_at = static_cast<std::uint32_t>(workload.size() - meta.name.size());
    facts_of<Facts>(facts).kserve.push_back(
        {std::move(workload), d.name(), name_at, meta.autoscaler_class == "keda"});
  }
}

void collect(const Subject& d, std::any& facts) {
  collect_kserve(d, facts);
  bool so = is_keda(d, "ScaledObject");
  bool hpa = d.type.kind == "HorizontalPodAutoscaler" &&
             util::starts_with(d.type.api_version, "autoscaling/");
  // KEDA skips HPAs annotated validations.keda.sh/hpa-ownership: "false".
  if ((!so && !hpa) ||
      (hpa && str(annotation(d, "validations.keda.sh/hpa-ownership")) == "false")) {
    return;
  }
  Target t = target_of(d, so);
  if (!t.name.empty()) { // else schema-required reports the missing scaleTargetRef.name
    facts_of<Facts>(facts).targets.push_back(std::move(t));
  }
}

// A hand-written ScaledObject/HPA on a Deployment KServe already scales: KEDA's webhook rejects
// the ScaledObject (or the two HPAs fight), and KServe's reconciler puts its own object back.
void check_kserve_owned(CrossReporter& cr,
                        const Target& t,
                        bool so,
                        const std::map<std::string_view, const KServeScaler*>& owned) {
  auto it = owned.find(t.workload);
  if (it == owned.end()) {
    return;
  }
  const KServeScaler& k = *it->second;
  if (t.doc.object.name == k.name() && t.doc.object.kind == k.kind()) {
    return; // KServe's own object (e.g. `render --mode kserve` output linted beside its ISVC)
  }
  cr.at(t.doc, t.target,
        fmt::format("the workload '{}' is already scaled by KServe: InferenceService '{}' makes "
                    "the {} '{}' for it (autoscalerClass {}); this {} would fight it, so set "
                    "serving.kserve.io/autoscalerClass: external on the InferenceService (or let "
                    "`isvc-scale render` write both)",
                    t.name, k.isvc, k.kind(), k.name(), k.keda ? "keda" : "hpa",
                    so ? "ScaledObject" : "HorizontalPodAutoscaler"));
}

void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  std::map<std::string_view, const KServeScaler*> owned; // workload -> scaler
  for (const std::any* f : files) {
    if (const auto* facts = std::any_cast<Facts>(f)) {
      for (const auto& k : facts->kserve) {
        owned.emplace(k.workload, &k);
      }
    }
  }
  Seen seen;
  for (const std::any* f : files) {
    const auto* facts = std::any_cast<Facts>(f);
    for (std::size_t i = 0; facts != nullptr && i < facts->targets.size(); ++i) {
      const Target& t = facts->targets[i];
      check_kserve_owned(cr, t, t.scaled_object, owned);
      if (t.scaled_object) {
        if (check_scaled_object(cr, t, seen)) {
          seen.add_scaled(t);
        }
      } else {
        check_hpa(cr, t, seen);
        seen.add_hpa(t);
      }
    }
  }
}

constexpr CrossRule k_cross{collect, finish};

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
    &k_cross,
};

} // namespace isvc::validate
