// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "render/context.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace isvc::render {

/// One object kind a component can produce: one row in `renderers()`.
struct Renderer {
  std::string_view kind; // kebab-case output kind
  Mode mode;
  std::string_view summary;
  bool (*applies)(const Context&);
  std::optional<emit::Doc> (*render)(const Context&);
};

/// Per-component renderers in output order (collector, scaler, monitor).
const std::vector<Renderer>& renderers();

// One file each: the KServe preview under lib/render/kserve/, the rest under lib/render/external/.
std::optional<emit::Doc> kserve_scaled_object(const Context& ctx);
std::optional<emit::Doc> kserve_hpa(const Context& ctx);
std::optional<emit::Doc> otel_collector(const Context& ctx);
std::optional<emit::Doc> external_scaled_object(const Context& ctx);
std::optional<emit::Doc> external_hpa(const Context& ctx);
std::optional<emit::Doc> pod_monitor(const Context& ctx);

/// True when KServe would create a collector for the component (KServe
/// pkg/controller/v1beta1/inferenceservice/reconcilers/otel/otel_reconciler.go
/// createOtelCollector).
bool wants_otel_collector(const Context& ctx);
/// Metric names that drive the collector filter, in metric order.
std::vector<std::string> otel_metric_names(const model::Component& c);

} // namespace isvc::render
