// SPDX-License-Identifier: Apache-2.0
#include "util/strings.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

void check(const Subject& d, Reporter& r) {
  for (const auto& c : d.isvc->components) {
    if (!c.present) {
      continue;
    }
    bool wants = false;
    for (const auto& m : c.autoscaling.metrics) {
      wants = wants || (m.type && *m.type == "PodMetric" && !m.podmetric.metric_names.empty());
    }
    if (!wants) {
      continue;
    }
    std::string expected = kserve::component_name(*d.isvc, c);
    const model::Field<std::string>* ann = nullptr;
    auto it = c.annotations.find(kserve::k_otel_inject);
    ann = it != c.annotations.end() ? &it->second : d.isvc->annotation(kserve::k_otel_inject);
    if (ann == nullptr) {
      r.at(c.mark, c.pointer,
           fmt::format("no sidecar.opentelemetry.io/inject annotation: the collector {} is created "
                       "but never injected, so the PodMetric trigger reads 0",
                       expected));
      continue;
    }
    std::string v = **ann;
    std::string name = v.find('/') != std::string::npos ? v.substr(v.find('/') + 1) : v;
    if (!util::iequals(v, "true") && name != expected) {
      r.at(*ann, fmt::format("sidecar.opentelemetry.io/inject names \"{}\", but KServe's collector "
                             "for this component is {}",
                             v, expected));
    }
  }
}

} // namespace

extern const Rule k_rule_otel_sidecar_annotation = {
    "otel-sidecar-annotation",
    diag::Severity::warning,
    Applies::inference_service,
    "OpenTelemetry sidecar not requested for a PodMetric metric",
    "KServe creates the sidecar collector but does not add sidecar.opentelemetry.io/inject; "
    "without it (or with another collector's name) no metrics reach the otel add-on and the "
    "trigger reads 0.",
    "Add annotation sidecar.opentelemetry.io/inject: \"<isvc>-<component>\" (the collector KServe "
    "creates).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  "
    "namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n    "
    "serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n      "
    "metrics:\n      - type: PodMetric\n        podmetric:\n          metric:\n            "
    "backend: opentelemetry\n            metricNames: [x]\n            query: x\n          "
    "target:\n            value: \"1\"\n    model:\n      modelFormat:\n        name: sklearn\n",
    check,
};

} // namespace isvc::validate
