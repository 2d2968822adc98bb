// SPDX-License-Identifier: Apache-2.0
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <sstream>

namespace {

struct Ext {
  std::vector<isvc::emit::Doc> objects;
  std::vector<isvc::diag::Diagnostic> diags;
  std::vector<std::string> notes;
};

Ext render_yaml(const std::string& yaml) {
  isvc::diag::Sink sink;
  auto file = isvc::parse::load_yaml("t.yaml", yaml, sink);
  auto model = isvc::parse::read_inference_service("t.yaml", file.docs.at(0), sink);
  isvc::render::Result res;
  isvc::render::render_isvc(model, isvc::render::Options{}, res, sink);
  Ext out;
  for (auto& o : res.objects) {
    out.objects.push_back(o.body);
  }
  out.diags = sink.items();
  out.notes = res.notes;
  return out;
}

// `ns_line` is the metadata.namespace line ("" for an InferenceService without a namespace).
Ext render_external(const std::string& annotations,
                    const std::string& predictor,
                    const std::string& ns_line = "  namespace: ml\n") {
  return render_yaml("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                     "  name: m\n" +
                     ns_line +
                     "  annotations:\n"
                     "    serving.kserve.io/deploymentMode: Standard\n"
                     "    serving.kserve.io/autoscalerClass: keda\n" +
                     annotations + "spec:\n  predictor:\n" + predictor);
}

// A predictor with one opentelemetry PodMetric on `query` and the given target lines.
std::string podmetric(const std::string& query, const std::string& target) {
  return "    minReplicas: 1\n    maxReplicas: 4\n    autoScaling:\n      metrics:\n"
         "      - type: PodMetric\n        podmetric:\n          metric:\n"
         "            backend: opentelemetry\n            metricNames: "
         "[vllm:num_requests_running]\n"
         "            query: " +
         query + "\n          target:\n" + target;
}

const std::string k_value4 = "            type: Value\n            value: \"4\"\n";
const std::string k_average4 =
    "            type: AverageValue\n            averageValue: \"4\"\n            value: \"4\"\n";

const std::string k_queue =
    "    minReplicas: 0\n    maxReplicas: 3\n    autoScaling:\n      metrics:\n"
    "      - type: External\n        external:\n          metric:\n"
    "            backend: prometheus\n            serverAddress: http://p:9090\n"
    "            query: preset:vllm-queue-depth\n          target:\n"
    "            type: AverageValue\n            averageValue: \"5\"\n            value: \"5\"\n";

} // namespace

