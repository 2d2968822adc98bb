// SPDX-License-Identifier: Apache-2.0
#include "model/extensions.hpp"

namespace isvc::model {

const std::vector<ExtensionKey>& extension_keys() {
  static const std::vector<ExtensionKey> k_keys = {
      {"activation-preset", "named activation source from templates/ (scale-to-zero)",
       "A named activation source from the built-in presets (templates/presets/): vllm-router, "
       "istio or envoy-gateway, scoped to this InferenceService. (llm-d-epp is a load preset: the "
       "EPP reports its queue only while a backend is ready, so it cannot wake a service from "
       "zero.)"},
      {"activation-query", "PromQL whose value is > 0 while requests arrive (scale-to-zero)",
       "PromQL that is above the activation threshold while requests arrive, on a metric that "
       "exists while no pod runs (router, gateway, queue). A query already written as "
       "'... > bool N' is used as is; otherwise it becomes 'sum(<query>) > bool <threshold>'."},
      {"activation-server-address", "Prometheus URL for the activation query",
       "Prometheus URL for the activation query (default: the first prometheus metric's "
       "serverAddress)."},
      {"activation-threshold", "activation fires while the activation query is above this",
       "The activation query fires while it is above this value (default 0)."},
      {"autoscaler", "engine in --mode external: keda or hpa",
       "keda or hpa: the object render --mode external renders. Also read from a component's "
       "annotations, where it wins over the InferenceService's."},
      {"cooldown-period", "KEDA cooldownPeriod in seconds (default 300)",
       "KEDA cooldownPeriod, seconds (KEDA default 300): how long after the last active poll a "
       "service at its minimum scales to zero."},
      {"fallback-failure-threshold", "KEDA fallback.failureThreshold",
       "KEDA fallback.failureThreshold: after this many failed metric reads, hold "
       "isvc-scale.io/fallback-replicas replicas. Set both."},
      {"fallback-replicas", "KEDA fallback.replicas",
       "KEDA fallback.replicas: the replicas held after isvc-scale.io/fallback-failure-threshold "
       "failed metric reads. Set both."},
      {"graphite-query-time", "KEDA graphite queryTime (default -1min)",
       "KEDA graphite queryTime (default -1min)."},
      {"initial-cooldown-period", "KEDA initialCooldownPeriod in seconds (default 0)",
       "KEDA initialCooldownPeriod, seconds (default 0): grace after creation before the first "
       "scale to zero."},
      {"model-name", "vLLM served model name for presets (default: the InferenceService name)",
       "The model name vLLM reports in its model_name label, used by the presets (default: the "
       "InferenceService name)."},
      {"podmonitor-labels", "labels for the PodMonitor, k=v,k2=v2",
       "Labels for the PodMonitor, k=v,k2=v2 (kube-prometheus-stack selects release=<helm "
       "release>). Keys and values must be Kubernetes label keys and values; "
       "app.kubernetes.io/managed-by, serving.kserve.io/inferenceservice and component are "
       "isvc-scale's own and cannot be set."},
      {"polling-interval", "KEDA pollingInterval in seconds (default 30)",
       "KEDA pollingInterval, seconds (KEDA default 30)."},
      {"scrape-interval", "PodMonitor scrape interval, e.g. 15s",
       "PodMonitor scrape interval, e.g. 15s."},
  };
  return k_keys;
}

} // namespace isvc::model
