// SPDX-License-Identifier: Apache-2.0
#include "model/extensions.hpp"

namespace isvc::model {

const std::vector<ExtensionKey>& extension_keys() {
  static const std::vector<ExtensionKey> k_keys = {
      {"activation-preset", "named activation source from templates/ (scale-to-zero)"},
      {"activation-query", "PromQL whose value is > 0 while requests arrive (scale-to-zero)"},
      {"activation-server-address", "Prometheus URL for the activation query"},
      {"activation-threshold", "activation fires while the activation query is above this"},
      {"autoscaler", "engine in --mode external: keda or hpa"},
      {"cooldown-period", "KEDA cooldownPeriod in seconds (default 300)"},
      {"fallback-failure-threshold", "KEDA fallback.failureThreshold"},
      {"fallback-replicas", "KEDA fallback.replicas"},
      {"graphite-query-time", "KEDA graphite queryTime (default -1min)"},
      {"initial-cooldown-period", "KEDA initialCooldownPeriod in seconds (default 0)"},
      {"model-name", "vLLM served model name for presets (default: the InferenceService name)"},
      {"podmonitor-labels", "labels for the PodMonitor, k=v,k2=v2"},
      {"polling-interval", "KEDA pollingInterval in seconds (default 30)"},
      {"scrape-interval", "PodMonitor scrape interval, e.g. 15s"},
  };
  return k_keys;
}

} // namespace isvc::model