TEST_SUITE("render::external") {
  TEST_CASE("scale to zero gets an initialCooldownPeriod: the first poll must not zero it") {
    // KEDA's default 0 scales a never-active ScaledObject to zero on its first poll.
    auto out = render_external("    isvc-scale.io/activation-preset: vllm-router\n"
                               "    isvc-scale.io/cooldown-period: \"600\"\n",
                               k_queue);
    REQUIRE(out.diags.empty());
    CHECK(out.objects[1]["spec"]["initialCooldownPeriod"] == 600);
    auto plain = render_external("    isvc-scale.io/activation-preset: vllm-router\n", k_queue);
    CHECK(plain.objects[1]["spec"]["initialCooldownPeriod"] == 300);
    std::string one = k_queue;
    one.replace(one.find("minReplicas: 0"), 14, "minReplicas: 1");
    CHECK_FALSE(render_external("", one).objects[1]["spec"].contains("initialCooldownPeriod"));
  }
  TEST_CASE("a fallback fails on empty results at minReplicas >= 1, not at 0") {
    std::string one = k_queue;
    one.replace(one.find("minReplicas: 0"), 14, "minReplicas: 1");
    const std::string fb = "    isvc-scale.io/fallback-failure-threshold: \"3\"\n"
                           "    isvc-scale.io/fallback-replicas: \"2\"\n";
    auto out = render_external(fb, one);
    REQUIRE(out.diags.empty());
    CHECK(out.objects[1]["spec"]["triggers"][0]["metadata"]["ignoreNullValues"] == "false");
    // At zero pods the queue series is empty by design: "false" would hold the fallback.
    auto zero = render_external(fb + "    isvc-scale.io/activation-preset: vllm-router\n", k_queue);
    REQUIRE(zero.diags.empty());
    CHECK_FALSE(zero.objects[1]["spec"]["triggers"][0]["metadata"].contains("ignoreNullValues"));
  }
  TEST_CASE("minReplicas 0 with maxReplicas unset renders maxReplicaCount 1, not 0") {
    // The KEDA CRD's maxReplicaCount has minimum 1: 0 is rejected at apply.
    std::string pred = k_queue;
    pred.replace(pred.find("    maxReplicas: 3\n"), 19, "");
    auto out = render_external("    isvc-scale.io/activation-preset: vllm-router\n", pred);
    REQUIRE(out.diags.empty());
    REQUIRE(out.objects.size() == 2);
    CHECK(out.objects[1]["spec"]["minReplicaCount"] == 0);
    CHECK(out.objects[1]["spec"]["maxReplicaCount"] == 1);
  }

  TEST_CASE("scale to zero: minReplicaCount 0, load trigger, activation trigger 1/0/AverageValue") {
    auto out = render_external("    isvc-scale.io/activation-preset: vllm-router\n", k_queue);
    REQUIRE(out.diags.empty());
    REQUIRE(out.objects.size() == 2);
    const auto& spec = out.objects[1]["spec"];
    CHECK(spec["minReplicaCount"] == 0);
    CHECK(spec["maxReplicaCount"] == 3);
    REQUIRE(spec["triggers"].size() == 2);
    // No runtime args say which model_name vLLM uses: the preset selects the pods.
    CHECK(spec["triggers"][0]["metadata"]["query"] ==
          "sum(vllm:num_requests_waiting{namespace=\"ml\",pod=~\"m-predictor-.*\"})");
    CHECK(spec["triggers"][0]["metricType"] == "AverageValue");
    const auto& act = spec["triggers"][1];
    CHECK(act["name"] == "activation");
    CHECK(act["metricType"] == "AverageValue");
    CHECK(act["metadata"]["threshold"] == "1");
    CHECK(act["metadata"]["activationThreshold"] == "0");
    CHECK(act["metadata"]["serverAddress"] == "http://p:9090");
    CHECK(
        act["metadata"]["query"] ==
        "((sum(rate(vllm:num_incoming_requests_total{namespace=\"ml\",model=\"m\"}[1m])) or "
        "vector(0)) + (count(vllm:num_incoming_requests_total{namespace=\"ml\",model=\"m\"} unless "
        "vllm:num_incoming_requests_total{namespace=\"ml\",model=\"m\"} offset 1m) or vector(0))) "
        "> bool 0");
  }
  TEST_CASE("scale to zero without an activation source is refused with the options") {
    auto out = render_external("", k_queue);
    REQUIRE(out.diags.size() == 1);
    CHECK(out.diags[0].rule == "isvc-scale-to-zero-no-activation");
    CHECK(out.diags[0].mark.line == 11);
    CHECK(out.diags[0].fix.view().find("vllm-router, istio)") != std::string::npos);
    CHECK(out.diags[0].fix.view().find("llm-d-epp") == std::string::npos);
  }
  TEST_CASE("a load trigger on a gateway request counter wakes the service by itself") {
    auto gw = [](const std::string& query) {
      return "    minReplicas: 0\n    maxReplicas: 3\n    autoScaling:\n      metrics:\n"
             "      - type: External\n        external:\n          metric:\n"
             "            backend: prometheus\n            serverAddress: http://p:9090\n"
             "            query: " +
             query +
             "\n          target:\n            type: AverageValue\n            averageValue: "
             "\"10\"\n            value: \"10\"\n";
    };
    auto out = render_external("", gw("sum(rate(istio_requests_total{destination_service_namespace="
                                      "\"ml\",destination_service_name=\"m-predictor\"}[1m]))"));
    REQUIRE(out.diags.empty());
    const auto& spec = out.objects[1]["spec"];
    CHECK(spec["minReplicaCount"] == 0);
    REQUIRE(spec["triggers"].size() == 1); // no keepalive added: this trigger activates at > 0
    CHECK(spec["triggers"][0]["metricType"] == "AverageValue");
    // A latency quantile over the same gateway is empty while nothing is served.
    auto lat = render_external(
        "", gw("histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_"
               "bucket{destination_service_namespace=\"ml\",destination_service_name=\"m-"
               "predictor\"}[1m])))"));
    REQUIRE(lat.diags.size() == 1);
    CHECK(lat.diags[0].rule == "isvc-scale-to-zero-no-activation");
  }
  TEST_CASE("the llm-d EPP queue wakes from zero only from llm-d-router v0.9.0") {
    // Before v0.9.0 the EPP reports the queue only with a ready backend (llm-d/llm-d #2492).
    auto preset = render_external("    isvc-scale.io/activation-preset: llm-d-epp\n", k_queue);
    REQUIRE(preset.diags.size() == 1);
    CHECK(preset.diags[0].rule == "isvc-scale-to-zero-no-activation");
    CHECK(preset.diags[0].message.find("needs isvc-scale.io/llm-d-version v0.9.0") !=
          std::string::npos);
    auto query = render_external("    isvc-scale.io/activation-query: "
                                 "sum(llm_d_epp_flow_control_queue_size{namespace=\"ml\"})\n",
                                 k_queue);
    REQUIRE(query.diags.size() == 1);
    CHECK(query.diags[0].rule == "isvc-scale-to-zero-no-activation");
    auto old = render_external("    isvc-scale.io/activation-preset: llm-d-epp\n"
                               "    isvc-scale.io/llm-d-version: v0.8.1\n",
                               k_queue);
    REQUIRE(old.diags.size() == 1);
    CHECK(old.diags[0].rule == "isvc-scale-to-zero-no-activation");
    // v0.9.0: flow control holds the requests at zero pods (director.go:286-296).
    auto v09 = render_external("    isvc-scale.io/activation-preset: llm-d-epp\n"
                               "    isvc-scale.io/llm-d-version: v0.9.0\n",
                               k_queue);
    REQUIRE(v09.diags.empty());
    const auto& triggers = v09.objects[1]["spec"]["triggers"];
    REQUIRE(triggers.size() == 2);
    CHECK(triggers[1]["name"] == "activation");
    CHECK(triggers[1]["metadata"]["query"] ==
          "(sum(llm_d_epp_flow_control_queue_size{namespace=\"ml\",inference_pool=\"m\"}) or "
          "vector(0)) > bool 0");
    auto q09 = render_external("    isvc-scale.io/activation-query: "
                               "sum(llm_d_epp_flow_control_queue_size{namespace=\"ml\"})\n"
                               "    isvc-scale.io/llm-d-version: v0.9.0\n",
                               k_queue);
    CHECK(q09.diags.empty());
    auto bad = render_external("    isvc-scale.io/llm-d-version: latest\n", k_queue);
    CHECK(std::any_of(bad.diags.begin(), bad.diags.end(), [](const auto& d) {
      return d.rule == "isvc-annotation-value" &&
             d.message.find("must be a release such as v0.9.0") != std::string::npos;
    }));
  }
  TEST_CASE("pod-local and latency activation queries never count as activation") {
    auto pod = render_external(
        "    isvc-scale.io/activation-query: sum(vllm:num_requests_running{namespace=\"ml\"})\n",
        k_queue);
    REQUIRE(pod.diags.size() == 1);
    CHECK(pod.diags[0].message.find("vanish with the last pod") != std::string::npos);
    auto lat = render_external("    isvc-scale.io/activation-query: histogram_quantile(0.9, sum by "
                               "(le) (rate(x_bucket[1m])))\n",
                               k_queue);
    REQUIRE(lat.diags.size() == 1);
    CHECK(lat.diags[0].message.find("latency quantile") != std::string::npos);
  }
  TEST_CASE("a plain activation query becomes 0/1 with the activation threshold") {
    auto out =
        render_external("    isvc-scale.io/activation-query: sum(rate(istio_requests_total[1m]))\n"
                        "    isvc-scale.io/activation-threshold: \"0.1\"\n",
                        k_queue);
    REQUIRE(out.diags.empty());
    CHECK(out.objects[1]["spec"]["triggers"][1]["metadata"]["query"] ==
          "(sum(rate(istio_requests_total[1m]))) > bool 0.1");
  }
  TEST_CASE("unknown annotation under the prefix: error with did-you-mean") {
    auto out = render_external("    isvc-scale.io/activation-presett: istio\n", k_queue);
    REQUIRE_FALSE(out.diags.empty());
    CHECK(out.diags[0].rule == "isvc-unknown-annotation");
    CHECK(out.diags[0].message ==
          "unknown annotation isvc-scale.io/activation-presett (did you mean "
          "'isvc-scale.io/activation-preset'?)");
  }
  TEST_CASE("External Value targets get metricType Value; behavior is kept whole") {
    std::string pred = "    autoScaling:\n      metrics:\n      - type: External\n"
                       "        external:\n          metric:\n            backend: prometheus\n"
                       "            serverAddress: http://p:9090\n"
                       "            query: avg(x{namespace=\"ml\",model_name=\"m\"})\n"
                       "          target:\n            type: Value\n            value: \"0.8\"\n"
                       "      behavior:\n        scaleDown:\n          selectPolicy: Min\n"
                       "          policies:\n          - type: Pods\n            value: 1\n"
                       "            periodSeconds: 60\n";
    auto out = render_external("", pred);
    REQUIRE(out.diags.empty());
    const auto& spec = out.objects[1]["spec"];
    CHECK(spec["triggers"][0]["metricType"] == "Value");
    CHECK(spec["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]["scaleDown"]["policies"][0]
              ["periodSeconds"] == 60);
    CHECK(spec["scaleTargetRef"]["kind"] == "Deployment");
  }
  TEST_CASE("PodMetric: Value gets the per-pod avg, AverageValue the total sum") {
    auto value = render_external("", podmetric("vllm:num_requests_running", k_value4));
    REQUIRE(value.diags.empty());
    REQUIRE(value.objects.size() == 2);
    const auto& tv = value.objects[1]["spec"]["triggers"][0];
    CHECK(tv["type"] == "external");
    CHECK(tv["metricType"] == "Value");
    CHECK(tv["metadata"]["metricQuery"] ==
          "avg(vllm:num_requests_running{namespace=\"ml\",deployment=\"m-predictor\"})");
    CHECK(tv["metadata"]["targetValue"] == "4");
    CHECK(tv["metadata"]["scalerAddress"] == "keda-otel-scaler.keda.svc:4318");

    auto avg = render_external("", podmetric("vllm:num_requests_running", k_average4));
    REQUIRE(avg.diags.empty());
    const auto& ta = avg.objects[1]["spec"]["triggers"][0];
    CHECK(ta["metricType"] == "AverageValue");
    CHECK(ta["metadata"]["metricQuery"] ==
          "sum(vllm:num_requests_running{namespace=\"ml\",deployment=\"m-predictor\"})");
    CHECK(ta["metadata"]["targetValue"] == "4");
  }
  TEST_CASE("PodMetric: an aggregation the user wrote is kept whatever the metricType") {
    auto out = render_external("", podmetric("\"max(vllm:num_requests_running)\"", k_value4));
    REQUIRE(out.diags.empty());
    CHECK(out.objects[1]["spec"]["triggers"][0]["metadata"]["metricQuery"] ==
          "max(vllm:num_requests_running{namespace=\"ml\",deployment=\"m-predictor\"})");
  }
  TEST_CASE("PodMetric without a namespace: scoped by deployment only, never namespace=\"\"") {
    auto out = render_external("", podmetric("vllm:num_requests_running", k_average4), "");
    REQUIRE(out.diags.empty());
    REQUIRE(out.objects.size() == 2);
    CHECK_FALSE(out.objects[1]["metadata"].contains("namespace"));
    CHECK(out.objects[1]["spec"]["triggers"][0]["metadata"]["metricQuery"] ==
          "sum(vllm:num_requests_running{deployment=\"m-predictor\"})");
  }
  TEST_CASE("PodMetric: the namespace the query names is kept when the InferenceService has none") {
    auto own = render_external(
        "", podmetric("vllm:num_requests_running{namespace=\"ml\"}", k_average4), "");
    REQUIRE(own.diags.empty());
    CHECK(own.objects[1]["spec"]["triggers"][0]["metadata"]["metricQuery"] ==
          "sum(vllm:num_requests_running{namespace=\"ml\",deployment=\"m-predictor\"})");
    // metadata.namespace wins over the query's.
    auto both = render_external(
        "", podmetric("vllm:num_requests_running{namespace=\"other\"}", k_average4));
    REQUIRE(both.diags.empty());
    CHECK(both.objects[1]["spec"]["triggers"][0]["metadata"]["metricQuery"] ==
          "sum(vllm:num_requests_running{namespace=\"ml\",deployment=\"m-predictor\"})");
  }
  TEST_CASE("PodMonitor: a declared port is referenced by name, an undeclared one by address") {
    const std::string scrape = "    serving.kserve.io/enable-prometheus-scraping: \"true\"\n"
                               "    prometheus.kserve.io/port: \"8080\"\n"
                               "    prometheus.kserve.io/path: /stats\n";
    const std::string cpu = "    autoScaling:\n      metrics:\n      - type: Resource\n"
                            "        resource:\n          name: cpu\n          target:\n"
                            "            type: Utilization\n            averageUtilization: 70\n";
    auto named = render_external(scrape, "    model:\n      modelFormat:\n        name: x\n"
                                         "      ports:\n      - name: http1\n"
                                         "        containerPort: 8080\n" +
                                             cpu);
    REQUIRE(named.diags.empty());
    REQUIRE(named.objects.size() == 3);
    const auto& pm = named.objects[2];
    CHECK(pm["kind"] == "PodMonitor");
    CHECK(pm["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "isvc-scale");
    CHECK(pm["spec"]["selector"]["matchLabels"]["component"] == "predictor");
    CHECK(pm["spec"]["selector"]["matchLabels"]["serving.kserve.io/inferenceservice"] == "m");
    const auto& ep = pm["spec"]["podMetricsEndpoints"][0];
    CHECK(ep["port"] == "http1");
    CHECK_FALSE(ep.contains("portNumber"));
    CHECK(ep["path"] == "/stats");

    // Undeclared: the address is rewritten (test_render_pod_monitor.cpp runs it on a pod).
    auto numbered = render_external(scrape, "    model:\n      modelFormat:\n        name: x\n"
                                            "      ports:\n      - name: grpc\n"
                                            "        containerPort: 9000\n" +
                                                cpu);
    REQUIRE(numbered.diags.empty());
    const auto& ep2 = numbered.objects[2]["spec"]["podMetricsEndpoints"][0];
    CHECK_FALSE(ep2.contains("portNumber"));
    CHECK_FALSE(ep2.contains("port"));
    CHECK(ep2["relabelings"][1]["replacement"] == "$1:8080");
  }
  TEST_CASE("podmonitor-labels: label keys and values are checked; managed labels stay") {
    const std::string scrape = "    serving.kserve.io/enable-prometheus-scraping: \"true\"\n";
    const std::string pred = "    model:\n      modelFormat:\n        name: x\n"
                             "    autoScaling:\n      metrics:\n      - type: Resource\n"
                             "        resource:\n          name: cpu\n          target:\n"
                             "            type: Utilization\n            averageUtilization: 70\n";
    auto labels = [&](const std::string& v) {
      return render_external(scrape + "    isvc-scale.io/podmonitor-labels: '" + v + "'\n", pred);
    };
    auto ok = labels("release=kube-prometheus-stack, example.com/team=ml,empty=");
    REQUIRE(ok.diags.empty());
    REQUIRE(ok.objects.size() == 3);
    const auto& l = ok.objects[2]["metadata"]["labels"];
    CHECK(l["release"] == "kube-prometheus-stack");
    CHECK(l["example.com/team"] == "ml");
    CHECK(l["empty"] == "");
    for (const char* bad : {"bad", "Bad Key=v", "a=b=c", "k=<script>", "-k=v", "k=v-",
                            "Example.com/k=v", "component=x", "app.kubernetes.io/managed-by=me",
                            "serving.kserve.io/inferenceservice=other", "a=1,a=2"}) {
      CAPTURE(bad);
      auto r = labels(bad);
      REQUIRE(r.diags.size() == 1);
      CHECK(r.diags[0].rule == "isvc-annotation-value");
      CHECK(r.diags[0].mark.line == 10);
    }
    CHECK(labels("component=x").diags[0].message ==
          "isvc-scale.io/podmonitor-labels sets component, a label isvc-scale sets itself on "
          "every rendered object to name the tool and the component it belongs to");
    CHECK(labels(std::string(64, 'v') + "=x").diags.size() == 1);
    CHECK(labels("k=" + std::string(64, 'v')).diags.size() == 1);
    CHECK(labels("k=" + std::string(63, 'v')).diags.empty());
  }
  TEST_CASE("KEDA int32 fields: annotations beyond 2147483647 are refused at the value") {
    const std::string pred = "    model:\n      modelFormat:\n        name: x\n"
                             "    autoScaling:\n      metrics:\n      - type: Resource\n"
                             "        resource:\n          name: cpu\n          target:\n"
                             "            type: Utilization\n            averageUtilization: 70\n";
    for (const char* a :
         {"polling-interval: \"99999999999\"", "cooldown-period: \"2147483648\"",
          "initial-cooldown-period: \"4294967296\"", "fallback-failure-threshold: \"2147483648\"",
          "fallback-replicas: \"2147483648\""}) {
      CAPTURE(a);
      auto r = render_external(std::string("    isvc-scale.io/") + a + "\n", pred);
      REQUIRE_FALSE(r.diags.empty());
      CHECK(r.diags[0].rule == "isvc-annotation-value");
      CHECK(r.diags[0].mark.line == 9);
      CHECK(r.diags[0].message.find("an int32, at most 2147483647") != std::string::npos);
    }
    CHECK(
        render_external("    isvc-scale.io/cooldown-period: \"2147483647\"\n", pred).diags.empty());
  }
  TEST_CASE("authModes KEDA refuses (two of bearer/basic/oauth, unknown) are refused") {
    auto with_modes = [](const std::string& modes) {
      return render_external(
          "", "    autoScaling:\n      metrics:\n      - type: External\n"
              "        external:\n          metric:\n            backend: prometheus\n"
              "            serverAddress: http://p:9090\n"
              "            query: sum(x{namespace=\"ml\",model_name=\"m\"})\n"
              "          authenticationRef:\n            authenticationRef:\n"
              "              name: creds\n            authModes: " +
                  modes +
                  "\n          target:\n            type: Value\n            value: \"4\"\n");
    };
    auto both = with_modes("bearer,basic");
    REQUIRE(both.diags.size() == 1);
    CHECK(both.diags[0].rule == "keda-auth-modes-invalid");
    CHECK(both.diags[0].mark.line == 22);
    CHECK(both.diags[0].message ==
          "authModes \"bearer,basic\" combines bearer and basic: KEDA allows only one of bearer, "
          "basic and oauth (\"must contain only one of [bearer basic oauth]\")");
    CHECK(with_modes("Bearer").diags.size() == 1);
    auto ok = with_modes("\"tls, bearer\"");
    REQUIRE(ok.diags.empty());
    CHECK(ok.objects[1]["spec"]["triggers"][0]["metadata"]["authModes"] == "tls, bearer");
  }
  TEST_CASE("fallback with only cpu/memory triggers is refused with KEDA's webhook message") {
    const std::string fallback = "    isvc-scale.io/fallback-failure-threshold: \"3\"\n"
                                 "    isvc-scale.io/fallback-replicas: \"2\"\n";
    const std::string cpu = "    minReplicas: 1\n    maxReplicas: 3\n    autoScaling:\n"
                            "      metrics:\n      - type: Resource\n        resource:\n"
                            "          name: cpu\n          target:\n"
                            "            type: Utilization\n            averageUtilization: 70\n";
    auto out = render_external(fallback, cpu);
    REQUIRE(out.diags.size() == 1);
    CHECK(out.diags[0].rule == "render-unrenderable");
    CHECK(out.diags[0].message == "at least one trigger (that is not cpu or memory) has to have "
                                  "the `AverageValue` type for the fallback to be enabled");
    CHECK(out.diags[0].mark.line == 9);
    CHECK(out.objects.empty());

    auto covered = render_external(fallback, podmetric("vllm:num_requests_running", k_average4));
    REQUIRE(covered.diags.empty());
    REQUIRE(covered.objects.size() == 2);
    CHECK(covered.objects[1]["spec"]["fallback"]["failureThreshold"] == 3);
    CHECK(covered.objects[1]["spec"]["fallback"]["replicas"] == 2);
  }
  TEST_CASE(
      "Quantity thresholds become the plain numbers KEDA parses; JSON numbers stay as written") {
    auto threshold = [](const std::string& type, const std::string& v) {
      std::string pred = "    autoScaling:\n      metrics:\n      - type: External\n"
                         "        external:\n          metric:\n            backend: prometheus\n"
                         "            serverAddress: http://p:9090\n"
                         "            query: sum(x{namespace=\"ml\",model_name=\"m\"})\n"
                         "          target:\n            type: " +
                         type + "\n            value: \"" + v + "\"\n";
      if (type == "AverageValue") {
        pred += "            averageValue: \"" + v + "\"\n";
      }
      auto out = render_external("", pred);
      REQUIRE(out.diags.empty());
      return out.objects[1]["spec"]["triggers"][0]["metadata"]["threshold"].get<std::string>();
    };
    CHECK(threshold("AverageValue", "500m") == "0.5");
    CHECK(threshold("Value", "2k") == "2000");
    CHECK(threshold("AverageValue", "1Ki") == "1024");
    CHECK(threshold("AverageValue", "+3") == "3");
    CHECK(threshold("Value", "1e3") == "1e3");
    CHECK(threshold("Value", "0.75") == "0.75");
    CHECK(threshold("AverageValue", "100.9") == "100.9");

    auto pod = render_external("", podmetric("vllm:num_requests_running",
                                             "            type: AverageValue\n"
                                             "            averageValue: \"1500m\"\n"
                                             "            value: \"1500m\"\n"));
    REQUIRE(pod.diags.empty());
    CHECK(pod.objects[1]["spec"]["triggers"][0]["metadata"]["targetValue"] == "1.5");
  }
  TEST_CASE("PodMetric operationOverTime outside the add-on's list is refused") {
    std::string pred = podmetric("vllm:num_requests_running", k_average4);
    pred.insert(pred.find("            query:"), "            operationOverTime: median\n");
    auto out = render_external("", pred);
    REQUIRE(out.diags.size() == 1);
    CHECK(out.diags[0].rule == "render-unrenderable");
    CHECK(out.diags[0].message ==
          "unsupported operationOverTime: median supported operations: avg, count, last_one, min, "
          "max, rate");
    CHECK(out.diags[0].mark.line == 20);

    std::string ok = podmetric("vllm:num_requests_running", k_average4);
    ok.insert(ok.find("            query:"), "            operationOverTime: rate\n");
    auto rate = render_external("", ok);
    REQUIRE(rate.diags.empty());
    CHECK(rate.objects[1]["spec"]["triggers"][0]["metadata"]["operationOverTime"] == "rate");
  }
  TEST_CASE("A threshold KEDA would round to an HPA target of 0 is refused") {
    auto refused = [](const std::string& v) {
      std::string pred = "    autoScaling:\n      metrics:\n      - type: External\n"
                         "        external:\n          metric:\n            backend: prometheus\n"
                         "            serverAddress: http://p:9090\n"
                         "            query: sum(x{namespace=\"ml\",model_name=\"m\"})\n"
                         "          target:\n            type: Value\n            value: \"" +
                         v + "\"\n";
      return render_external("", pred);
    };
    auto zero = refused("0");
    REQUIRE(zero.diags.size() == 1);
    CHECK(zero.diags[0].rule == "render-unrenderable");
    CHECK(zero.diags[0].message ==
          "threshold=0 must be positive: the HPA rejects a metric target of 0 or less");
    CHECK(zero.diags[0].mark.line == 21);
    auto negative = refused("-4");
    REQUIRE(negative.diags.size() == 1);
    CHECK(negative.diags[0].message ==
          "threshold=-4 must be positive: the HPA rejects a metric target of 0 or less");
    CHECK(negative.diags[0].fix == "Set a positive target (at least 0.001).");
    auto tiny = refused("0.0004");
    REQUIRE(tiny.diags.size() == 1);
    CHECK(tiny.diags[0].message == "threshold=0.0004 gives an HPA metric target of 0 (KEDA keeps "
                                   "three decimals); the HPA rejects it: the target must be "
                                   "positive");
    auto milli = refused("1m");
    REQUIRE(milli.diags.empty());
    CHECK(milli.objects[1]["spec"]["triggers"][0]["metadata"]["threshold"] == "0.001");

    auto pod = render_external("", podmetric("vllm:num_requests_running",
                                             "            type: Value\n            value: 0\n"));
    REQUIRE(pod.diags.size() == 1);
    CHECK(pod.diags[0].message ==
          "targetValue=0 must be positive: the HPA rejects a metric target of 0 or less");
  }
}

TEST_SUITE("render::external") {
  TEST_CASE("presets need a namespace to scope their queries") {
    std::string yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                       "  name: m\n  annotations:\n"
                       "    serving.kserve.io/deploymentMode: Standard\n"
                       "    serving.kserve.io/autoscalerClass: keda\nspec:\n  predictor:\n"
                       "    autoScaling:\n      metrics:\n      - type: External\n"
                       "        external:\n          metric:\n            backend: prometheus\n"
                       "            serverAddress: http://p:9090\n"
                       "            query: preset:vllm-queue-depth\n          target:\n"
                       "            value: \"5\"\n";
    isvc::diag::Sink sink;
    auto file = isvc::parse::load_yaml("t.yaml", yaml, sink);
    auto model = isvc::parse::read_inference_service("t.yaml", file.docs.at(0), sink);
    isvc::render::Result res;
    isvc::render::render_isvc(model, isvc::render::Options{}, res, sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].message.find("namespace=\"\" would match no series") !=
          std::string::npos);
    CHECK(sink.items()[0].mark.line == 17);
    isvc::diag::Sink sink2;
    isvc::render::Options opts;
    opts.ns = "ml";
    isvc::render::Result res2;
    isvc::render::render_isvc(model, opts, res2, sink2);
    CHECK(sink2.items().empty());
  }
}

namespace {

struct Rendered {
  std::vector<isvc::emit::Doc> objects;
  std::vector<std::string> notes;
  std::size_t errors = 0;
};

Rendered render_text(const std::string& yaml) {
  auto ext = render_yaml(yaml);
  Rendered out{std::move(ext.objects), std::move(ext.notes), 0};
  for (const auto& d : ext.diags) {
    out.errors += d.severity == isvc::diag::Severity::error ? 1 : 0;
  }
  return out;
}

// Renders `yaml`, renders the re-emitted InferenceService again and expects the same objects.
Rendered render_twice(const std::string& yaml) {
  auto first = render_text(yaml);
  REQUIRE(first.errors == 0);
  REQUIRE(first.objects.size() > 1);
  std::ostringstream isvc;
  isvc::emit::write_yaml(isvc, first.objects[0]);
  auto second = render_text(isvc.str());
  CHECK(second.errors == 0);
  REQUIRE(second.objects.size() == first.objects.size());
  for (std::size_t i = 0; i < first.objects.size(); ++i) {
    CAPTURE(i);
    CHECK(second.objects[i].dump() == first.objects[i].dump());
  }
  // KServe reads the merged component annotations, component wins: a class left at
  // keda or hpa there would make it create a second scaler.
  for (const char* comp : {"predictor", "transformer", "explainer"}) {
    const auto& spec = first.objects[0]["spec"];
    if (spec.contains(comp) && spec[comp].contains("annotations") &&
        spec[comp]["annotations"].contains("serving.kserve.io/autoscalerClass")) {
      std::string cls = spec[comp]["annotations"]["serving.kserve.io/autoscalerClass"];
      CAPTURE(comp);
      CHECK((cls == "external" || cls == "none"));
    }
  }
  return first;
}

std::string two_components(const std::string& isvc_class,
                           const std::string& transformer_annotations,
                           const std::string& transformer_metric) {
  return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
         "  name: m\n  namespace: ml\n  annotations:\n"
         "    serving.kserve.io/deploymentMode: Standard\n"
         "    serving.kserve.io/autoscalerClass: " +
         isvc_class +
         "\nspec:\n  predictor:\n    minReplicas: 1\n    maxReplicas: 3\n"
         "    model:\n      modelFormat:\n        name: sklearn\n"
         "    autoScaling:\n      metrics:\n      - type: Resource\n        resource:\n"
         "          name: cpu\n          target:\n            type: Utilization\n"
         "            averageUtilization: 60\n"
         "  transformer:\n" +
         transformer_annotations +
         "    minReplicas: 1\n    maxReplicas: 3\n"
         "    containers:\n    - name: kserve-container\n      image: t:1\n"
         "    autoScaling:\n      metrics:\n" +
         transformer_metric;
}

const std::string k_external_metric =
    "      - type: External\n        external:\n          metric:\n"
    "            backend: prometheus\n            serverAddress: http://prom:9090\n"
    "            query: sum(rate(http_requests_total{namespace=\"ml\"}[1m]))\n"
    "          target:\n            type: AverageValue\n            averageValue: \"10\"\n";
const std::string k_cpu_metric = "      - type: Resource\n        resource:\n          name: cpu\n"
                                 "          target:\n            type: Utilization\n"
                                 "            averageUtilization: 50\n";

std::vector<std::string> kinds(const Rendered& r) {
  std::vector<std::string> out;
  for (const auto& o : r.objects) {
    out.push_back(o["kind"]);
  }
  return out;
}

} // namespace

TEST_SUITE("render::external re-render") {
  TEST_CASE("class external: HPA predictor, ScaledObject transformer, both again") {
    auto r = render_twice(two_components("external", "", k_external_metric));
    CHECK(kinds(r) ==
          std::vector<std::string>{"InferenceService", "HorizontalPodAutoscaler", "ScaledObject"});
    const auto& isvc = r.objects[0];
    CHECK(isvc["metadata"]["annotations"]["isvc-scale.io/autoscaler"] == "hpa");
    CHECK(isvc["spec"]["transformer"]["annotations"]["isvc-scale.io/autoscaler"] == "keda");
  }
  TEST_CASE("a component class keda on the transformer becomes external and stays KEDA") {
    auto r = render_twice(
        two_components("hpa", "    annotations:\n      serving.kserve.io/autoscalerClass: keda\n",
                       k_external_metric));
    CHECK(kinds(r) ==
          std::vector<std::string>{"InferenceService", "HorizontalPodAutoscaler", "ScaledObject"});
    CHECK(r.objects[0]["spec"]["transformer"]["annotations"]["serving.kserve.io/autoscalerClass"] ==
          "external");
  }
  TEST_CASE("class keda predictor with a component class hpa transformer on cpu") {
    auto r = render_twice(two_components(
        "keda", "    annotations:\n      serving.kserve.io/autoscalerClass: hpa\n", k_cpu_metric));
    CHECK(kinds(r) ==
          std::vector<std::string>{"InferenceService", "ScaledObject", "HorizontalPodAutoscaler"});
  }
  TEST_CASE("a component class none keeps none and gets no scaler the second time either") {
    auto r = render_twice(two_components(
        "keda", "    annotations:\n      serving.kserve.io/autoscalerClass: none\n", k_cpu_metric));
    CHECK(kinds(r) == std::vector<std::string>{"InferenceService", "ScaledObject"});
    const auto& isvc = r.objects[0];
    CHECK_FALSE(isvc["metadata"]["annotations"].contains("isvc-scale.io/autoscaler"));
    CHECK(isvc["spec"]["predictor"]["annotations"]["isvc-scale.io/autoscaler"] == "keda");
    CHECK(isvc["spec"]["transformer"]["annotations"]["serving.kserve.io/autoscalerClass"] ==
          "none");
  }
  TEST_CASE("a component isvc-scale.io/autoscaler that is not keda or hpa is refused") {
    auto r = render_text(two_components(
        "external", "    annotations:\n      isvc-scale.io/autoscaler: kpa\n", k_cpu_metric));
    CHECK(r.errors == 1);
  }
}

TEST_SUITE("render::external notes") {
  TEST_CASE("class hpa: KEDA-only annotations are named in a note, not dropped silently") {
    auto t = render_text("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                         "metadata:\n  name: m\n  namespace: ml\n  annotations:\n"
                         "    serving.kserve.io/deploymentMode: Standard\n"
                         "    serving.kserve.io/autoscalerClass: hpa\n"
                         "    isvc-scale.io/polling-interval: \"15\"\n"
                         "    isvc-scale.io/cooldown-period: \"60\"\n"
                         "    isvc-scale.io/fallback-replicas: \"2\"\n"
                         "    isvc-scale.io/fallback-failure-threshold: \"3\"\n"
                         "    isvc-scale.io/model-name: m\n"
                         "spec:\n  predictor:\n    minReplicas: 1\n    maxReplicas: 4\n");
    REQUIRE(t.errors == 0);
    REQUIRE(t.notes.size() == 2); // and how to switch from KServe's HPA
    CHECK(t.notes[1].find("switching from KServe's HorizontalPodAutoscaler") != std::string::npos);
    CHECK(t.notes[0] ==
          "t.yaml#0: InferenceService m: isvc-scale.io/cooldown-period, "
          "isvc-scale.io/fallback-failure-threshold, isvc-scale.io/fallback-replicas, "
          "isvc-scale.io/polling-interval only apply to a KEDA ScaledObject; the "
          "HorizontalPodAutoscaler rendered ignores them");
  }
  TEST_CASE("an unknown deploymentMode is not described as Knative") {
    auto t = render_text("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                         "metadata:\n  name: m\n  namespace: ml\n  annotations:\n"
                         "    serving.kserve.io/deploymentMode: Stndard\n"
                         "spec:\n  predictor:\n    minReplicas: 1\n");
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].find("\"Stndard\" is not a mode KServe knows") != std::string::npos);
    CHECK(t.notes[0].find("Knative's KPA") == std::string::npos);
    CHECK(t.objects.empty());
  }
}

