// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <set>

namespace isvc::validate {
namespace {

using namespace keda;

void cross(const Corpus& c, CrossReporter& cr) {
  std::set<std::string> namespaced;
  std::set<std::string> cluster;
  for (const Document* d : c.docs) {
    if (d->type.kind == "TriggerAuthentication") {
      namespaced.insert(d->ns() + "/" + d->name());
    } else if (d->type.kind == "ClusterTriggerAuthentication") {
      cluster.insert(d->name());
    }
  }
  if (namespaced.empty() && cluster.empty()) {
    return;
  }
  auto resolves = [&](const std::string& ns, const std::string& name, const std::string& kind) {
    return kind == "ClusterTriggerAuthentication" ? cluster.count(name) != 0
                                                  : namespaced.count(ns + "/" + name) != 0;
  };
  for (const Document* d : c.docs) {
    if (d->isvc != nullptr) {
      for (const auto& comp : d->isvc->components) {
        for (const auto& m : comp.autoscaling.metrics) {
          const auto& n = m.external.auth_name;
          if (n && !resolves(d->ns(), *n, "TriggerAuthentication")) {
            cr.for_doc(*d).at(n, fmt::format("TriggerAuthentication \"{}\" not found in namespace "
                                             "\"{}\" among the inputs",
                                             *n, d->ns()));
          }
        }
      }
      continue;
    }
    const auto* ts = d->type.kind == "ScaledObject" ? triggers(*d) : nullptr;
    if (ts == nullptr) {
      continue;
    }
    for (std::size_t i = 0; i < ts->items.size(); ++i) {
      const auto* ref = ts->items[i].get("authenticationRef");
      const auto* name = at(ref, "name");
      std::string kind = str(at(ref, "kind"));
      if (name != nullptr && !resolves(d->ns(), str(name), kind)) {
        cr.for_doc(*d).at(name->mark, trigger_ptr(i, "authenticationRef") + "/name",
                          fmt::format("{} \"{}\" not found{} among the inputs",
                                      kind.empty() ? "TriggerAuthentication" : kind, str(name),
                                      kind == "ClusterTriggerAuthentication"
                                          ? std::string()
                                          : " in namespace \"" + d->ns() + "\""));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_keda_auth_ref_unresolved = {
    "keda-auth-ref-unresolved",
    diag::Severity::error,
    Applies::scaled_object,
    "authenticationRef names no TriggerAuthentication in the inputs",
    "A trigger whose TriggerAuthentication does not exist stays not-ready and never scales. The "
    "rule runs only when the inputs hold at least one TriggerAuthentication or "
    "ClusterTriggerAuthentication, i.e. when a repository is linted as a whole; a single file "
    "linted alone cannot know.",
    "Create the TriggerAuthentication in the same namespace, or fix the name (and kind: "
    "ClusterTriggerAuthentication for cluster-wide ones).",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metadata:\n      "
    "serverAddress: http://p:9090\n      query: sum(x)\n      threshold: \"5\"\n    "
    "authenticationRef:\n      name: missing\n---\napiVersion: keda.sh/v1alpha1\nkind: "
    "TriggerAuthentication\nmetadata:\n  name: other\nspec:\n  secretTargetRef:\n  - parameter: "
    "bearerToken\n    name: s\n    key: token\n",
    nullptr,
    cross,
};

} // namespace isvc::validate
