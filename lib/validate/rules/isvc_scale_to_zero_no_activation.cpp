// SPDX-License-Identifier: Apache-2.0
#include "plan/activation.hpp"
#include "plan/llm_d.hpp"
#include "promql/presets.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  if (d.ext != nullptr && d.ext->activation_query) {
    // Judged like render judges it, whatever the replicas: the annotation says "wake on this".
    if (auto why = plan::activation_query_problem(*d.ext->activation_query,
                                                  plan::epp_queues_at_zero(*d.ext))) {
      r.at(d.ext->activation_query, why->message, why->fix);
    }
    return;
  }
  if (d.ext != nullptr && d.ext->activation_preset) {
    // Render refuses a withdrawn preset (render/activation.cpp); lint says so first.
    const auto* p = promql::find_preset(*d.ext->activation_preset);
    if (p != nullptr && !p->withdrawn.empty()) {
      r.at(d.ext->activation_preset,
           fmt::format("activation preset \"{}\" is withdrawn: {}", p->name, p->withdrawn),
           "Use isvc-scale.io/activation-preset istio or vllm-router, or an "
           "isvc-scale.io/activation-query on a signal that moves at zero pods.");
    }
    if (p != nullptr && p->role != "activation" && !plan::epp_queues_at_zero(*d.ext)) {
      r.at(d.ext->activation_preset, plan::k_epp_too_old, plan::k_epp_too_old_fix);
    }
    return;
  }
  // The plan decided each KEDA component at minReplicas 0 (plan::resolve_activation).
  for (const auto& cp : d.plan->components) {
    if (cp.activation && cp.activation->problem &&
        cp.activation->problem->rule == "isvc-scale-to-zero-no-activation") {
      const auto& p = *cp.activation->problem;
      r.at(p.mark, p.pointer, p.message, p.fix);
    }
  }
}

} // namespace

extern const Rule k_rule_isvc_scale_to_zero_no_activation = {
    "isvc-scale-to-zero-no-activation",
    diag::Severity::error,
    Applies::inference_service,
    "scale to zero with no signal that exists at zero pods",
    "At zero replicas the pods' own metrics (vllm:*, latency histograms, OTel pushes) vanish; KEDA "
    "reads an empty result as 0 (ignoreNullValues defaults to true), 0 is inactive, so nothing "
    "ever wakes the service. A keepalive trigger on a router or gateway metric is needed; it also "
    "keeps one replica while requests flow. llm-d's EPP queue does not qualify: the EPP reports "
    "llm_d_epp_flow_control_queue_size only while a backend is ready. Cold starts then cost image "
    "pull plus model load on the first request. Choosing cooldowns: cooldownPeriod only governs "
    "the last step, 1 to 0, after the activation trigger goes quiet; make it longer than the gaps "
    "between bursts you want served warm and long against the cold start (300-600 s is common). "
    "N to 1 follows the HPA's scaleDown stabilization window (default 300 s), not cooldownPeriod.",
    "Add isvc-scale.io/activation-preset (vllm-router, istio) or "
    "isvc-scale.io/activation-query with a query on a metric that exists while no pod runs, or set "
    "minReplicas: 1.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    minReplicas: 0\n    "
    "autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n          name: "
    "cpu\n          target:\n            type: Utilization\n            averageUtilization: 50\n   "
    " model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
