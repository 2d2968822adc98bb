// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-kpa-rps-target"); }
} // namespace

extern const Rule k_rule_kserve_kpa_rps_target = {
    "kserve-kpa-rps-target",
    diag::Severity::error,
    Applies::inference_service,
    "rps scaleTarget below 1 in Knative mode",
    "KServe rejects an rps target below 1 for the Knative Pod Autoscaler.",
    "Set scaleTarget to at least 1.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "annotations:\n    serving.kserve.io/deploymentMode: Knative\nspec:\n  predictor:\n    "
    "scaleMetric: rps\n    scaleTarget: 0\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
