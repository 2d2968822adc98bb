// SPDX-License-Identifier: Apache-2.0
// Reported while reading the annotations (lib/parse/extensions.cpp), so that
// render refuses the same input; this row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_isvc_unknown_annotation = {
    "isvc-unknown-annotation",
    diag::Severity::error,
    Applies::inference_service,
    "unknown isvc-scale.io annotation",
    "A misspelt extension annotation is silently ignored by KServe and would silently change what "
    "isvc-scale renders.",
    "Use one of the annotations listed in man isvc-scale (EXTENSION ANNOTATIONS); the message "
    "names the closest, and --fix renames to it when it is the only one that close.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\n    isvc-scale.io/polling-intervall: \"15\"\nspec:\n "
    " predictor:\n    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n    "
    "      name: cpu\n          target:\n            type: Utilization\n            "
    "averageUtilization: 50\n    model:\n      modelFormat:\n        name: sklearn\n",
    nullptr,
    nullptr,
    true,
    Fixes::safe,
};

} // namespace isvc::validate
