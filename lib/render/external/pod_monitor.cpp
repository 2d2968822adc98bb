// SPDX-License-Identifier: Apache-2.0
// PodMonitor for ISVCs that opt into Prometheus scraping (prometheus-operator v1).
#include "kserve/component_meta.hpp"
#include "render/renderers.hpp"

#include <fmt/format.h>

namespace isvc::render {
namespace {

emit::Doc relabel(const char* source,
                  const std::string& regex,
                  const char* target,
                  const std::string& replacement) {
  emit::Doc r = emit::Doc::object();
  r["sourceLabels"] = emit::Doc::array({emit::Doc(source)});
  r["regex"] = regex;
  r["targetLabel"] = target;
  r["replacement"] = replacement;
  return r;
}

// Selects the model container and sends the scrape to pod IP:port, whether or not the container
// declares ports. prometheus-operator turns `port` / `portNumber` into a keep on
// __meta_kubernetes_pod_container_port_name / _number (pkg/prometheus/promcfg.go:1569-1597 at
// v0.93.0), but Prometheus gives a container without ports one target whose address is the bare
// pod IP and which has no port labels at all (discovery/kubernetes/pod.go:295-305 at v2.42.0):
// KServe's stock runtimes declare no ports (config/runtimes/kserve-*.yaml), so either field
// would keep nothing. The relabelings written here run after the operator's own
// (promcfg.go:1661). A container declaring several ports yields several targets rewritten to
// the same address; Prometheus keeps one (scrape/scrape.go:517, sync deduplicates).
emit::Doc address_relabelings(const plan::ScrapePlan& s) {
  emit::Doc keep = emit::Doc::object();
  keep["action"] = "keep";
  keep["sourceLabels"] = emit::Doc::array({emit::Doc("__meta_kubernetes_pod_container_name")});
  keep["regex"] = s.container;
  // An IPv6 pod IP needs brackets (the address Prometheus builds itself uses JoinHostPort).
  return emit::Doc::array(
      {keep,
       relabel("__meta_kubernetes_pod_ip", "([^:]+)", "__address__", fmt::format("$1:{}", *s.port)),
       relabel("__meta_kubernetes_pod_ip", "(.+:.+)", "__address__",
               fmt::format("[$1]:{}", *s.port))});
}

} // namespace

std::optional<emit::Doc> pod_monitor(const Context& ctx) {
  if (ctx.cp == nullptr) {
    return std::nullopt;
  }
  const plan::ScrapePlan& s = ctx.cp->scrape;
  if (!s.port) {
    ctx.refuse(ctx.isvc.mark, "/metadata/annotations", "render-unrenderable",
               fmt::format("metrics port \"{}\" is not a port number", s.port_text),
               "Set prometheus.kserve.io/port to the container port that serves /metrics.");
    return std::nullopt;
  }
  auto labels = managed_labels(ctx);
  // Checked by parse::read_extensions (isvc-annotation-value), which lint runs too.
  for (const auto& [key, value] : ctx.ext.podmonitor_label_map) {
    labels[key] = value;
  }
  emit::Doc pm =
      object_head("monitoring.coreos.com/v1", "PodMonitor", ctx.meta.name, ctx.meta.ns, labels, {});
  emit::Doc endpoint = emit::Doc::object();
  // A port the component declares with a name is referenced by name (the operator keeps the
  // target whose port name matches). Otherwise the port is written into the address.
  if (!s.declared_port_name.empty()) {
    endpoint["port"] = s.declared_port_name;
  }
  endpoint["path"] = s.path;
  if (ctx.ext.scrape_interval) {
    endpoint["interval"] = *ctx.ext.scrape_interval;
  }
  if (s.declared_port_name.empty()) {
    endpoint["relabelings"] = address_relabelings(s);
  }
  emit::Doc spec = emit::Doc::object();
  spec["selector"] =
      emit::Doc{{"matchLabels", sorted_map({{"component", model::to_string(ctx.comp.kind)},
                                            {kserve::k_isvc_label, *ctx.isvc.name}})}};
  spec["podMetricsEndpoints"] = emit::Doc::array({endpoint});
  pm["spec"] = std::move(spec);
  return pm;
}

} // namespace isvc::render
