// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "render/context.hpp"

#include <optional>
#include <string>

namespace isvc::render {

/// `metricType` isvc-scale writes for an External/PodMetric target:
/// Value or AverageValue (KEDA's default, made explicit). nullopt + a
/// diagnostic for Utilization, which KEDA rejects for external metrics.
std::optional<std::string> external_metric_type(const Context& ctx, const model::MetricTarget& t);

/// The threshold text for a target of that metricType, or nullopt + diagnostic.
std::optional<std::string> target_threshold(const Context& ctx,
                                            const model::MetricTarget& t,
                                            const std::string& metric_type,
                                            model::Mark fallback_mark);

/// One KEDA trigger honouring the full intent; nullopt after a diagnostic.
std::optional<emit::Doc> external_trigger(const Context& ctx, const model::Metric& m);

/// The kedify otel add-on query for a PodMetric: `agg(name{labels,namespace,deployment})`.
std::optional<std::string> otel_metric_query(const Context& ctx, const model::PodMetricSource& p);

} // namespace isvc::render
