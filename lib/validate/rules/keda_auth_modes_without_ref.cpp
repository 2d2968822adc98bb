// SPDX-License-Identifier: Apache-2.0
#include "util/strings.hpp"
#include "validate/rules/keda_helpers.hpp"

#include <cctype>
#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace keda;

void check(const Subject& d, Reporter& r) {
  each_trigger(d, [&](std::size_t i, const model::Node& t) {
    const auto* meta = t.get("metadata");
    const auto* modes = at(meta, "authModes");
    if (modes == nullptr || t.get("authenticationRef") != nullptr) {
      return;
    }
    std::string m = str(modes);
    if (util::trim(m).empty()) {
      return; // `authModes: ""` (KEDA's own pulsar example) turns no authentication on
    }
    if (m == "apiKey") {
      return; // the key may come from metadata
    }
    // The pulsar scaler reads its OAuth client from the trigger metadata when no
    // TriggerAuthentication gives it (kedacore/keda pkg/scalers/pulsar_scaler.go,
    // parsePulsarMetadata: oauthTokenURI, clientID and scope from TriggerMetadata; the client
    // secret is optional, for mTLS OAuth per RFC 8705).
    if (str(t.get("type")) == "pulsar" && m == "oauth" && !str(at(meta, "oauthTokenURI")).empty()) {
      return;
    }
    r.at(modes->mark, trigger_ptr(i, "metadata") + "/authModes",
         fmt::format("authModes \"{}\" needs credentials from a TriggerAuthentication, and the "
                     "trigger has no authenticationRef",
                     m));
  });
}

} // namespace

extern const Rule k_rule_keda_auth_modes_without_ref = {
    "keda-auth-modes-without-ref",
    diag::Severity::error,
    Applies::scaled_object,
    "authModes without an authenticationRef",
    "authModes turns on bearer/basic/tls/oauth authentication, whose credentials only come from a "
    "TriggerAuthentication; without authenticationRef KEDA fails the trigger (e.g. 'bearer "
    "token=<empty> is required when bearer auth is enabled'). Not reported for the pulsar "
    "scaler's oauth with oauthTokenURI in the metadata, which it reads from there.",
    "Add authenticationRef naming a TriggerAuthentication with the credentials, or remove "
    "authModes.",
    "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  "
    "scaleTargetRef:\n    name: d\n  triggers:\n  - type: prometheus\n    metricType: "
    "AverageValue\n    metadata:\n      serverAddress: https://thanos:9091\n      query: sum(x)\n  "
    "    threshold: \"5\"\n      authModes: bearer\n",
    check,
};

} // namespace isvc::validate
