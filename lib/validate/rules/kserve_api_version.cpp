// SPDX-License-Identifier: Apache-2.0
// Reported by the schema engine (lib/validate/schema.cpp), for lint and render alike; this
// row documents it.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_kserve_api_version = {
    "kserve-api-version",
    diag::Severity::error,
    Applies::inference_service,
    "InferenceService apiVersion that KServe does not serve",
    "KServe v0.20's InferenceService CRD "
    "(config/crd/full/serving.kserve.io_inferenceservices.yaml) "
    "serves one version, serving.kserve.io/v1beta1; v1alpha2 (KFServing) and any other version is "
    "rejected by the API server (\"no matches for kind\"), so isvc-scale neither checks its fields "
    "nor renders it.",
    "Convert the InferenceService to apiVersion: serving.kserve.io/v1beta1 (v1alpha2's "
    "spec.default.predictor becomes spec.predictor).",
    "apiVersion: serving.kserve.io/v1alpha2\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n "
    " "
    "default:\n    predictor:\n      sklearn:\n        storageUri: gs://b/m\n",
    nullptr,
};

} // namespace isvc::validate
