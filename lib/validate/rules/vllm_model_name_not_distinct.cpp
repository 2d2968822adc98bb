// SPDX-License-Identifier: Apache-2.0
#include "plan/plan.hpp"
#include "promql/presets.hpp"
#include "util/strings.hpp"
#include "validate/rule.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

// The plan decides vLLM's model_name label (plan/model_names.cpp); where it cannot tell this
// service apart, the vLLM presets select its pods instead (promql/presets.cpp
// {{engine_match}}), and this note says so at each such preset.
void check(const Subject& d, Reporter& r) {
  if (d.plan == nullptr) {
    return;
  }
  for (const auto& cp : d.plan->components) {
    if (!cp.names.engine.empty()) {
      continue;
    }
    for (const auto& m : cp.comp->autoscaling.metrics) {
      const auto& q = m.external.query;
      if (!q || !util::starts_with(*q, promql::k_preset_prefix)) {
        continue;
      }
      const auto* p = promql::find_preset(q->substr(promql::k_preset_prefix.size()));
      if (p == nullptr || !promql::uses_engine_match(*p)) {
        continue;
      }
      r.at(q, fmt::format("{}: {}; the preset selects this service's pods instead "
                          "(namespace=\"{}\", pod=~\"{}-.*\")",
                          *q, cp.names.source, cp.meta.ns, cp.meta.name));
    }
  }
}

} // namespace

extern const Rule k_rule_vllm_model_name_not_distinct = {
    "vllm-model-name-not-distinct",
    diag::Severity::note,
    Applies::inference_service,
    "vLLM's model_name label cannot tell this InferenceService apart",
    "vLLM labels every series with its served model name (vllm/v1/metrics/loggers.py:168-169), "
    "which falls back to the model path. Under KServe's huggingface runtime without --model_id "
    "or --served-model-name that path is /mnt/models for every InferenceService "
    "(huggingfaceserver/__main__.py:80-84,233), so model_name=\"...\" would count the load of "
    "every such service in the namespace. The vLLM presets then match this service's pods "
    "(pod=~\"<isvc>-predictor-.*\") and the namespace instead.",
    "Pass --served-model-name (or --model_id) in the predictor's args so the label names this "
    "service, or keep the pod scope.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: external\nspec:\n  predictor:\n"
    "    model:\n      modelFormat: {name: huggingface}\n      storageUri: pvc://models/m\n"
    "    autoScaling:\n      metrics:\n      - type: External\n        external:\n"
    "          metric:\n            backend: prometheus\n            serverAddress: http://p:9090\n"
    "            query: preset:vllm-queue-depth\n          target:\n            value: \"5\"\n",
    check,
    nullptr,
    true,
    Fixes::none,
};

} // namespace isvc::validate
