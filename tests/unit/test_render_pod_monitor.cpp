// SPDX-License-Identifier: Apache-2.0
// What the rendered PodMonitor scrapes: its endpoint run through the target pipeline of
// Prometheus pod discovery and prometheus-operator's generated relabelings, on the pod KServe
// creates for a stock runtime (no container ports).
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"

#include <doctest/doctest.h>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace {

using Labels = std::map<std::string, std::string>;

struct Container {
  std::string name;
  std::vector<std::pair<std::string, int>> ports; // name, number
};

struct Pod {
  std::string ip;
  std::vector<Container> containers; // init containers included: discovery lists them too
};

// Prometheus discovery/kubernetes/pod.go:295-320 (v2.42.0): a container without ports is one
// target at the bare pod IP with no port labels; otherwise one target per port.
std::vector<Labels> discover(const Pod& pod) {
  std::vector<Labels> out;
  for (const auto& c : pod.containers) {
    Labels base{{"__meta_kubernetes_pod_ip", pod.ip},
                {"__meta_kubernetes_pod_container_name", c.name}};
    if (c.ports.empty()) {
      base["__address__"] = pod.ip;
      out.push_back(base);
      continue;
    }
    for (const auto& [name, number] : c.ports) {
      Labels t = base;
      bool v6 = pod.ip.find(':') != std::string::npos;
      t["__address__"] = (v6 ? "[" + pod.ip + "]" : pod.ip) + ":" + std::to_string(number);
      t["__meta_kubernetes_pod_container_port_name"] = name;
      t["__meta_kubernetes_pod_container_port_number"] = std::to_string(number);
      out.push_back(t);
    }
  }
  return out;
}

std::string get(const Labels& l, const std::string& k) {
  auto it = l.find(k);
  return it == l.end() ? "" : it->second;
}

// One relabel step (keep / replace, anchored regex, $1 expansion); false drops the target.
bool relabel(Labels& t, const isvc::emit::Doc& r) {
  std::string joined;
  for (std::size_t i = 0; i < r["sourceLabels"].size(); ++i) {
    joined += (i ? ";" : "") + get(t, r["sourceLabels"][i].get<std::string>());
  }
  std::regex re("^(?:" + r.value("regex", std::string("(.*)")) + ")$");
  std::smatch m;
  bool hit = std::regex_match(joined, m, re);
  std::string action = r.value("action", std::string("replace"));
  if (action == "keep") {
    return hit;
  }
  REQUIRE(action == "replace");
  if (hit) {
    t[r["targetLabel"].get<std::string>()] =
        std::regex_replace(joined, re, r.value("replacement", std::string("$1")));
  }
  return true;
}

// prometheus-operator pkg/prometheus/promcfg.go:1569-1597 (v0.93.0): the endpoint's port
// filter, then (after its own labels) the endpoint's relabelings (promcfg.go:1661).
std::set<std::string> scraped(const isvc::emit::Doc& ep, const Pod& pod) {
  std::set<std::string> addresses; // scrape/scrape.go sync: identical targets are one
  for (Labels t : discover(pod)) {
    if (ep.contains("port")) {
      if (get(t, "__meta_kubernetes_pod_container_port_name") != ep["port"]) {
        continue;
      }
    } else if (ep.contains("portNumber")) {
      if (get(t, "__meta_kubernetes_pod_container_port_number") !=
          std::to_string(ep["portNumber"].get<int>())) {
        continue;
      }
    }
    bool kept = true;
    for (const auto& r : ep.value("relabelings", isvc::emit::Doc::array())) {
      kept = kept && relabel(t, r);
    }
    if (kept) {
      addresses.insert(t["__address__"]);
    }
  }
  return addresses;
}

