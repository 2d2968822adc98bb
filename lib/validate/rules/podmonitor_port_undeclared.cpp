// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Document& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present) {
      continue;
    }
    auto meta = kserve::component_meta(*d.isvc, c);
    auto on = meta.annotations.find(kserve::k_enable_scraping);
    if (on == meta.annotations.end() || on->second != "true") {
      continue;
    }
    auto port_it = meta.annotations.find(kserve::k_prom_port);
    std::string port = port_it != meta.annotations.end() ? port_it->second : "8080";
    // Ports usually come from the ServingRuntime (8080 for KServe's runtimes), which
    // the InferenceService does not show: judge only ports declared here.
    if (c.ports.empty()) {
      continue;
    }
    bool declared = false;
    for (const auto& [name, number] : c.ports) {
      declared = declared || std::to_string(number) == port || name == port;
    }
    if (!declared) {
      const auto* at = d.isvc->annotation(kserve::k_prom_port);
      if (at == nullptr) {
        at = d.isvc->annotation(kserve::k_enable_scraping);
      }
      r.at(*at, fmt::format("metrics port {} is not a declared containerPort of the {}: the "
                            "PodMonitor target is dropped",
                            port, model::to_string(c.kind)));
    }
  }
}

} // namespace

extern const Rule k_rule_podmonitor_port_undeclared = {
    "podmonitor-port-undeclared",
    diag::Severity::warning,
    Applies::inference_service,
    "metrics port not declared on the container",
    "A PodMonitor scrapes a declared container port; when prometheus.kserve.io/port (default 8080) "
    "is not among the component's containerPorts, prometheus-operator drops the target and the "
    "queries return nothing.",
    "Declare the metrics port under the container's ports (name and containerPort), or point "
    "prometheus.kserve.io/port at a declared one.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\n    serving.kserve.io/enable-prometheus-scraping: "
    "\"true\"\n    prometheus.kserve.io/port: \"9090\"\nspec:\n  predictor:\n    containers:\n    "
    "- name: kserve-container\n      image: i\n      ports:\n      - containerPort: 8080\n    "
    "model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
