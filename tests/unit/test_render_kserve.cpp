// SPDX-License-Identifier: Apache-2.0
// `render --mode kserve` against docs/kserve-mapping.md (KServe v0.20.0); one
// TEST_CASE per mapping rule, named after its section.
#include "emit/emit.hpp"
#include "kserve/webhook.hpp"
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace {

using isvc::emit::Doc;

struct Out {
  std::vector<Doc> objects;
  std::vector<std::string> notes;
  std::vector<isvc::diag::Diagnostic> diags;
};

Out render(const std::string& yaml, isvc::kserve::Config cfg = {}) {
  isvc::diag::Sink sink;
  auto file = isvc::parse::load_yaml("t.yaml", yaml, sink);
  REQUIRE(sink.items().empty());
  auto isvc = isvc::parse::read_inference_service("t.yaml", file.docs.at(0), sink);
  isvc::render::Options opts;
  opts.mode = isvc::render::Mode::kserve;
  opts.config = std::move(cfg);
  isvc::render::Result res;
  isvc::render::render_isvc(isvc, opts, res, sink);
  Out out;
  for (auto& o : res.objects) {
    out.objects.push_back(o.body);
  }
  out.notes = res.notes;
  out.diags = sink.items();
  return out;
}

// An ISVC in Standard mode; `annotations` and `predictor` are indented YAML lines.
std::string isvc_yaml(const std::string& annotations,
                      const std::string& predictor,
                      const std::string& extra = "") {
  return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
         "  namespace: ns\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n" +
         annotations + "spec:\n  predictor:\n" + predictor +
         "    model:\n      modelFormat:\n        name: sklearn\n" + extra;
}

const std::string k_keda = "    serving.kserve.io/autoscalerClass: keda\n";
const std::string k_hpa = "    serving.kserve.io/autoscalerClass: hpa\n";

std::string metrics(const std::string& body) { return "    autoScaling:\n      metrics:\n" + body; }

const std::string k_cpu50 = "      - type: Resource\n        resource:\n          name: cpu\n"
                            "          target:\n            type: Utilization\n"
                            "            averageUtilization: 50\n";

std::vector<isvc::kserve::Violation> violations(const std::string& yaml) {
  isvc::diag::Sink sink;
  auto f = isvc::parse::load_yaml("t", yaml, sink);
  REQUIRE(sink.items().empty());
  return isvc::kserve::validate(isvc::parse::read_inference_service("t", f.docs.at(0), sink), {});
}

std::string yaml_of(const Doc& d) {
  std::ostringstream out;
  isvc::emit::write_yaml(out, d);
  return out.str();
}

} // namespace

