// SPDX-License-Identifier: Apache-2.0
// authenticationRef names that no (Cluster)TriggerAuthentication among the inputs defines.
#include "util/spellcheck.hpp"
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <map>
#include <set>
#include <vector>

namespace isvc::validate {
namespace {

using namespace keda;

struct Known {
  bool any_namespaced = false;
  bool any_cluster = false;
  std::map<std::string, std::set<std::string>> namespaced; // name -> namespaces
  std::set<std::string> cluster;                           // names

  // KEDA looks the object up when it builds the scaler (pkg/scaling/resolver/
  // scale_resolvers.go, getTriggerAuthSpec: client.Get of {Name: ref.name, Namespace: the
  // ScaledObject's namespace}, or of the cluster-scoped ClusterTriggerAuthentication), so one
  // that is not among the inputs may well exist in the cluster by then: `absent` is a note.
  // A blank metadata.namespace is the namespace the file is applied to, so it matches any.
  enum class Found { yes, elsewhere, absent };
  Found resolves(const std::string& ns, const std::string& name, bool cluster_kind) const {
    auto it = namespaced.find(name);
    if (cluster_kind) {
      return cluster.count(name) != 0 ? Found::yes
             : it != namespaced.end() ? Found::elsewhere
                                      : Found::absent;
    }
    if (it != namespaced.end()) {
      bool here = ns.empty() || it->second.count(ns) != 0 || it->second.count("") != 0;
      return here ? Found::yes : Found::elsewhere;
    }
    return cluster.count(name) != 0 ? Found::elsewhere : Found::absent;
  }

  // Where the name does exist (other kind, other namespace), else the closest name.
  std::string hint(const std::string& ns, const std::string& name, bool cluster_kind) const {
    auto it = namespaced.find(name);
    if (cluster_kind && it != namespaced.end() && it->second.count(ns) != 0) {
      return " (a TriggerAuthentication of that name exists in the namespace: drop kind: "
             "ClusterTriggerAuthentication)";
    }
    if (!cluster_kind && cluster.count(name) != 0) {
      return " (a ClusterTriggerAuthentication of that name exists: add kind: "
             "ClusterTriggerAuthentication)";
    }
    if (!cluster_kind && it != namespaced.end()) {
      return fmt::format(" (it exists in namespace \"{}\"; TriggerAuthentications are "
                         "namespaced)",
                         *it->second.begin());
    }
    std::vector<std::string_view> candidates;
    if (cluster_kind) {
      candidates.assign(cluster.begin(), cluster.end());
    } else {
      for (const auto& [n, namespaces] : namespaced) {
        if (namespaces.count(ns) != 0) {
          candidates.push_back(n);
        }
      }
    }
    return util::did_you_mean(name, candidates);
  }
};

std::string kind_name(bool cluster_kind) {
  return cluster_kind ? "ClusterTriggerAuthentication" : "TriggerAuthentication";
}

std::string where(bool cluster_kind, const std::string& ns) {
  return cluster_kind ? std::string()
                      : fmt::format(" in namespace {}",
                                    ns.empty() ? std::string("(empty: the one it is applied to)")
                                               : "\"" + ns + "\"");
}

std::string
missing(const Known& k, const std::string& name, bool cluster_kind, const std::string& ns) {
  return fmt::format("{} \"{}\" not found{} among the inputs{}; KEDA cannot resolve the "
                     "trigger's credentials and the scaler fails, so create it or fix the name",
                     kind_name(cluster_kind), name, where(cluster_kind, ns),
                     k.hint(ns, name, cluster_kind));
}

std::string
absent(const Known& k, const std::string& name, bool cluster_kind, const std::string& ns) {
  return fmt::format("{} \"{}\" is not among the inputs{}; KEDA looks it up{} when it builds the "
                     "scaler, so it must exist in the cluster by then",
                     kind_name(cluster_kind), name, k.hint(ns, name, cluster_kind),
                     where(cluster_kind, ns));
}

// One authenticationRef: where it is and what it names.
struct Ref {
  DocRef doc;
  Spot at;
  std::string name;
  bool cluster_kind = false;
};

struct Facts {
  std::vector<std::pair<std::string, std::string>> namespaced; // TriggerAuthentications: name, ns
  std::vector<std::string> cluster;                            // ClusterTriggerAuthentications
  std::vector<Ref> refs;
};

// One reference: an error where the inputs show it cannot resolve, a note where they do
// not hold it at all.
void judge(const Known& k, CrossReporter& cr, const Ref& r) {
  const std::string& ns = r.doc.object.ns;
  switch (k.resolves(ns, r.name, r.cluster_kind)) {
  case Known::Found::yes:
    return;
  case Known::Found::elsewhere:
    cr.at(r.doc, r.at, missing(k, r.name, r.cluster_kind, ns));
    return;
  case Known::Found::absent:
    if (!(r.cluster_kind ? k.any_cluster : k.any_namespaced)) {
      return; // no object of that kind among the inputs: they were not meant to hold it
    }
    cr.at(r.doc, r.at, absent(k, r.name, r.cluster_kind, ns), diag::Severity::note);
    return;
  }
}

void collect(const Subject& d, std::any& facts) {
  if (is_keda(d, "TriggerAuthentication")) {
    facts_of<Facts>(facts).namespaced.emplace_back(d.name(), d.ns());
  } else if (is_keda(d, "ClusterTriggerAuthentication")) {
    facts_of<Facts>(facts).cluster.push_back(d.name());
  }
  if (d.isvc != nullptr) {
    // KServe copies external.authenticationRef.authenticationRef.name into the ScaledObject
    // it generates in the InferenceService's namespace (kind TriggerAuthentication).
    for (const auto& comp : d.isvc->components) {
      for (const auto& m : comp.autoscaling.metrics) {
        const auto& n = m.external.auth_name;
        if (*m.type != "External" || !n || n->empty()) {
          continue;
        }
        facts_of<Facts>(facts).refs.push_back({doc_ref(d), spot(d, n.mark, n.pointer), *n, false});
      }
    }
    return;
  }
  if (!is_keda(d, "ScaledObject") && !is_keda(d, "ScaledJob")) {
    return;
  }
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    const auto* ref = t.get("authenticationRef");
    const auto* name = at(ref, "name");
    std::string kind = str(at(ref, "kind"));
    if (str(name).empty() || (!kind.empty() && kind != "TriggerAuthentication" &&
                              kind != "ClusterTriggerAuthentication")) {
      return;
    }
    facts_of<Facts>(facts).refs.push_back(
        {doc_ref(d), spot(d, name->mark, trigger_ptr(i, "authenticationRef") + "/name"), str(name),
         kind == "ClusterTriggerAuthentication"});
  });
}

