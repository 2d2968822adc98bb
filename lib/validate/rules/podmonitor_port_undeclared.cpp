// SPDX-License-Identifier: Apache-2.0
// A PodMonitor endpoint that selects a container port the KServe pod does not declare.
#include "validate/rules/keda_helpers.hpp"

#include <fmt/format.h>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace isvc::validate {
namespace {

using keda::at;
using keda::integer;
using keda::str;

// The pod behind the monitor: its selector's KServe labels (the labels KServe puts on every
// component pod and that render's PodMonitor selects by).
struct Target {
  std::string isvc;
  std::string component;
};

std::optional<Target> kserve_target(const Subject& d) {
  const auto* labels = at(at(d.root().get("spec"), "selector"), "matchLabels");
  std::string name = str(at(labels, kserve::k_isvc_label));
  if (name.empty()) {
    return std::nullopt;
  }
  std::string comp = str(at(labels, "component"));
  return Target{name, comp.empty() ? "predictor" : comp};
}

// InferenceServices (documents with a plan) by name, in input order: a PodMonitor looks up
// its InferenceService without scanning every document (quadratic on a large corpus).
using ByName = std::unordered_map<std::string, std::vector<const Subject*>>;

ByName planned_by_name(const Corpus& c) {
  ByName out;
  for (const Subject* d : c.docs) {
    if (d->plan != nullptr) {
      out[d->name()].push_back(d);
    }
  }
  return out;
}

const plan::ComponentPlan* find_component(const ByName& isvcs, const Subject& pm, const Target& t) {
  auto it = isvcs.find(t.isvc);
  if (it == isvcs.end()) {
    return nullptr;
  }
  for (const Subject* d : it->second) {
    if (!(d->ns().empty() || pm.ns().empty() || d->ns() == pm.ns())) {
      continue;
    }
    for (const auto& cp : d->plan->components) {
      if (t.component == model::to_string(cp.comp->kind)) {
        return &cp;
      }
    }
  }
  return nullptr;
}

// The port an endpoint keeps targets by (prometheus-operator pkg/prometheus/promcfg.go:
// 1569-1597 at v0.93.0: `port` keeps by __meta_kubernetes_pod_container_port_name, else
// `portNumber` by _port_number, else the deprecated `targetPort`, by name or number).
struct Selector {
  const model::Node* node = nullptr;
  std::string field;
  std::string name;
  std::optional<std::int64_t> number;
};

Selector selector(const model::Node& ep) {
  if (const auto* p = ep.get("port"); !str(p).empty()) {
    return {p, "port", str(p), std::nullopt};
  }
  if (const auto* p = ep.get("portNumber"); integer(p).value_or(0) != 0) {
    return {p, "portNumber", "", integer(p)};
  }
  if (const auto* p = ep.get("targetPort"); p != nullptr && p->is_scalar()) {
    if (auto n = integer(p)) {
      return {p, "targetPort", "", n};
    }
    return {p, "targetPort", str(p), std::nullopt};
  }
  return {};
}

bool declared(const Selector& s, const std::vector<std::pair<std::string, std::int64_t>>& ports) {
  for (const auto& [name, number] : ports) {
    if ((!s.name.empty() && name == s.name) || (s.number && number == *s.number)) {
      return true;
    }
  }
  return false;
}

std::string what(const Selector& s) {
  return s.name.empty() ? fmt::format("port number {}", *s.number)
                        : fmt::format("port name \"{}\"", s.name);
}

void judge(const Subject& d, const Target& t, const plan::ComponentPlan* cp, CrossReporter& cr) {
  const auto* eps = at(d.root().get("spec"), "podMetricsEndpoints");
  if (eps == nullptr || !eps->is_seq()) {
    return;
  }
  for (std::size_t i = 0; i < eps->items.size(); ++i) {
    Selector s = selector(eps->items[i]);
    if (s.node == nullptr || (cp != nullptr && declared(s, cp->scrape.declared_ports))) {
      continue;
    }
    std::string ptr = fmt::format("/spec/podMetricsEndpoints/{}/{}", i, s.field);
    std::string head = fmt::format(
        "{} keeps only targets with container {}, but Prometheus gives a container without "
        "declared ports one target with no port labels",
        s.field, what(s));
    if (cp == nullptr) {
      // The InferenceService is not among the inputs: its ServingRuntime may declare the port.
      cr.for_doc(d)
          .with_severity(diag::Severity::note)
          .at(s.node->mark, ptr,
              fmt::format("{}; KServe's stock ServingRuntimes declare none, so on them this "
                          "PodMonitor scrapes nothing from the {} of InferenceService {}",
                          head, t.component, t.isvc));
      continue;
    }
    cr.for_doc(d).at(
        s.node->mark, ptr,
        fmt::format("{}; the {} of InferenceService {} declares {}, so unless its "
                    "ServingRuntime declares it this PodMonitor scrapes nothing",
                    head, t.component, t.isvc,
                    cp->scrape.declared_ports.empty() ? std::string("no ports") : "other ports"));
  }
}

void cross(const Corpus& c, CrossReporter& cr) {
  std::optional<ByName> isvcs; // built at the first PodMonitor
  for (const Subject* d : c.docs) {
    if (d->type.kind != "PodMonitor" ||
        !util::starts_with(d->type.api_version, "monitoring.coreos.com/")) {
      continue;
    }
    if (auto t = kserve_target(*d)) {
      if (!isvcs) {
        isvcs = planned_by_name(c);
      }
      judge(*d, *t, find_component(*isvcs, *d, *t), cr);
    }
  }
}

} // namespace

extern const Rule k_rule_podmonitor_port_undeclared = {
    "podmonitor-port-undeclared",
    diag::Severity::warning,
    Applies::pod_monitor,
    "PodMonitor selects a container port the KServe pod does not declare",
    "prometheus-operator turns a PodMonitor endpoint's port, portNumber or targetPort into a "
    "relabel rule that keeps only targets whose container port has that name or number. "
    "Prometheus's pod discovery gives a container that declares no ports a single target with no "
    "port labels, and KServe's stock ServingRuntimes (config/runtimes/kserve-*.yaml) declare no "
    "container ports, so such a monitor keeps nothing: the model server is never scraped and "
    "every query on its metrics returns an empty result. Judged for monitors selecting a KServe "
    "component (serving.kserve.io/inferenceservice label) against the ports the InferenceService "
    "declares; a note when the InferenceService is not among the inputs.",
    "Drop port/portNumber and add relabelings that keep __meta_kubernetes_pod_container_name "
    "kserve-container and set __address__ from __meta_kubernetes_pod_ip to IP:port (what "
    "`isvc-scale render` writes), or declare the port, with a name, on the container.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\nspec:\n  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n"
    "---\napiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: m\n  "
    "namespace: ml\nspec:\n  selector:\n    matchLabels:\n      "
    "serving.kserve.io/inferenceservice: m\n  podMetricsEndpoints:\n  - portNumber: 8080\n",
    nullptr,
    cross,
};

} // namespace isvc::validate