TEST_SUITE("render::external switching from KServe's scaler") {
  // KServe's HPA is named after the component (hpa_reconciler.go createHPA) and, with class
  // external, an HPA of that name it does not own is rewritten, not deleted: ours never has it.
  const std::string k_cpu =
      "    minReplicas: 1\n    maxReplicas: 4\n    model:\n      modelFormat:\n"
      "        name: sklearn\n    autoScaling:\n      metrics:\n"
      "      - type: Resource\n        resource:\n          name: cpu\n"
      "          target:\n            type: Utilization\n"
      "            averageUtilization: 70\n";
  Ext with_class(const std::string& cls, const std::string& name = "m",
                 const std::string& extra = "", const std::string& predictor = "") {
    return render_yaml("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                       "metadata:\n  name: " +
                       name +
                       "\n  namespace: ml\n  annotations:\n"
                       "    serving.kserve.io/deploymentMode: Standard\n" +
                       (cls.empty() ? "" : "    serving.kserve.io/autoscalerClass: " + cls + "\n") +
                       extra + "spec:\n  predictor:\n" + (predictor.empty() ? k_cpu : predictor));
  }
  std::string notes(const Ext& e) {
    std::string all;
    for (const auto& n : e.notes) {
      all += n + "\n";
    }
    return all;
  }
  TEST_CASE("the rendered HPA is not named like KServe's and still targets the Deployment") {
    auto out = with_class("hpa");
    REQUIRE(out.diags.empty());
    REQUIRE(out.objects.size() == 2);
    const auto& hpa = out.objects[1];
    CHECK(hpa["kind"] == "HorizontalPodAutoscaler");
    CHECK(hpa["metadata"]["name"] == "m-predictor-isvc-scale");
    CHECK(hpa["spec"]["scaleTargetRef"]["name"] == "m-predictor");
  }
  TEST_CASE("from class hpa or none set: the InferenceService first, then the rest") {
    for (const std::string cls : {"hpa", ""}) {
      CAPTURE(cls);
      auto out = with_class(cls);
      CHECK(notes(out).find("switching from KServe's HorizontalPodAutoscaler ml/m-predictor: "
                            "apply the InferenceService first, wait until KServe has deleted "
                            "that HPA (kubectl get hpa says NotFound), then apply the "
                            "HorizontalPodAutoscaler; until then two HPAs scale the "
                            "Deployment") != std::string::npos);
    }
    auto keda = with_class("hpa", "m", "    isvc-scale.io/autoscaler: keda\n");
    CHECK(notes(keda).find("then apply the ScaledObject; until then KEDA's webhook rejects it") !=
          std::string::npos);
  }
  TEST_CASE("from class keda: KServe's ScaledObject stays, ours replaces it by name") {
    auto out = with_class("keda");
    REQUIRE(out.objects.size() == 2);
    CHECK(out.objects[1]["metadata"]["name"] == "m-predictor");
    CHECK(notes(out).find("switching from KServe's ScaledObject ml/m-predictor: KServe leaves it "
                          "in place under autoscalerClass external; the rendered ScaledObject "
                          "has the same name and replaces it") != std::string::npos);
    auto hpa = with_class("keda", "m", "    isvc-scale.io/autoscaler: hpa\n");
    CHECK(notes(hpa).find("delete it before applying the HorizontalPodAutoscaler") !=
          std::string::npos);
  }
  TEST_CASE("already external: nothing to switch") {
    CHECK(notes(with_class("external")).find("switching") == std::string::npos);
  }
  TEST_CASE("a long name: KEDA's HPA gets a short unique name, never the component's") {
    std::string isvc(50, 'a');
    auto out = with_class("external", isvc, "    isvc-scale.io/autoscaler: keda\n");
    REQUIRE(out.diags.empty());
    const auto& so = out.objects.at(1);
    std::string component = isvc + "-predictor"; // 60 characters: keda-hpa-<it> is 69
    CHECK(so["metadata"]["name"] == component);
    std::string custom = so["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["name"];
    CHECK(custom.size() == 63);
    CHECK(custom.substr(0, 55) == component.substr(0, 54) + "-");
    CHECK(custom != component);
    auto again = with_class("external", isvc, "    isvc-scale.io/autoscaler: keda\n");
    CHECK(again.objects.at(1)["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["name"] ==
          custom); // deterministic
  }
  TEST_CASE("an HPA with External or Pods metrics: the metrics-adapter note") {
    std::string pred = "    minReplicas: 1\n    maxReplicas: 4\n    model:\n      modelFormat:\n"
                       "        name: sklearn\n    autoScaling:\n      metrics:\n"
                       "      - type: External\n        external:\n          metric:\n"
                       "            backend: prometheus\n            query: vllm_waiting\n"
                       "          target:\n            type: AverageValue\n"
                       "            averageValue: \"4\"\n";
    auto out = with_class("external", "m", "    isvc-scale.io/autoscaler: hpa\n", pred);
    REQUIRE(out.diags.empty());
    CHECK(notes(out).find("HorizontalPodAutoscaler m-predictor-isvc-scale reads External metrics "
                          "from a metrics adapter (prometheus-adapter); where KEDA runs, KEDA's "
                          "APIService owns external.metrics.k8s.io and serves only ScaledObjects "
                          "[hpa-metrics-adapter]") != std::string::npos);
    CHECK(notes(with_class("external", "m", "    isvc-scale.io/autoscaler: hpa\n"))
              .find("metrics adapter") == std::string::npos);
  }
}