void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  Known k;
  for (const std::any* f : files) {
    if (const auto* facts = std::any_cast<Facts>(f)) {
      for (const auto& [name, ns] : facts->namespaced) {
        k.any_namespaced = true;
        k.namespaced[name].insert(ns);
      }
      for (const auto& name : facts->cluster) {
        k.any_cluster = true;
        k.cluster.insert(name);
      }
    }
  }
  if (!k.any_namespaced && !k.any_cluster) {
    return;
  }
  for (const std::any* f : files) {
    if (const auto* facts = std::any_cast<Facts>(f)) {
      for (const Ref& r : facts->refs) {
        judge(k, cr, r);
      }
    }
  }
}

constexpr CrossRule k_cross{collect, finish};

} // namespace

extern const Rule k_rule_keda_auth_ref_unresolved = {
    "keda-auth-ref-unresolved",
    diag::Severity::error,
    Applies::scaled_object,
    "authenticationRef names no TriggerAuthentication in the inputs",
    "A trigger whose TriggerAuthentication does not exist cannot resolve its credentials: the "
    "scaler fails, the ScaledObject is not ready and nothing scales. Checked for ScaledObject and "
    "ScaledJob triggers and for InferenceService External metrics (KServe copies "
    "external.authenticationRef into its ScaledObject). A single file linted alone cannot know "
    "what exists in the cluster, while a GitOps repository linted as a whole should resolve, so "
    "the rule only judges a kind the inputs define: namespaced references only when some "
    "TriggerAuthentication is among the inputs, cluster ones only when some "
    "ClusterTriggerAuthentication is. A name the inputs hold in another namespace or as the "
    "other kind is an error; a name no input holds is a note, because KEDA looks it up only when "
    "it builds the scaler and it may exist in the cluster. A blank metadata.namespace means the "
    "namespace the file is applied to and matches any.",
    "Create the TriggerAuthentication in the same namespace, or fix the name (and kind: "
    "ClusterTriggerAuthentication for cluster-wide ones).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metadata:\n      "
    "serverAddress: http://p:9090\n      query: sum(x)\n      threshold: \"5\"\n    "
    "authenticationRef:\n      name: missing\n---\napiVersion: keda.sh/v1alpha1\nkind: "
    "TriggerAuthentication\nmetadata:\n  name: other\nspec:\n  secretTargetRef:\n  - parameter: "
    "bearerToken\n    name: s\n    key: token\n",
    nullptr,
    &k_cross,
};

} // namespace isvc::validate
