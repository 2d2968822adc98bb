// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/kserve_webhook.hpp"

namespace isvc::validate {
namespace {
void check(const Subject& d, Reporter& r) { report_webhook(d, r, "kserve-multinode-class"); }
} // namespace

extern const Rule k_rule_kserve_multinode_class = {
    "kserve-multinode-class",
    diag::Severity::error,
    Applies::inference_service,
    "multi-node predictor with an autoscaler",
    "KServe runs multi-node (workerSpec) predictors with a fixed number of replicas and rejects "
    "any autoscalerClass other than none (an absent class means hpa).",
    "Set serving.kserve.io/autoscalerClass: none for workerSpec predictors.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    model:\n"
    "      modelFormat:\n        name: huggingface\n    workerSpec:\n      tensorParallelSize: 2\n",
    check,
};

} // namespace isvc::validate
