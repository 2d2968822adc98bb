// SPDX-License-Identifier: Apache-2.0
// rate() extrapolates from the samples inside its window and needs two (prometheus
// promql/functions.go extrapolatedRate returns nothing with fewer); one missed scrape in a
// window of two intervals empties the trigger, which KEDA then reads as 0.
#include "promql/analyze.hpp"
#include "promql/shape.hpp"
#include "validate/rules/query_sites.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

void check(const Subject& d, Reporter& r) {
  // Only the interval isvc-scale's own PodMonitor scrapes with is known (isvc-scale.io/
  // scrape-interval); activation queries read a router or gateway scraped by another monitor.
  if (d.ext == nullptr || !d.ext->scrape_interval) {
    return;
  }
  auto scrape = promql::duration_seconds(*d.ext->scrape_interval);
  if (!scrape || *scrape <= 0) {
    return;
  }
  double need = *scrape * promql::k_min_scrapes_per_window;
  for (const auto& s : query_sites(d)) {
    if (s.kind != QueryKind::promql || s.activation) {
      continue;
    }
    const auto& p = s.parsed();
    if (!p.expr) {
      continue;
    }
    for (const auto& w : promql::rate_windows(*p.expr)) {
      if (w.seconds < need) {
        r.at(s.at(w.offset), s.pointer,
             fmt::format("rate window [{}] over {} holds fewer than {} scrapes at the {} scrape "
                         "interval: one missed scrape leaves rate() too few samples and the "
                         "trigger reads nothing",
                         w.range, w.metric, promql::k_min_scrapes_per_window,
                         *d.ext->scrape_interval),
             fmt::format("Use a window of at least {}s, or a shorter "
                         "isvc-scale.io/scrape-interval.",
                         static_cast<long long>(need)));
      }
    }
  }
}

} // namespace

extern const Rule k_rule_promql_rate_window_short = {
    "promql-rate-window-short",
    diag::Severity::warning,
    Applies::inference_service,
    "rate() window shorter than four scrape intervals",
    "rate(), irate(), increase() and delta() need at least two samples inside the window; with "
    "scrape jitter and an occasional missed scrape, a window of four scrape intervals is the "
    "usual floor. Judged where the scrape interval is known: isvc-scale.io/scrape-interval, "
    "which the rendered PodMonitor scrapes with. Presets widen their window themselves.",
    "Use a rate window of at least four scrape intervals (e.g. [1m] at 15s), or scrape more "
    "often.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\n    isvc-scale.io/scrape-interval: 30s\nspec:\n  "
    "predictor:\n    model:\n      modelFormat:\n        name: huggingface\n    autoScaling:\n  "
    "    metrics:\n      - type: External\n        external:\n          metric:\n            "
    "backend: prometheus\n            serverAddress: http://p:9090\n            query: "
    "sum(rate(vllm:generation_tokens_total{namespace=\"ml\",model_name=\"m\"}[1m]))\n          "
    "target:\n            type: AverageValue\n            averageValue: \"1000\"\n",
    check,
};

} // namespace isvc::validate
