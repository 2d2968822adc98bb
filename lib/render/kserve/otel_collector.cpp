// SPDX-License-Identifier: Apache-2.0
// The sidecar collector of KServe's
// pkg/controller/v1beta1/inferenceservice/reconcilers/otel/otel_reconciler.go (createOtelCollector,
// :138 at kserve/kserve aaac4e2).
#include "kserve/component_meta.hpp"
#include "render/renderers.hpp"
#include "util/quantity.hpp"

namespace isvc::render {

std::vector<std::string> otel_metric_names(const model::Component& c) {
  std::vector<std::string> names;
  for (const auto& m : c.autoscaling.metrics) {
    if (m.type && *m.type == "PodMetric" && m.podmetric.backend &&
        *m.podmetric.backend == "opentelemetry") {
      for (const auto& n : m.podmetric.metric_names) {
        names.push_back(*n);
      }
    }
  }
  return names;
}

bool wants_otel_collector(const Context& ctx) {
  return ctx.comp.autoscaling.present && !otel_metric_names(ctx.comp).empty() && !ctx.meta.stopped;
}

namespace {

emit::Doc quantities(const std::string& cpu, const std::string& memory) {
  emit::Doc d = emit::Doc::object();
  if (!cpu.empty()) {
    d["cpu"] = util::canonical_quantity(cpu).value_or(cpu);
  }
  if (!memory.empty()) {
    d["memory"] = util::canonical_quantity(memory).value_or(memory);
  }
  return d;
}

} // namespace

std::optional<emit::Doc> otel_collector(const Context& ctx) {
  const auto& cfg = ctx.opts.config;
  // KServe copies the component's annotations and no labels.
  emit::Doc col = object_head("opentelemetry.io/v1beta1", "OpenTelemetryCollector", ctx.meta.name,
                              ctx.meta.ns, {}, ctx.meta.annotations);
  auto port_it = ctx.meta.annotations.find(kserve::k_prom_port);
  std::string port = port_it != ctx.meta.annotations.end() ? port_it->second : "8080";

  emit::Doc spec = emit::Doc::object();
  spec["mode"] = "sidecar";
  emit::Doc resources = emit::Doc::object();
  if (!cfg.otel_cpu_limit.empty() || !cfg.otel_memory_limit.empty()) {
    resources["limits"] = quantities(cfg.otel_cpu_limit, cfg.otel_memory_limit);
  }
  if (!cfg.otel_cpu_request.empty() || !cfg.otel_memory_request.empty()) {
    resources["requests"] = quantities(cfg.otel_cpu_request, cfg.otel_memory_request);
  }
  if (!resources.empty()) {
    spec["resources"] = std::move(resources);
  }

  emit::Doc scrape = emit::Doc::object();
  scrape["job_name"] = "otel-collector";
  scrape["scrape_interval"] = cfg.otel_scrape_interval;
  scrape["static_configs"] =
      emit::Doc::array({emit::Doc{{"targets", emit::Doc::array({"localhost:" + port})}}});
  emit::Doc receivers = emit::Doc::object();
  receivers["prometheus"] =
      emit::Doc{{"config", emit::Doc{{"scrape_configs", emit::Doc::array({scrape})}}}};

  emit::Doc processors = emit::Doc::object();
  emit::Doc detect = emit::Doc::object();
  detect["detectors"] = emit::Doc::array({"env"});
  detect["timeout"] = "2s";
  detect["override"] = false;
  processors["resourcedetection/env"] = std::move(detect);
  emit::Doc statements = emit::Doc::array(
      {"set(attributes[\"namespace\"], resource.attributes[\"k8s.namespace.name\"])",
       "set(attributes[\"deployment\"], resource.attributes[\"k8s.deployment.name\"])",
       "set(attributes[\"pod\"], resource.attributes[\"k8s.pod.name\"])"});
  emit::Doc stmt = emit::Doc::object();
  stmt["context"] = "datapoint";
  stmt["statements"] = std::move(statements);
  processors["transform"] = emit::Doc{{"metric_statements", emit::Doc::array({stmt})}};
  auto names = otel_metric_names(ctx.comp);
  emit::Doc include = emit::Doc::object();
  include["match_type"] = "strict";
  include["metric_names"] = names;
  processors["filter/metrics"] = emit::Doc{{"metrics", emit::Doc{{"include", include}}}};

  emit::Doc otlp = emit::Doc::object();
  otlp["endpoint"] = cfg.otel_receiver_endpoint;
  otlp["compression"] = "none";
  otlp["tls"] = emit::Doc{{"insecure", true}};

  emit::Doc pipeline = emit::Doc::object();
  pipeline["receivers"] = emit::Doc::array({"prometheus"});
  pipeline["processors"] =
      emit::Doc::array({"resourcedetection/env", "transform", "filter/metrics"});
  pipeline["exporters"] = emit::Doc::array({"otlp"});

  emit::Doc config = emit::Doc::object();
  config["receivers"] = std::move(receivers);
  config["processors"] = std::move(processors);
  config["exporters"] = emit::Doc{{"otlp", std::move(otlp)}};
  config["service"] = emit::Doc{{"pipelines", emit::Doc{{"metrics", std::move(pipeline)}}}};
  spec["config"] = std::move(config);
  col["spec"] = std::move(spec);
  return col;
}

} // namespace isvc::render
