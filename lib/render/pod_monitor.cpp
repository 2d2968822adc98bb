// SPDX-License-Identifier: Apache-2.0
// PodMonitor for ISVCs that opt into Prometheus scraping (prometheus-operator v1).
#include "kserve/component_meta.hpp"
#include "render/renderers.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>

namespace isvc::render {
namespace {

std::string
annotation(const Context& ctx, const char* key, const char* fallback_key, const char* dflt) {
  for (const char* k : {key, fallback_key}) {
    auto it = ctx.meta.annotations.find(k);
    if (it != ctx.meta.annotations.end() && !it->second.empty()) {
      return it->second;
    }
  }
  return dflt;
}

} // namespace

std::optional<emit::Doc> pod_monitor(const Context& ctx) {
  std::string port_text = annotation(ctx, kserve::k_prom_port, "prometheus.io/port", "8080");
  auto port = util::parse_int(port_text);
  if (!port || *port < 1 || *port > 65535) {
    ctx.refuse(ctx.isvc.mark, "/metadata/annotations", "render-unrenderable",
               fmt::format("metrics port \"{}\" is not a port number", port_text),
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
  // A port the component declares with a name is referenced by name: `port` works with every
  // prometheus-operator; `portNumber` exists only since late 2024 (prometheus-operator#7150),
  // and older CRDs reject or prune it.
  std::string port_name;
  for (const auto& [pname, number] : ctx.comp.ports) {
    if (number == *port && !pname.empty()) {
      port_name = pname;
      break;
    }
  }
  if (!port_name.empty()) {
    endpoint["port"] = port_name;
  } else {
    endpoint["portNumber"] = *port;
  }
  endpoint["path"] = annotation(ctx, kserve::k_prom_path, "prometheus.io/path", "/metrics");
  if (ctx.ext.scrape_interval) {
    endpoint["interval"] = *ctx.ext.scrape_interval;
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
