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

using Ports = std::vector<std::pair<std::string, std::int64_t>>;

// An InferenceService with a plan: the ports each of its components declares.
struct Planned {
  std::string name;
  std::string ns;
  std::vector<std::pair<std::string, Ports>> components; // component kind, declared ports
};

// The port an endpoint keeps targets by (prometheus-operator pkg/prometheus/promcfg.go:
// 1569-1597 at v0.93.0: `port` keeps by __meta_kubernetes_pod_container_port_name, else
// `portNumber` by _port_number, else the deprecated `targetPort`, by name or number).
struct Selector {
  const model::Node* node = nullptr;
  std::string field;
  std::string name;
  std::optional<std::int64_t> number;
};

// One endpoint's selector, kept past its document: where it is instead of the node.
struct Endpoint {
  std::string field;
  std::string name;
  std::optional<std::int64_t> number;
  Spot at;
};

struct Monitor {
  DocRef doc;
  Target target;
  std::vector<Endpoint> endpoints;
};

struct Facts {
  std::vector<Planned> isvcs;
  std::vector<Monitor> monitors;
};

// InferenceServices by name, in input order: a PodMonitor looks up its InferenceService
// without scanning every document (quadratic on a large corpus).
using ByName = std::unordered_map<std::string_view, std::vector<const Planned*>>;

const Ports* find_component(const ByName& isvcs, const Monitor& pm) {
  auto it = isvcs.find(pm.target.isvc);
  if (it == isvcs.end()) {
    return nullptr;
  }
  const std::string& ns = pm.doc.object.ns;
  for (const Planned* d : it->second) {
    if (!(d->ns.empty() || ns.empty() || d->ns == ns)) {
      continue;
    }
    for (const auto& [kind, ports] : d->components) {
      if (pm.target.component == kind) {
        return &ports;
      }
    }
  }
  return nullptr;
}

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

bool declared(const Endpoint& s, const Ports& ports) {
  for (const auto& [name, number] : ports) {
    if ((!s.name.empty() && name == s.name) || (s.number && number == *s.number)) {
      return true;
    }
  }
  return false;
}

std::string what(const Endpoint& s) {
  return s.name.empty() ? fmt::format("port number {}", *s.number)
                        : fmt::format("port name \"{}\"", s.name);
}

void judge(const Monitor& pm, const Ports* ports, CrossReporter& cr) {
  const Target& t = pm.target;
  for (const Endpoint& s : pm.endpoints) {
    if (ports != nullptr && declared(s, *ports)) {
      continue;
    }
    std::string head = fmt::format(
        "{} keeps only targets with container {}, but Prometheus gives a container without "
        "declared ports one target with no port labels",
        s.field, what(s));
    if (ports == nullptr) {
      // The InferenceService is not among the inputs: its ServingRuntime may declare the port.
      cr.at(pm.doc, s.at,
            fmt::format("{}; KServe's stock ServingRuntimes declare none, so on them this "
                        "PodMonitor scrapes nothing from the {} of InferenceService {}",
                        head, t.component, t.isvc),
            diag::Severity::note);
      continue;
    }
    cr.at(pm.doc, s.at,
          fmt::format("{}; the {} of InferenceService {} declares {}, so unless its "
                      "ServingRuntime declares it this PodMonitor scrapes nothing",
                      head, t.component, t.isvc,
                      ports->empty() ? std::string("no ports") : "other ports"));
  }
}

Monitor monitor(const Subject& d, Target t) {
  Monitor pm{doc_ref(d), std::move(t), {}};
  const auto* eps = at(d.root().get("spec"), "podMetricsEndpoints");
  for (std::size_t i = 0; eps != nullptr && eps->is_seq() && i < eps->items.size(); ++i) {
    Selector s = selector(eps->items[i]);
    if (s.node != nullptr) {
      std::string ptr = fmt::format("/spec/podMetricsEndpoints/{}/{}", i, s.field);
      pm.endpoints.push_back({s.field, s.name, s.number, spot(d, s.node->mark, std::move(ptr))});
    }
  }
  return pm;
}

void collect(const Subject& d, std::any& facts) {
  if (d.plan != nullptr) {
    Planned p{d.name(), d.ns(), {}};
    for (const auto& cp : d.plan->components) {
      p.components.emplace_back(model::to_string(cp.comp->kind), cp.scrape.declared_ports);
    }
    facts_of<Facts>(facts).isvcs.push_back(std::move(p));
  }
  if (d.type.kind != "PodMonitor" ||
      !util::starts_with(d.type.api_version, "monitoring.coreos.com/")) {
    return;
  }
  if (auto t = kserve_target(d)) {
    facts_of<Facts>(facts).monitors.push_back(monitor(d, std::move(*t)));
  }
}

void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  std::optional<ByName> isvcs; // built at the first PodMonitor
  for (const std::any* f : files) {
    const auto* facts = std::any_cast<Facts>(f);
    for (std::size_t m = 0; facts != nullptr && m < facts->monitors.size(); ++m) {
      if (!isvcs) {
        isvcs.emplace();
        for (const std::any* g : files) {
          if (const auto* h = std::any_cast<Facts>(g)) {
            for (const Planned& p : h->isvcs) {
              (*isvcs)[p.name].push_back(&p);
            }
          }
        }
      }
      judge(facts->monitors[m], find_component(*isvcs, facts->monitors[m]), cr);
    }
  }
}

constexpr CrossRule k_cross{collect, finish};

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
    &k_cross,
};

} // namespace isvc::validate