TEST_SUITE("render::kserve") {
  TEST_CASE("s2 names: predictor, named predictor, transformer, explainer") {
    auto out = render(
        isvc_yaml(k_keda, "    name: v2\n" + metrics(k_cpu50),
                  "  transformer:\n    containers: [{name: c, image: i}]\n" + metrics(k_cpu50) +
                      "  explainer:\n    containers: [{name: c, image: i}]\n" + metrics(k_cpu50)));
    REQUIRE(out.objects.size() == 3);
    CHECK(out.objects[0]["metadata"]["name"] == "m-v2-predictor");
    CHECK(out.objects[1]["metadata"]["name"] == "m-transformer");
    CHECK(out.objects[2]["metadata"]["name"] == "m-explainer");
    CHECK(out.objects[0]["metadata"]["namespace"] == "ns");
    CHECK(out.objects[1]["spec"]["scaleTargetRef"]["name"] == "m-transformer");
  }
  TEST_CASE("s2 labels: ISVC < component < fixed inferenceservice/component labels") {
    std::string y = isvc_yaml(k_keda, "    labels:\n      team: comp\n      component: mine\n" +
                                          metrics(k_cpu50));
    y.replace(y.find("  annotations:"), 0, "  labels:\n    team: isvc\n    app: x\n");
    auto out = render(y);
    REQUIRE(out.objects.size() == 1);
    auto labels = out.objects[0]["metadata"]["labels"];
    CHECK(labels["team"] == "comp");
    CHECK(labels["app"] == "x");
    CHECK(labels["component"] == "predictor");
    CHECK(labels["serving.kserve.io/inferenceservice"] == "m");
  }
  TEST_CASE("s2 annotations: merged ISVC < component, disallowed list filtered") {
    auto out = render(
        isvc_yaml(k_keda + "    autoscaling.knative.dev/min-scale: \"2\"\n    a: isvc\n",
                  "    annotations:\n      a: comp\n      modelFormat: x\n" + metrics(k_cpu50)));
    auto ann = out.objects.at(0)["metadata"]["annotations"];
    CHECK(ann["a"] == "comp");
    CHECK_FALSE(ann.contains("autoscaling.knative.dev/min-scale"));
    CHECK_FALSE(ann.contains("modelFormat"));
    CHECK(ann["serving.kserve.io/autoscalerClass"] == "keda");
  }
  TEST_CASE("s3 class: absent -> HPA, component annotation overrides ISVC class") {
    auto hpa = render(isvc_yaml("", metrics(k_cpu50)));
    CHECK(hpa.objects.at(0)["kind"] == "HorizontalPodAutoscaler");
    auto over = render(
        isvc_yaml(k_hpa, "    annotations:\n      serving.kserve.io/autoscalerClass: keda\n" +
                             metrics(k_cpu50)));
    CHECK(over.objects.at(0)["kind"] == "ScaledObject");
  }
  TEST_CASE("s3 class external/none: nothing created, a note") {
    for (const char* cls : {"external", "none"}) {
      auto out = render(isvc_yaml(
          std::string("    serving.kserve.io/autoscalerClass: ") + cls + "\n", metrics(k_cpu50)));
      CHECK(out.objects.empty());
      REQUIRE(out.notes.size() == 1);
      CHECK(out.notes[0].find("KServe creates no HorizontalPodAutoscaler or ScaledObject") !=
            std::string::npos);
    }
  }
  TEST_CASE("s3 unknown component class: controller error") {
    auto out = render(isvc_yaml(
        "", "    annotations:\n      serving.kserve.io/autoscalerClass: kpa\n" + metrics(k_cpu50)));
    REQUIRE(out.diags.size() == 1);
    CHECK(out.diags[0].message == "unknown autoscaler class type: kpa");
  }
  TEST_CASE("s4 replicas: default min 1; 0 kept; max raised to min; unset max with min 0 stays 0") {
    auto d = render(isvc_yaml(k_keda, metrics(k_cpu50))).objects.at(0)["spec"];
    CHECK(d["minReplicaCount"] == 1);
    CHECK(d["maxReplicaCount"] == 1);
    auto z =
        render(isvc_yaml(k_keda, "    minReplicas: 0\n" + metrics(k_cpu50))).objects.at(0)["spec"];
    CHECK(z["minReplicaCount"] == 0);
    CHECK(z["maxReplicaCount"] == 0);
    auto r =
        render(isvc_yaml(k_keda, "    minReplicas: 3\n" + metrics(k_cpu50))).objects.at(0)["spec"];
    CHECK(r["maxReplicaCount"] == 3);
  }
  TEST_CASE("s4 scaleTargetRef carries the name only") {
    auto so = render(isvc_yaml(k_keda, metrics(k_cpu50))).objects.at(0);
    CHECK(so["spec"]["scaleTargetRef"] == Doc{{"name", "m-predictor"}});
  }
  TEST_CASE("s4 no autoScaling: triggers null") {
    auto so = render(isvc_yaml(k_keda, "    minReplicas: 1\n")).objects.at(0);
    CHECK(so["spec"]["triggers"].is_null());
    CHECK(yaml_of(so).find("  triggers: null\n") != std::string::npos);
  }
  TEST_CASE("s4.1 Resource: value text, metricType copied") {
    auto t = render(isvc_yaml(k_keda, metrics(k_cpu50))).objects.at(0)["spec"]["triggers"][0];
    CHECK(yaml_of(t) == "type: cpu\nmetadata:\n  value: \"50\"\nmetricType: Utilization\n");
    auto mem = render(isvc_yaml(k_keda, metrics("      - type: Resource\n        resource:\n"
                                                "          name: memory\n          target:\n"
                                                "            type: AverageValue\n"
                                                "            averageValue: 1024Mi\n")))
                   .objects.at(0)["spec"]["triggers"][0];
    CHECK(mem["metadata"]["value"] == "1024Mi"); // original text, not 1Gi
    CHECK(mem["metricType"] == "AverageValue");
  }
  TEST_CASE("s4.1 External: metadata keys sorted, serverAddress always, no metricType") {
    auto t =
        render(isvc_yaml(k_keda, metrics("      - type: External\n        external:\n"
                                         "          metric:\n            backend: prometheus\n"
                                         "            query: sum(x)\n            namespace: team\n"
                                         "          authenticationRef:\n"
                                         "            authenticationRef: {name: auth}\n"
                                         "            authModes: bearer\n"
                                         "          target:\n            type: Value\n"
                                         "            value: 123\n")))
            .objects.at(0)["spec"]["triggers"][0];
    CHECK(yaml_of(t) == "type: prometheus\nmetadata:\n  authModes: bearer\n  namespace: team\n"
                        "  query: sum(x)\n  serverAddress: \"\"\n  threshold: \"123\"\n"
                        "authenticationRef:\n  name: auth\n");
  }
  TEST_CASE("s4.1 External graphite: namespace dropped") {
    auto t = render(isvc_yaml(k_keda, metrics("      - type: External\n        external:\n"
                                              "          metric:\n            backend: graphite\n"
                                              "            serverAddress: http://g\n"
                                              "            query: q\n            namespace: team\n"
                                              "          target:\n            value: \"1.5\"\n")))
                 .objects.at(0)["spec"]["triggers"][0];
    CHECK(t["type"] == "graphite");
    CHECK_FALSE(t["metadata"].contains("namespace"));
    CHECK(t["metadata"]["threshold"] == "1.5");
  }
  TEST_CASE("s4.1 PodMetric: blind sum() wrap with \", \", scaler address from config or metric") {
    std::string pm = "      - type: PodMetric\n        podmetric:\n          metric:\n"
                     "            backend: opentelemetry\n            query: avg(x)\n"
                     "{}          target:\n            value: \"4\"\n";
    auto t = render(isvc_yaml(k_keda, metrics(pm.replace(pm.find("{}"), 2, ""))))
                 .objects.at(0)["spec"]["triggers"][0];
    CHECK(yaml_of(t) == "type: external\nmetadata:\n"
                        "  metricQuery: sum(avg(x){namespace=\"ns\", deployment=\"m-predictor\"})\n"
                        "  scalerAddress: keda-otel-scaler.keda.svc:4318\n  targetValue: \"4\"\n");
    std::string pm2 = "      - type: PodMetric\n        podmetric:\n          metric:\n"
                      "            backend: opentelemetry\n            query: x\n"
                      "            serverAddress: my:1\n            operationOverTime: rate\n"
                      "          target:\n            value: \"4\"\n";
    auto t2 = render(isvc_yaml(k_keda, metrics(pm2))).objects.at(0)["spec"]["triggers"][0];
    CHECK(t2["metadata"]["scalerAddress"] == "my:1");
    CHECK(t2["metadata"]["operationOverTime"] == "rate");
  }
  TEST_CASE("s4.3 behavior: only windows, ConfigMap fills each side, scalingModifiers {}") {
    std::string b =
        "      behavior:\n        scaleDown:\n          stabilizationWindowSeconds: 600\n"
        "          selectPolicy: Min\n";
    auto so = render(isvc_yaml(k_keda, metrics(k_cpu50) + b)).objects.at(0);
    CHECK(yaml_of(so["spec"]["advanced"]) ==
          "horizontalPodAutoscalerConfig:\n  behavior:\n    scaleUp:\n"
          "      stabilizationWindowSeconds: 0\n    scaleDown:\n"
          "      stabilizationWindowSeconds: 600\nscalingModifiers: {}\n");
    isvc::kserve::Config none;
    none.scale_up_window.reset();
    none.scale_down_window.reset();
    auto bare = render(isvc_yaml(k_keda, metrics(k_cpu50)), none).objects.at(0);
    CHECK_FALSE(bare["spec"].contains("advanced"));
  }
  TEST_CASE("s5 HPA: min 0 -> 1, metrics skip non-Resource, cpu always Utilization, behavior {}") {
    std::string ms = "      - type: Resource\n        resource:\n          name: cpu\n"
                     "          target:\n            type: AverageValue\n"
                     "            averageValue: 500m\n"
                     "      - type: External\n        external:\n          metric:\n"
                     "            backend: prometheus\n            query: q\n"
                     "          target:\n            value: \"1\"\n";
    auto hpa = render(isvc_yaml("", "    minReplicas: 0\n" + metrics(ms))).objects.at(0);
    CHECK(hpa["spec"]["minReplicas"] == 1);
    CHECK(hpa["spec"]["maxReplicas"] == 1);
    CHECK(hpa["spec"]["scaleTargetRef"] ==
          Doc{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "m-predictor"}});
    REQUIRE(hpa["spec"]["metrics"].size() == 1);
    CHECK(yaml_of(hpa["spec"]["metrics"][0]) ==
          "type: Resource\nresource:\n  name: cpu\n  target:\n    type: Utilization\n"
          "    averageUtilization: 80\n");
    CHECK(hpa["spec"]["behavior"] == Doc::object());
    CHECK(hpa["metadata"]["labels"]["component"] == "predictor");
  }
  TEST_CASE("s5 HPA memory: AverageValue canonical, missing type -> empty type") {
    auto av = render(isvc_yaml(k_hpa, metrics("      - type: Resource\n        resource:\n"
                                              "          name: memory\n          target:\n"
                                              "            type: AverageValue\n"
                                              "            averageValue: 1024Mi\n")))
                  .objects.at(0);
    CHECK(av["spec"]["metrics"][0]["resource"]["target"]["averageValue"] == "1Gi");
    auto none = render(isvc_yaml("", metrics("      - type: Resource\n        resource:\n"
                                             "          name: memory\n          target:\n"
                                             "            averageValue: 1Gi\n")))
                    .objects.at(0);
    CHECK(none["spec"]["metrics"][0]["resource"]["target"] == Doc{{"type", ""}});
  }
  TEST_CASE("s5 HPA legacy fields: cpu default 80, memory needs scaleTarget, concurrency none") {
    CHECK(render(isvc_yaml("", ""))
              .objects.at(0)["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] ==
          80);
    CHECK(render(isvc_yaml("", "    scaleMetric: memory\n    scaleTarget: 70\n"))
              .objects.at(0)["spec"]["metrics"][0]["resource"]["name"] == "memory");
    CHECK_FALSE(render(isvc_yaml("", "    scaleMetric: memory\n"))
                    .objects.at(0)["spec"]
                    .contains("metrics"));
  }
  TEST_CASE("s6 collector: only with metricNames, even for class hpa; port from annotations") {
    std::string pm = "      - type: PodMetric\n        podmetric:\n          metric:\n"
                     "            backend: opentelemetry\n            metricNames: [a, b]\n"
                     "            query: a\n          target:\n            value: \"1\"\n";
    auto out = render(isvc_yaml("    prometheus.kserve.io/port: \"9000\"\n", metrics(pm)));
    REQUIRE(out.objects.size() == 2);
    const auto& col = out.objects[0];
    CHECK(col["kind"] == "OpenTelemetryCollector");
    CHECK_FALSE(col["metadata"].contains("labels"));
    auto cfg = col["spec"]["config"];
    CHECK(cfg["receivers"]["prometheus"]["config"]["scrape_configs"][0]["static_configs"][0]
             ["targets"][0] == "localhost:9000");
    CHECK(cfg["processors"]["filter/metrics"]["metrics"]["include"]["metric_names"] ==
          Doc::array({"a", "b"}));
    CHECK(out.objects[1]["kind"] == "HorizontalPodAutoscaler");
    std::string no_names = "      - type: PodMetric\n        podmetric:\n          metric:\n"
                           "            backend: opentelemetry\n            query: a\n"
                           "          target:\n            value: \"1\"\n";
    auto out2 = render(isvc_yaml(k_keda, metrics(no_names)));
    REQUIRE(out2.objects.size() == 1);
    CHECK(out2.objects[0]["kind"] == "ScaledObject");
  }
  TEST_CASE("s7 ConfigMap: parsed entries, missing keys empty, bad JSON an error") {
    auto cfg = isvc::kserve::load_config("cm.yaml",
                                         "apiVersion: v1\nkind: ConfigMap\ndata:\n  autoscaler: |\n"
                                         "    {\"scaleUpStabilizationWindowSeconds\": \"15\", "
                                         "\"scaleDownStabilizationWindowSeconds\": \"x\"}\n"
                                         "  deploy: '{\"defaultDeploymentMode\": \"Standard\"}'\n");
    CHECK(cfg.scale_up_window == 15);
    CHECK_FALSE(cfg.scale_down_window.has_value());
    CHECK(cfg.default_deployment_mode == "Standard");
    CHECK(cfg.otel_scaler_endpoint.empty());
    CHECK_THROWS_WITH_AS(
        isvc::kserve::load_config("cm.yaml", "data:\n  opentelemetryCollector: '{'\n"),
        doctest::Contains("unable to parse otel config json"), isvc::Error);
  }
  TEST_CASE("s1/s7 deployment mode: RawDeployment is Standard; absent follows the ConfigMap") {
    std::string y = isvc_yaml(k_keda, metrics(k_cpu50));
    std::string raw = y;
    raw.replace(raw.find("Standard"), 8, "RawDeployment");
    CHECK(render(raw).objects.size() == 1);
    std::string absent = y;
    absent.erase(absent.find("    serving.kserve.io/deploymentMode: Standard\n"), 47);
    auto out = render(absent);
    CHECK(out.objects.empty());
    REQUIRE(out.notes.size() == 1);
    CHECK(out.notes[0].find("deployment mode Knative") != std::string::npos);
    isvc::kserve::Config std_default;
    std_default.default_deployment_mode = "Standard";
    CHECK(render(absent, std_default).objects.size() == 1);
  }
  TEST_CASE("s8 webhook: refused with KServe's text at the field's position") {
    auto out = render(isvc_yaml(k_keda, "    minReplicas: 4\n    maxReplicas: 2\n"));
    REQUIRE(out.diags.size() == 1);
    CHECK(out.diags[0].message == "'MinReplicas' cannot be greater than MaxReplicas");
    CHECK(out.diags[0].mark.line == 11);
    CHECK(out.diags[0].mark.col == 18);
    CHECK(out.objects.empty());
  }
  TEST_CASE("s8 webhook: HPA scaleTarget > 100 rejected for memory too (Go precedence)") {
    isvc::diag::Sink sink;
    auto f = isvc::parse::load_yaml(
        "t", isvc_yaml(k_hpa, "    scaleMetric: memory\n    scaleTarget: 150\n"), sink);
    auto m = isvc::parse::read_inference_service("t", f.docs[0], sink);
    auto v = isvc::kserve::validate(m, {});
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "the target utilization percentage should be a [1-100] integer");
  }
  TEST_CASE("s8 webhook: KEDA memory AverageValue below 1Mi, nil averageValue too") {
    for (const char* val : {"            averageValue: 512Ki\n", ""}) {
      isvc::diag::Sink sink;
      auto f = isvc::parse::load_yaml(
          "t",
          isvc_yaml(k_keda, metrics(std::string("      - type: Resource\n        resource:\n"
                                                "          name: memory\n          target:\n"
                                                "            type: AverageValue\n") +
                                    val)),
          sink);
      auto v =
          isvc::kserve::validate(isvc::parse::read_inference_service("t", f.docs[0], sink), {});
      REQUIRE(v.size() == 1);
      CHECK(v[0].message == "the memory target value should be greater than 1 MiB");
    }
  }
  TEST_CASE("s9 stop annotation (case-insensitive): nothing, a note") {
    auto out =
        render(isvc_yaml(k_keda + "    serving.kserve.io/stop: \"TRUE\"\n", metrics(k_cpu50)));
    CHECK(out.objects.empty());
    REQUIRE(out.notes.size() == 1);
    CHECK(out.notes[0].find("serving.kserve.io/stop") != std::string::npos);
  }
  TEST_CASE("s2/s9 canary: predictor min lowered by ceil(min x percent), fixed canary scaler") {
    std::string y = isvc_yaml(k_hpa, "    minReplicas: 5\n    maxReplicas: 9\n",
                              "  canary:\n  - trafficPercent: 30\n    predictor:\n      name: v2\n"
                              "  - trafficPercent: 10\n    predictor:\n      name: v3\n"
                              "      minReplicas: 1\n");
    auto out = render(y);
    REQUIRE(out.objects.size() == 3);
    CHECK(out.objects[0]["spec"]["minReplicas"] == 2); // max(5 - (2 + 1), 1)
    CHECK(out.objects[0]["spec"]["maxReplicas"] == 9);
    CHECK(out.objects[1]["metadata"]["name"] == "m-v2-predictor");
    CHECK(out.objects[1]["spec"]["minReplicas"] == 2); // ceil(5 * 30 / 100)
    CHECK(out.objects[1]["spec"]["maxReplicas"] == 2);
    CHECK(out.objects[1]["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] == 80);
    CHECK(out.objects[2]["spec"]["minReplicas"] == 1);
  }
  TEST_CASE("s1 defaulter: stored deploymentMode is rewritten or filled from the ConfigMap") {
    std::string y = isvc_yaml(k_keda, metrics(k_cpu50));
    std::string raw = y;
    raw.replace(raw.find("deploymentMode: Standard"), 24, "deploymentMode: RawDeployment");
    auto ann = render(raw).objects.at(0)["metadata"]["annotations"];
    CHECK(ann["serving.kserve.io/deploymentMode"] == "Standard");
    std::string absent = y;
    absent.erase(absent.find("    serving.kserve.io/deploymentMode: Standard\n"), 47);
    isvc::kserve::Config std_default;
    std_default.default_deployment_mode = "Standard";
    auto filled = render(absent, std_default).objects.at(0)["metadata"]["annotations"];
    CHECK(filled["serving.kserve.io/deploymentMode"] == "Standard");
  }
  TEST_CASE("s2 internal annotations: storage URI, logger, batcher per component") {
    std::string y = isvc_yaml(
        k_keda,
        "    logger:\n      url: http://sink\n      mode: request\n"
        "      metadataHeaders: [a, b]\n    batcher:\n      maxBatchSize: 32\n"
        "      maxLatency: 500\n" +
            metrics(k_cpu50),
        "  transformer:\n    logger: {mode: all}\n    batcher: {}\n"
        "    containers:\n    - name: c\n      image: i\n      env:\n"
        "      - {name: STORAGE_URI, value: \"gs://t\"}\n" +
            metrics(k_cpu50) +
            "  explainer:\n    batcher: {maxBatchSize: 4}\n    art:\n      type: SquareAttack\n"
            "      storageUri: gs://e\n" +
            metrics(k_cpu50));
    y.replace(y.find("      modelFormat:"), 0, "      storageUri: gs://p/m\n");
    auto out = render(y);
    REQUIRE(out.objects.size() == 3);
    auto p = out.objects[0]["metadata"]["annotations"];
    CHECK(p["internal.serving.kserve.io/storage-initializer-sourceuri"] == "gs://p/m");
    CHECK(p["internal.serving.kserve.io/logger"] == "true");
    CHECK(p["internal.serving.kserve.io/logger-sink-url"] == "http://sink");
    CHECK(p["internal.serving.kserve.io/logger-mode"] == "request");
    CHECK(p["internal.serving.kserve.io/logger-metadata-headers"] == "a,b");
    CHECK_FALSE(p.contains("internal.serving.kserve.io/logger-metadata-annotations"));
    CHECK(p["internal.serving.kserve.io/batcher"] == "true");
    CHECK(p["internal.serving.kserve.io/batcher-max-batchsize"] == "32");
    CHECK(p["internal.serving.kserve.io/batcher-max-latency"] == "500");
    CHECK_FALSE(p.contains("internal.serving.kserve.io/agent"));
    auto t = out.objects[1]["metadata"]["annotations"];
    CHECK(t["internal.serving.kserve.io/storage-initializer-sourceuri"] == "gs://t");
    CHECK(t["internal.serving.kserve.io/logger-mode"] == "all");
    CHECK_FALSE(t.contains("internal.serving.kserve.io/logger-sink-url"));
    CHECK(t["internal.serving.kserve.io/batcher"] == "true");
    CHECK_FALSE(t.contains("internal.serving.kserve.io/batcher-max-batchsize"));
    auto e = out.objects[2]["metadata"]["annotations"];
    CHECK(e["internal.serving.kserve.io/storage-initializer-sourceuri"] == "gs://e");
    CHECK_FALSE(e.contains("internal.serving.kserve.io/batcher")); // explainer.go: no batcher
  }
  TEST_CASE("s2 internal annotations: model agent for a multi-model predictor, storage spec") {
    auto mms = render(isvc_yaml(k_keda, metrics(k_cpu50))).objects.at(0)["metadata"]["annotations"];
    CHECK(mms["internal.serving.kserve.io/agent"] == "true");
    CHECK(mms["internal.serving.kserve.io/configVolumeName"] == "modelconfig-m-0");
    CHECK(mms["internal.serving.kserve.io/configMountPath"] == "/mnt/configs");
    CHECK(mms["internal.serving.kserve.io/modelDir"] == "/mnt/models");
    std::string hf = isvc_yaml(k_keda, metrics(k_cpu50));
    hf.replace(hf.find("name: sklearn"), 13, "name: huggingface");
    auto hfa = render(hf).objects.at(0)["metadata"]["annotations"];
    CHECK_FALSE(hfa.contains("internal.serving.kserve.io/agent"));
    std::string st = isvc_yaml(k_keda, metrics(k_cpu50));
    st += "      storage:\n        key: k\n        path: /models/a\n"
          "        parameters: {type: s3, b: \"<x>\"}\n";
    auto sa = render(st).objects.at(0)["metadata"]["annotations"];
    CHECK(sa["internal.serving.kserve.io/storage-spec"] == "true");
    CHECK(sa["internal.serving.kserve.io/storage-spec-key"] == "k");
    CHECK(sa["internal.serving.kserve.io/storage-spec-param"] ==
          "{\"b\":\"\\u003cx\\u003e\",\"type\":\"s3\"}");
    CHECK(sa["internal.serving.kserve.io/storage-initializer-sourceuri"] ==
          "<scheme-placeholder>://models/a");
    CHECK_FALSE(sa.contains("internal.serving.kserve.io/agent"));
  }
  TEST_CASE("s1.3 deploymentMode: unknown or wrong-case value falls back to the ConfigMap") {
    isvc::kserve::Config std_default;
    std_default.default_deployment_mode = "Standard";
    for (const char* v : {"foo", "standard", "rawdeployment"}) {
      std::string y = isvc_yaml(k_keda, metrics(k_cpu50));
      y.replace(y.find("deploymentMode: Standard"), 24, std::string("deploymentMode: ") + v);
      CAPTURE(v);
      CHECK(render(y, std_default).objects.size() == 1);
      auto out = render(y);
      CHECK(out.objects.empty());
      REQUIRE(out.notes.size() == 1);
      CHECK(out.notes[0].find("deployment mode Knative (serving.kserve.io/deploymentMode \"" +
                              std::string(v) + "\" is none of") != std::string::npos);
    }
    std::string mm = isvc_yaml(k_keda, metrics(k_cpu50));
    mm.replace(mm.find("deploymentMode: Standard"), 24, "deploymentMode: ModelMesh");
    auto out = render(mm);
    REQUIRE(out.notes.size() == 1);
    CHECK(out.notes[0].find("deployment mode ModelMesh: ModelMesh Serving runs the predictor") !=
          std::string::npos);
    CHECK(out.notes[0].find("KPA") == std::string::npos);
  }
  TEST_CASE("s8 webhook: deploymentStrategy in Knative mode (KPA), checked before the metric") {
    std::string y = isvc_yaml("", "    deploymentStrategy:\n      type: Recreate\n"
                                  "    scaleMetric: cpu\n");
    y.replace(y.find("deploymentMode: Standard"), 24, "deploymentMode: Knative");
    auto v = violations(y);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message ==
          "customizing deploymentStrategy is only supported for raw deployment mode");
    CHECK(v[0].mark.line == 10);
    CHECK(violations(isvc_yaml("", "    deploymentStrategy:\n      type: Recreate\n")).empty());
  }
  TEST_CASE("s8 webhook: ext.Validate gives its first error only, concurrency before replicas") {
    auto v = violations(isvc_yaml("", "    maxReplicas: -2\n"));
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "'MaxReplicas' cannot be less than 0");
    v = violations(isvc_yaml("", "    minReplicas: -1\n    maxReplicas: -2\n"
                                 "    containerConcurrency: -1\n"));
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "parallelism cannot be less than 0");
    v = violations(isvc_yaml("", "    minReplicas: -1\n    maxReplicas: -2\n"));
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "'MinReplicas' cannot be less than 0");
  }
  TEST_CASE("s8 webhook: name message prints IsvcNameFmt without anchors") {
    std::string y = isvc_yaml("", "");
    y.replace(y.find("name: m\n"), 8, "name: My_Model\n");
    auto v = violations(y);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message ==
          "the InferenceService \"My_Model\" is invalid: a InferenceService name must consist of "
          "lower case alphanumeric characters or '-', and must start with alphabetical "
          "character. (e.g. \"my-name\" or \"abc-123\", regex used for validation is "
          "'[a-z]([-a-z0-9]*[a-z0-9])?')");
  }
  TEST_CASE("s8 webhook: multinode with no class annotation prints the empty value") {
    auto v = violations(isvc_yaml("", "    workerSpec: {}\n"));
    REQUIRE(v.size() == 1);
    CHECK(v[0].message ==
          "the InferenceService \"m\" is invalid: Multinode only supports 'none' autoscaler()");
    auto h = violations(isvc_yaml(k_hpa, "    workerSpec: {}\n"));
    REQUIRE(h.size() == 1);
    CHECK(h[0].message ==
          "the InferenceService \"m\" is invalid: Multinode only supports 'none' autoscaler(hpa)");
  }
  TEST_CASE("s9 canary: right after the stable predictor, metadata merged over the stable one") {
    std::string y = isvc_yaml(k_hpa,
                              "    minReplicas: 4\n    labels: {team: a, tier: x}\n"
                              "    annotations: {a: stable, b: stable}\n",
                              "      storageUri: gs://v1\n"
                              "  transformer:\n    containers: [{name: c, image: i}]\n"
                              "  canary:\n  - trafficPercent: 50\n    predictor:\n      name: v2\n"
                              "      labels: {team: b}\n      annotations: {b: canary}\n"
                              "      model:\n        modelFormat:\n          name: sklearn\n"
                              "        storageUri: gs://v2\n");
    auto out = render(y);
    REQUIRE(out.objects.size() == 3);
    CHECK(out.objects[0]["metadata"]["name"] == "m-predictor");
    CHECK(out.objects[1]["metadata"]["name"] == "m-v2-predictor");
    CHECK(out.objects[2]["metadata"]["name"] == "m-transformer");
    auto meta = out.objects[1]["metadata"];
    CHECK(meta["labels"]["team"] == "b");
    CHECK(meta["labels"]["tier"] == "x");
    CHECK(meta["annotations"]["a"] == "stable");
    CHECK(meta["annotations"]["b"] == "canary");
    CHECK(meta["annotations"]["internal.serving.kserve.io/storage-initializer-sourceuri"] ==
          "gs://v2");
    CHECK(out.objects[0]["metadata"]["annotations"]
                     ["internal.serving.kserve.io/storage-initializer-sourceuri"] == "gs://v1");
  }
  TEST_CASE("s4.2 quantities: plain integers as kubectl reads them, quoted text verbatim") {
    auto value = [](const std::string& v) {
      auto out = render(isvc_yaml(
          k_keda, metrics("      - type: External\n        external:\n          metric:\n"
                          "            backend: prometheus\n            query: q\n"
                          "          target:\n            type: Value\n            value: " +
                          v + "\n")));
      REQUIRE(out.objects.size() == 1);
      return out.objects[0]["spec"]["triggers"][0]["metadata"]["threshold"].get<std::string>();
    };
    CHECK(value("0x10") == "16");
    CHECK(value("+5") == "5");
    CHECK(value("0123") == "83"); // go-yaml v2: a leading 0 is octal
    CHECK(value("0o17") == "15");
    CHECK(value("1_000") == "1000");
    CHECK(value("123") == "123");
    CHECK(value("\"0x10\"") == "0x10");
    CHECK(value("500m") == "500m");
  }
  TEST_CASE("s4.3/s7 ConfigMap: windows via ParseInt (+15), JSON numbers refused") {
    auto cfg = isvc::kserve::load_config(
        "cm.yaml", "data:\n  autoscaler: '{\"scaleUpStabilizationWindowSeconds\": \"+15\", "
                   "\"scaleDownStabilizationWindowSeconds\": \"-0\"}'\n");
    CHECK(cfg.scale_up_window == 15);
    CHECK(cfg.scale_down_window == 0);
    CHECK_THROWS_WITH_AS(
        isvc::kserve::load_config(
            "cm.yaml", "data:\n  autoscaler: '{\"scaleUpStabilizationWindowSeconds\": 15}'\n"),
        doctest::Contains("unable to parse autoscaler config json: "), isvc::Error);
    CHECK_THROWS_WITH_AS(
        isvc::kserve::load_config("cm.yaml", "data:\n  opentelemetryCollector: '{\"resource\": "
                                             "{\"cpuLimit\": 1}}'\n"),
        doctest::Contains("unable to parse otel config json: "), isvc::Error);
  }
}
