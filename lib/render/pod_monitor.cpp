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
  if (ctx.ext.podmonitor_labels) {
    std::string_view rest = *ctx.ext.podmonitor_labels;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string_view item = util::trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      std::size_t eq = item.find('=');
      if (item.empty()) {
        continue;
      }
      if (eq == std::string_view::npos || eq == 0) {
        ctx.refuse(
            ctx.ext.podmonitor_labels.mark, ctx.ext.podmonitor_labels.pointer,
            "isvc-annotation-value",
            fmt::format("isvc-scale.io/podmonitor-labels entry \"{}\" is not key=value", item),
            "Write labels as key=value pairs separated by commas, e.g. "
            "release=kube-prometheus-stack.");
        return std::nullopt;
      }
      labels[std::string(util::trim(item.substr(0, eq)))] =
          std::string(util::trim(item.substr(eq + 1)));
    }
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