isvc::emit::Doc endpoint(const std::string& ports_yaml, const std::string& extra = "") {
  std::string yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                     "metadata:\n  name: m\n  namespace: ml\n  annotations:\n"
                     "    serving.kserve.io/deploymentMode: Standard\n"
                     "    serving.kserve.io/autoscalerClass: external\n"
                     "    serving.kserve.io/enable-prometheus-scraping: \"true\"\n" +
                     extra +
                     "spec:\n  predictor:\n    model:\n      modelFormat:\n"
                     "        name: sklearn\n" +
                     ports_yaml +
                     "    autoScaling:\n      metrics:\n      - type: Resource\n"
                     "        resource:\n          name: cpu\n          target:\n"
                     "            type: Utilization\n            averageUtilization: 70\n";
  isvc::diag::Sink sink;
  auto file = isvc::parse::load_yaml("t.yaml", yaml, sink);
  auto model = isvc::parse::read_inference_service("t.yaml", file.docs.at(0), sink);
  isvc::render::Result res;
  isvc::render::Options opts;
  opts.mode = isvc::render::Mode::external;
  isvc::render::render_isvc(model, opts, res, sink);
  REQUIRE(sink.items().empty());
  for (const auto& o : res.objects) {
    if (o.body["kind"] == "PodMonitor") {
      return o.body["spec"]["podMetricsEndpoints"][0];
    }
  }
  FAIL("no PodMonitor rendered");
  return {};
}

// The predictor pod KServe v0.20 creates for the sklearn runtime: kserve-container without
// ports (config/runtimes/kserve-sklearnserver.yaml:19-25), plus the storage-initializer init
// container (pkg/webhook/admission/pod/storage_initializer_injector.go:488).
Pod stock_pod(const std::string& ip) {
  return Pod{ip, {{"kserve-container", {}}, {"storage-initializer", {}}}};
}

} // namespace

TEST_SUITE("render: PodMonitor targets") {
  TEST_CASE("stock runtime: exactly the model container at pod IP:8080, v4 and v6") {
    auto ep = endpoint("");
    CHECK_FALSE(ep.contains("port"));
    CHECK_FALSE(ep.contains("portNumber"));
    CHECK(ep["path"] == "/metrics");
    CHECK(scraped(ep, stock_pod("10.0.3.7")) == std::set<std::string>{"10.0.3.7:8080"});
    CHECK(scraped(ep, stock_pod("fd00::7")) == std::set<std::string>{"[fd00::7]:8080"});
  }
  TEST_CASE("the port annotation moves the address; declared ports do not multiply targets") {
    auto ep = endpoint("", "    prometheus.kserve.io/port: \"8082\"\n");
    CHECK(scraped(ep, stock_pod("10.0.3.7")) == std::set<std::string>{"10.0.3.7:8082"});
    Pod declared{"10.0.3.7",
                 {{"kserve-container", {{"h2c", 8081}, {"grpc", 9000}}}, {"agent", {{"a", 9081}}}}};
    CHECK(scraped(ep, declared) == std::set<std::string>{"10.0.3.7:8082"});
  }
  TEST_CASE("what the old portNumber/port output kept on a stock pod: nothing") {
    isvc::emit::Doc by_number = {{"portNumber", 8080}, {"path", "/metrics"}};
    isvc::emit::Doc by_name = {{"port", "http1"}, {"path", "/metrics"}};
    CHECK(scraped(by_number, stock_pod("10.0.3.7")).empty());
    CHECK(scraped(by_name, stock_pod("10.0.3.7")).empty());
  }
  TEST_CASE("a declared named port is selected by name and scraped there") {
    auto ep = endpoint("      ports:\n      - name: http1\n        containerPort: 8080\n");
    CHECK(ep["port"] == "http1");
    CHECK_FALSE(ep.contains("relabelings"));
    Pod pod{"10.0.3.7", {{"kserve-container", {{"http1", 8080}}}, {"storage-initializer", {}}}};
    CHECK(scraped(ep, pod) == std::set<std::string>{"10.0.3.7:8080"});
  }
}
