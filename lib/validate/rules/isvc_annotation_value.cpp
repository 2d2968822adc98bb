// SPDX-License-Identifier: Apache-2.0
// Reported while reading the annotations (lib/parse/extensions.cpp), so that
// render refuses the same input; this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_isvc_annotation_value = {
    "isvc-annotation-value",
    diag::Severity::error,
    Applies::inference_service,
    "isvc-scale.io annotation with a value it cannot use",
    "The extension annotations carry numbers of seconds or replicas (pollingInterval at least "
    "1, as KEDA's CRD demands), a non-negative activation threshold, a Prometheus duration "
    "(15s, 1m), an engine name or label lists; a value that does not parse would be dropped or "
    "rendered into a ScaledObject or PodMonitor the API server or KEDA rejects, so render "
    "refuses it. Setting both activation-preset and activation-query is refused too (which one "
    "wakes the service would be a guess); a fallback above maxReplicas is a warning (KEDA caps "
    "it).",
    "Write the value in the documented form (quoted integers, numbers, durations such as 15s, "
    "keda or hpa, k=v lists), see man isvc-scale.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\n    isvc-scale.io/cooldown-period: 5m\nspec:\n  "
    "predictor:\n    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n     "
    "     name: cpu\n          target:\n            type: Utilization\n            "
    "averageUtilization: 50\n    model:\n      modelFormat:\n        name: sklearn\n",
    nullptr,
};

} // namespace isvc::validate
