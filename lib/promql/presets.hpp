// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace isvc::promql {

/// A named PromQL template from templates/presets/ (embedded at build time).
struct Preset {
  std::string name;
  std::string role; ///< "activation" or "load"
  std::string summary;
  std::string metric_type; ///< Value or AverageValue
  std::string threshold;   ///< typical target
  /// with {{namespace}}, {{isvc}}, {{component}}, {{model}}, {{engine_match}}, {{threshold}}
  std::string query;
  std::string notes;
  /// Why the preset may no longer be used ("" = usable).
  std::string withdrawn;
  /// Labels the query's selectors match on, as documented in the preset file.
  std::vector<std::string> labels;
  /// The rate window `{{window}}` stands for when the scrape interval is unknown (e.g. 1m).
  std::string window;
};

/// Values substituted into a preset.
struct PresetVars {
  std::string ns;
  std::string isvc;
  std::string component;       ///< the Deployment, e.g. <isvc>-predictor
  std::string model;           ///< the API model name clients send (the router's `model` label)
  std::string threshold = "0"; ///< activation threshold
  /// Scrape interval of the pods' PodMonitor in seconds (0 = unknown): `{{window}}` is then
  /// at least k_min_scrapes_per_window of them.
  double scrape_seconds = 0;
  /// vLLM's `model_name` label value (plan::model_names). `{{engine_match}}` is
  /// `model_name="<it>"`, or `pod=~"<component>-.*"` when it is "" (the label cannot tell
  /// this service apart from another; presets also match the namespace).
  std::string engine_model{};
};

/// True if the preset selects vLLM series by `{{engine_match}}`.
bool uses_engine_match(const Preset& p);

/// Every preset, sorted by name (parsed once, shared read-only).
const std::vector<Preset>& presets();
/// Preset by name, or nullptr.
const Preset* find_preset(std::string_view name);
/// Preset names, for "did you mean".
std::vector<std::string_view> preset_names();

/// The query with placeholders replaced; values are escaped for PromQL strings.
std::string expand(const Preset& p, const PresetVars& vars);

/// The activation query render emits for a hand-written one: a query whose top is a
/// `bool` comparison is used as is; a single-series one becomes `(<query>) > bool <threshold>`
/// and anything else `sum(<query>) > bool <threshold>`, so that KEDA reads 0 or 1 and
/// neither a high rate nor a count of series acts as a load signal.
std::string activation_query(const std::string& query, const std::string& threshold);

/// True if the query reads a request counter one of the activation presets reads (router,
/// Istio, Envoy Gateway): those series exist while zero pods run, so a load trigger on them
/// wakes the service by itself (KEDA activates at value > activationThreshold, default 0).
/// Latency quantiles over them do not: they are empty while nothing is served.
bool wakes_from_zero(std::string_view query);

/// "preset:<name>" in a metric query names a load preset.
inline constexpr std::string_view k_preset_prefix = "preset:";

} // namespace isvc::promql
