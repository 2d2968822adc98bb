// SPDX-License-Identifier: Apache-2.0
// KServe's KEDA reconciler builds the otel add-on metricQuery as
// fmt.Sprintf("sum(%s{namespace=\"%s\", deployment=\"%s\"})", query, ns, name)
// (KServe pkg/controller/v1beta1/inferenceservice/reconcilers/keda/keda_reconciler.go:169): only a
// bare metric name survives that.
#include "promql/selector.hpp"
#include "render/external/triggers.hpp"
#include "validate/rules/isvc_helpers.hpp"

#include <fmt/format.h>

namespace isvc::validate {
namespace {

using namespace isvc_rules;

// What `render --mode external` writes for the same metric, from render's own code.
std::optional<std::string>
external_query(const Subject& d, const model::Component& c, const model::PodMetricSource& p) {
  render::Options opts;
  opts.mode = render::Mode::external;
  opts.config = d.config;
  const auto* cp = d.plan->of(c); // the plan's names, as render reads them
  diag::Sink sink;
  const render::Context ctx{*d.isvc, c,      cp->meta, *d.ext, opts, render::Engine::keda,
                            sink,    d.plan, cp};
  return render::otel_metric_query(ctx, p);
}

void check(const Subject& d, Reporter& r) {
  if (mode(d) != "Standard") {
    return; // KServe's KEDA reconciler runs only in Standard mode
  }
  for (const auto& c : d.isvc->components) {
    if (!c.present || component_class(d, c) != "keda") {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      const auto& p = m.podmetric;
      if (!m.type || *m.type != "PodMetric" || !p.backend || *p.backend != "opentelemetry" ||
          !p.query || p.query->empty() || promql::is_metric_name(*p.query)) {
        continue; // other backends get no query; empty is kserve-empty-query's
      }
      // Outside the add-on's grammar even unwrapped: promql-otel-query-grammar reports it.
      if (!promql::parse_simple(*p.query)) {
        continue;
      }
      const auto meta = kserve::component_meta(*d.isvc, c, &d.config);
      std::string wrapped = fmt::format("sum({}{{namespace=\"{}\", deployment=\"{}\"}})", *p.query,
                                        meta.ns.empty() ? "<namespace>" : meta.ns, meta.name);
      auto ext = external_query(d, c, p);
      r.at(p.query,
           fmt::format("KServe wraps the query blindly, so its ScaledObject gets metricQuery "
                       "\"{}\": the kedify otel add-on's admission policy rejects that, and "
                       "with the policy disabled (as KServe's docs advise) the scaler fails to "
                       "parse it or looks up a metric that does not exist",
                       wrapped),
           ext ? fmt::format("Write a bare metric name, or render with `isvc-scale render --mode "
                             "external`, which adds namespace (when the input has one) and "
                             "deployment to the query's own selector: \"{}\".",
                             *ext)
               : std::string());
    }
  }
}

} // namespace

extern const Rule k_rule_kserve_podmetric_query_wrapped = {
    "kserve-podmetric-query-wrapped",
    diag::Severity::error,
    Applies::inference_service,
    "PodMetric query that KServe's wrapping breaks",
    "For a PodMetric (opentelemetry) metric KServe writes the otel add-on metricQuery as "
    "sum(<query>{namespace=\"<ns>\", deployment=\"<name>\"}) without looking at the query "
    "(KServe pkg/controller/v1beta1/inferenceservice/reconcilers/keda/keda_reconciler.go:169). A "
    "bare metric name comes out right; avg(x) becomes "
    "sum(avg(x){...}) and x{a=\"b\"} becomes sum(x{a=\"b\"}{...}). The kedify otel add-on's "
    "ValidatingAdmissionPolicy rejects those; without it the add-on's parser fails on the "
    "second and reads the first as a metric named avg(x), which does not exist. Either way the "
    "component is not scaled on the metric.",
    "Use a bare metric name as the query, or render with `isvc-scale render --mode external` "
    "(it keeps the aggregation and labels and adds namespace and deployment to them).",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "  namespace: ml\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
    "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n    autoScaling:\n"
    "      metrics:\n      - type: PodMetric\n        podmetric:\n          metric:\n"
    "            backend: opentelemetry\n            query: avg(vllm_requests_running)\n"
    "          target:\n            value: \"4\"\n",
    check,
    nullptr,
    true,
    Fixes::none,
    true, // judges KServe's own objects
};

} // namespace isvc::validate
