// SPDX-License-Identifier: Apache-2.0
// KServe labels what it creates for a component with serving.kserve.io/inferenceservice=<name>
// (pkg/constants/constants.go InferenceServicePodLabelKey, set on the Deployment and its pods
// by pkg/controller/v1beta1/inferenceservice/components/predictor.go), and so does
// `isvc-scale render` on every object it writes. A label value is at most 63 characters
// (k8s.io/apimachinery pkg/util/validation/validation.go LabelValueMaxLength): with a longer
// name the API server rejects the Deployment, whatever the autoscaler class. KServe's own
// name check (IsvcNameFmt) has no length limit.
#include "validate/rule.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

constexpr std::size_t k_max = 63;

void check(const Subject& d, Reporter& r) {
  const auto& name = d.isvc->name;
  if (!name || name->size() <= k_max) {
    return;
  }
  r.at(name,
       fmt::format("metadata.name is {} characters long: KServe and isvc-scale label every object "
                   "of the InferenceService serving.kserve.io/inferenceservice=<name>, and a label "
                   "value is at most {} characters, so the API server rejects its Deployment",
                   name->size(), k_max));
}

} // namespace

extern const Rule k_rule_isvc_name_too_long = {
    "isvc-name-too-long",
    diag::Severity::error,
    Applies::inference_service,
    "InferenceService name longer than a label value may be",
    "Every object KServe creates for a component (Deployment, pods, Service, HPA, ScaledObject) "
    "and every object `isvc-scale render` writes carries the label "
    "serving.kserve.io/inferenceservice with the InferenceService's name. Kubernetes label "
    "values are at most 63 characters; a longer name is accepted by KServe's webhook but its "
    "Deployment is rejected, so nothing ever runs or scales.",
    "Shorten metadata.name to at most 63 characters.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: "
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
    "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
