// SPDX-License-Identifier: Apache-2.0
// authModes KEDA's prometheus scaler refuses, hand-written or copied by KServe from an
// InferenceService External metric.
#include "kserve/keda_auth.hpp"
#include "validate/rules/keda_helpers.hpp"

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  if (d.isvc != nullptr) {
    // KServe copies external.authenticationRef.authModes into the prometheus trigger.
    for (const auto& comp : d.isvc->components) {
      for (const auto& m : comp.autoscaling.metrics) {
        const auto& x = m.external;
        if (!m.type || *m.type != "External" || !x.auth_modes ||
            (x.backend && *x.backend == "graphite")) {
          continue;
        }
        if (auto why = kserve::auth_modes_problem(*x.auth_modes)) {
          r.at(x.auth_modes, *why);
        }
      }
    }
    return;
  }
  if (!is_keda(d, "ScaledObject") && !is_keda(d, "ScaledJob")) {
    return;
  }
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    if (str(t.get("type")) != "prometheus") {
      return;
    }
    const auto* meta = t.get("metadata");
    const char* key = at(meta, "authModes") != nullptr ? "authModes" : "authMode";
    const auto* modes = at(meta, key);
    if (modes == nullptr || !modes->is_scalar()) {
      return;
    }
    if (auto why = kserve::auth_modes_problem(modes->value)) {
      r.at(modes->mark, trigger_ptr(i, "metadata") + "/" + key, *why);
    }
  });
}

} // namespace

extern const Rule k_rule_keda_auth_modes_invalid = {
    "keda-auth-modes-invalid",
    diag::Severity::error,
    Applies::any,
    "authModes names an unknown mode or more than one of bearer, basic, oauth",
    "KEDA's prometheus scaler reads authModes as a comma-separated list of apiKey, basic, tls, "
    "bearer, custom and oauth, of which bearer, basic and oauth exclude each other: any other "
    "list fails the trigger and nothing scales. Checked for prometheus triggers of ScaledObjects "
    "and ScaledJobs and for InferenceService External metrics, whose "
    "authenticationRef.authModes KServe copies into the trigger.",
    "Keep one of bearer, basic or oauth (tls, apiKey and custom may be added), spelled as KEDA "
    "spells them.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metadata:\n      "
    "serverAddress: https://thanos:9091\n      query: sum(x)\n      threshold: \"5\"\n      "
    "authModes: bearer,basic\n    authenticationRef:\n      name: creds\n",
    check,
};

} // namespace isvc::validate
