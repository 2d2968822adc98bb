#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the OpenMetrics fixture the test Prometheus is backfilled from.

Every (service, scenario) pair gets a slot of its own: SLOT seconds apart from
BASE, samples every STEP seconds for WINDOW seconds, queried at slot_end(). Slots
are further apart than Prometheus' 5m lookback delta, so no slot sees another's
series. Metric names and label sets are the ones the components export:

- vLLM engine gauges/counters, labels model_name and engine (vllm-project/vllm
  vllm/v1/metrics/loggers.py, PrometheusStatLogger: labelnames = ["model_name",
  "engine"]; vllm:num_requests_running, vllm:num_requests_waiting,
  vllm:kv_cache_usage_perc gauges, vllm:generation_tokens counter).
- production-stack router: Counter("vllm:num_incoming_requests", ..., ["model"])
  (vllm-project/production-stack src/vllm_router/services/metrics_service/__init__.py),
  created on a model's first request, so after a router restart it is born at 1.
- Istio istio_requests_total with the standard labels the proxy's stats tags
  extract (istio/proxy testdata/bootstrap/stats.yaml.tmpl:42-45 for
  destination_service_name/_namespace; reporter, destination_service, response_code
  likewise).
  At zero endpoints the gateway (reporter="source") still counts the 503s.
- Envoy Gateway cluster stats envoy_cluster_upstream_rq_total{envoy_cluster_name=
  "httproute/<ns>/<route>/rule/<n>"}: with zero ready endpoints Envoy Gateway
  answers a direct response and never touches the cluster
  (envoyproxy/gateway internal/gatewayapi/route.go:402-419), so the fixture has no
  cluster traffic at zero pods.
- llm-d EPP llm_d_epp_flow_control_queue_size{inference_pool, model_name,
  target_model_name, fairness_id, priority} (llm-d-router pkg/epp/metrics/
  llm_d_router_metrics.go:305-312 at v0.9.0). Service team-a models an EPP before v0.9.0,
  present only while a backend is ready; service llm-d models v0.9.0, whose flow control
  holds the requests that arrive at zero pods (pkg/epp/requestcontrol/director.go:286-296).
- Istio behind an InferencePool (service llm-d): the route's destination is the pool's
  shadow Service <pool>-ip-<sha256(pool)[:8]> (istio pilot/pkg/config/kube/gateway/
  inferencepool_collection.go:487-510), so istio_requests_total carries that
  destination_service_name, not <isvc>-predictor.
Labels namespace and pod are the ones a PodMonitor adds to every target.

HISTORY is a day's afternoon of seed 003 (2.5 h from HISTORY_START, scraped at +7 s
past every 15 s so no sample sits on a query step or a window edge): idle 10 min, 30 min
of 2 requests/s, an idle gap of 1 h in which the vLLM pod goes away, a 30 min burst of 5
requests/s whose new pod reports 12 waiting requests, and an idle tail. See
simulate_history.py for what KEDA and the HPA do with it.
"""
import hashlib
import sys

BASE = 1767225600  # 2026-01-01T00:00:00Z
SLOT = 3600
WINDOW = 600
STEP = 15

SERVICES = {
    # name: (namespace, isvc, model)
    "team-a": ("team-a", "llama", "meta-llama/Llama-3.1-8B-Instruct"),
    "seed-003": ("default", "vllm-llama3", "meta-llama/Llama-3.1-8B-Instruct"),
    "llm-d": ("team-c", "llama", "meta-llama/Llama-3.1-8B-Instruct"),
}
# Slots after the (service, scenario) ones: vLLM under KServe's huggingface runtime.
MODEL_NAME_SLOTS = ["hf-model-id", "hf-mnt-models", "ttft"]
HISTORY_START = BASE + 86400  # 2026-01-02T00:00:00Z, after every slot
HISTORY_LENGTH = 9000
SCENARIOS = ["zero-pods", "router-restart", "one-idle-pod", "three-loaded-pods", "neighbours"]


def slot_start(service, scenario):
    s = list(SERVICES).index(service) * len(SCENARIOS) + SCENARIOS.index(scenario)
    return BASE + s * SLOT


def slot_end(service, scenario):
    return slot_start(service, scenario) + WINDOW


def model_name_slot_end(name):
    return BASE + (len(SERVICES) * len(SCENARIOS) + MODEL_NAME_SLOTS.index(name)) * SLOT + WINDOW


class Families:
    def __init__(self):
        self.types = {}
        self.lines = {}

    def add(self, family, mtype, name, labels, points):
        self.types[family] = mtype
        lab = ",".join('%s="%s"' % kv for kv in sorted(labels.items()))
        for t, v in points:
            self.lines.setdefault(family, []).append((name, lab, t, v))

    def write(self, out):
        for fam in sorted(self.types):
            out.write("# TYPE %s %s\n" % (fam, self.types[fam]))
            for name, lab, t, v in sorted(self.lines[fam], key=lambda x: (x[0], x[1], x[2])):
                out.write("%s{%s} %s %d\n" % (name, lab, repr(float(v)), t))
        out.write("# EOF\n")


def steps(start):
    return range(start, start + WINDOW + 1, STEP)


def gauge(start, value):
    return [(t, value) for t in steps(start)]


def counter(start, per_second, born_at=None):
    if born_at is not None:  # a series first scraped at `born_at` seconds before the end
        t = start + WINDOW - born_at
        return [(t, 1), (start + WINDOW, 1)] if born_at >= STEP else [(t, 1)]
    return [(t, 1000 + per_second * (t - start)) for t in steps(start)]


def vllm_pods(f, start, ns, isvc, model, waiting):
    for i, w in enumerate(waiting):
        lab = {"namespace": ns, "pod": "%s-predictor-%d" % (isvc, i), "model_name": model,
               "engine": "0"}
        f.add("vllm:num_requests_waiting", "gauge", "vllm:num_requests_waiting", lab, gauge(start, w))
        f.add("vllm:num_requests_running", "gauge", "vllm:num_requests_running", lab,
              gauge(start, 2 * w))
        f.add("vllm:kv_cache_usage_perc", "gauge", "vllm:kv_cache_usage_perc", lab,
              gauge(start, min(0.1 * w, 1.0)))
        f.add("vllm:generation_tokens", "counter", "vllm:generation_tokens_total", lab,
              counter(start, 100 * w))


def router(f, start, ns, model, per_second, born_at=None):
    lab = {"namespace": ns, "pod": "vllm-router-0", "model": model}
    f.add("vllm:num_incoming_requests", "counter", "vllm:num_incoming_requests_total", lab,
          counter(start, per_second, born_at))


def istio(f, start, ns, isvc, per_second, code, born_at=None, reporter="source"):
    svc = "%s-predictor" % isvc
    lab = {"namespace": "istio-system", "pod": "istio-ingressgateway-0", "reporter": reporter,
           "destination_service": "%s.%s.svc.cluster.local" % (svc, ns),
           "destination_service_name": svc, "destination_service_namespace": ns,
           "response_code": code}
    f.add("istio_requests", "counter", "istio_requests_total", lab,
          counter(start, per_second, born_at))


def envoy(f, start, ns, isvc, per_second):
    lab = {"namespace": "envoy-gateway-system", "pod": "envoy-default-0",
           "envoy_cluster_name": "httproute/%s/%s/rule/0" % (ns, isvc)}
    f.add("envoy_cluster_upstream_rq", "counter", "envoy_cluster_upstream_rq_total", lab,
          counter(start, per_second))


def epp(f, start, ns, isvc, model, size):
    lab = {"namespace": ns, "pod": "%s-epp-0" % isvc, "inference_pool": isvc, "model_name": model,
           "target_model_name": model, "fairness_id": "default", "priority": "0"}
    f.add("llm_d_epp_flow_control_queue_size", "gauge", "llm_d_epp_flow_control_queue_size", lab,
          gauge(start, size))


def shadow_service(pool):
    return "%s-ip-%s" % (pool, hashlib.sha256(pool.encode()).hexdigest()[:8])


def istio_pool(f, start, ns, pool, per_second, code, born_at=None):
    svc = shadow_service(pool)
    lab = {"namespace": "istio-system", "pod": "istio-ingressgateway-0", "reporter": "source",
           "destination_service": "%s.%s.svc.cluster.local" % (svc, ns),
           "destination_service_name": svc, "destination_service_namespace": ns,
           "response_code": code}
    f.add("istio_requests", "counter", "istio_requests_total", lab,
          counter(start, per_second, born_at))


def pool_loaded(f, start, ns, pool, model):
    vllm_pods(f, start, ns, pool, model, [6, 9, 12])
    istio_pool(f, start, ns, pool, 2, "200")
    epp(f, start, ns, pool, model, 3)


def llm_d_scenario(f, ns, pool, model, start, name):
    """llm-d-router v0.9.0 behind an Istio gateway that routes to the pool's shadow Service."""
    if name == "zero-pods":  # requests wait in flow control; the gateway waits with them
        istio_pool(f, start, ns, pool, 1, "200")
        epp(f, start, ns, pool, model, 2)
    elif name == "router-restart":  # the EPP restarted: its gauge is born with one request
        istio_pool(f, start, ns, pool, 0, "200", born_at=10)
        epp(f, start + WINDOW - 10, ns, pool, model, 1)  # points after the slot end go unread
    elif name == "one-idle-pod":
        vllm_pods(f, start, ns, pool, model, [0])
        istio_pool(f, start, ns, pool, 0, "200")
        epp(f, start, ns, pool, model, 0)
    elif name == "three-loaded-pods":
        pool_loaded(f, start, ns, pool, model)
    elif name == "neighbours":  # same pool name elsewhere, a sibling pool and another model here
        pool_loaded(f, start, "team-b", pool, model)
        pool_loaded(f, start, ns, pool + "-70b", "meta-llama/Llama-3.1-70B-Instruct")
        pool_loaded(f, start, ns, "other", "Qwen/Qwen2.5-7B-Instruct")


def loaded(f, start, ns, isvc, model):
    vllm_pods(f, start, ns, isvc, model, [6, 9, 12])
    router(f, start, ns, model, 2)
    istio(f, start, ns, isvc, 2, "200")
    istio(f, start, ns, isvc, 2, "200", reporter="destination")
    envoy(f, start, ns, isvc, 2)
    epp(f, start, ns, isvc, model, 3)


def scenario(f, service, name):
    ns, isvc, model = SERVICES[service]
    start = slot_start(service, name)
    if service == "llm-d":
        llm_d_scenario(f, ns, isvc, model, start, name)
        return
    if name == "zero-pods":  # requests arrive, nothing serves them: 503 at the gateway
        router(f, start, ns, model, 1)
        istio(f, start, ns, isvc, 1, "503")
    elif name == "router-restart":  # the first request after a restart, 10 s ago
        router(f, start, ns, model, 0, born_at=10)
        istio(f, start, ns, isvc, 0, "503", born_at=10)
    elif name == "one-idle-pod":
        vllm_pods(f, start, ns, isvc, model, [0])
        router(f, start, ns, model, 0)
        istio(f, start, ns, isvc, 0, "200")
        envoy(f, start, ns, isvc, 0)
        epp(f, start, ns, isvc, model, 0)
    elif name == "three-loaded-pods":
        loaded(f, start, ns, isvc, model)
    elif name == "neighbours":  # this service idle at zero; same model elsewhere, other model here
        loaded(f, start, "team-b", isvc, model)
        loaded(f, start, ns, "other", "Qwen/Qwen2.5-7B-Instruct")


def hf_pods(f, start, ns, pod, label, waiting):
    """vLLM under KServe's huggingface runtime labels model_name with --served-model-name, else
    --model_id, else the model directory /mnt/models (kserve/kserve
    python/huggingfaceserver/huggingfaceserver/__main__.py:233, vllm
    vllm/v1/metrics/loggers.py:168-169)."""
    lab = {"namespace": ns, "pod": pod, "model_name": label, "engine": "0"}
    f.add("vllm:num_requests_waiting", "gauge", "vllm:num_requests_waiting", lab,
          gauge(start, waiting))


def model_name_slots(f):
    start = model_name_slot_end("hf-model-id") - WINDOW
    # Seed 002: --model_name=opt-125m --model_id=facebook/opt-125m, two pods in default; the same
    # model served by an opt-125m InferenceService in team-b; a storage-backed neighbour.
    hf_pods(f, start, "default", "opt-125m-predictor-6d5f7-abcde", "facebook/opt-125m", 4)
    hf_pods(f, start, "default", "opt-125m-predictor-6d5f7-fghij", "facebook/opt-125m", 6)
    hf_pods(f, start, "team-b", "opt-125m-predictor-58c9d-klmno", "facebook/opt-125m", 20)
    hf_pods(f, start, "default", "other-predictor-7b8c9-pqrst", "/mnt/models", 7)
    start = model_name_slot_end("hf-mnt-models") - WINDOW
    # storageUri and no --model_id: every InferenceService's vLLM says /mnt/models.
    hf_pods(f, start, "ml", "llama-predictor-5c6d7-abcde", "/mnt/models", 3)
    hf_pods(f, start, "ml", "qwen-predictor-8f9a0-fghij", "/mnt/models", 9)
    hf_pods(f, start, "team-b", "llama-predictor-1a2b3-klmno", "/mnt/models", 30)


# vllm/v1/metrics/loggers.py PrometheusStatLogger: vllm:time_to_first_token_seconds, a
# Histogram on ["model_name", "engine"] with buckets 0.001 ... 2560 (+Inf added by
# prometheus_client); the fixture uses the edges up to 2.5.
TTFT_EDGES = ["0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "+Inf"]


def ttft(f, start, ns, pod, label, per_second, below):
    """A TTFT histogram of `per_second` requests/s whose cumulative share at each edge is
    `below[edge]` (1.0 from the first edge not listed)."""
    lab = {"namespace": ns, "pod": pod, "model_name": label, "engine": "0"}
    fam = "vllm:time_to_first_token_seconds"
    for edge in TTFT_EDGES:
        share = below.get(edge, 1.0)
        f.add(fam, "histogram", fam + "_bucket", dict(lab, le=edge),
              counter(start, per_second * share))
    f.add(fam, "histogram", fam + "_count", lab, counter(start, per_second))
    f.add(fam, "histogram", fam + "_sum", lab, counter(start, per_second * 0.4))


def ttft_slot(f):
    start = model_name_slot_end("ttft") - WINDOW
    # opt-125m in default (--model_id=facebook/opt-125m), two pods at 1 request/s each: half
    # the first tokens within 0.25 s, 90 % within 0.5 s, all within 0.75 s.
    fast = {"0.1": 0.0, "0.25": 0.5, "0.5": 0.9, "0.75": 1.0}
    ttft(f, start, "default", "opt-125m-predictor-6d5f7-abcde", "facebook/opt-125m", 1, fast)
    ttft(f, start, "default", "opt-125m-predictor-6d5f7-fghij", "facebook/opt-125m", 1, fast)
    # The same model in team-b, slow (all between 1 and 2.5 s): counted, it would move p95.
    slow = {"0.1": 0.0, "0.25": 0.0, "0.5": 0.0, "0.75": 0.0, "1.0": 0.0, "2.5": 1.0}
    ttft(f, start, "team-b", "opt-125m-predictor-58c9d-klmno", "facebook/opt-125m", 4, slow)


def history(f):
    ns, isvc, model = SERVICES["seed-003"]
    h0 = HISTORY_START
    scrapes = range(-600 + 7, HISTORY_LENGTH, 15)  # seconds from h0

    def served(s):  # requests counted by the router up to s: 2/s in [600, 2400), 5/s in [6000, 7800)
        return 2 * (min(max(s, 600), 2400) - 600) + 5 * (min(max(s, 6000), 7800) - 6000)
    f.add("vllm:num_incoming_requests", "counter", "vllm:num_incoming_requests_total",
          {"namespace": ns, "pod": "vllm-router-0", "model": model},
          [(h0 + s, 1000 + served(s)) for s in scrapes])
    # The vLLM pod of each busy stretch, from its first scrape after it started to its last.
    for pod, first, last, busy_until, waiting in [("0", 697, 3007, 2400, 3),
                                                  ("1", 6097, 8992, 7800, 12)]:
        lab = {"namespace": ns, "pod": "%s-predictor-%s" % (isvc, pod), "model_name": model,
               "engine": "0"}
        f.add("vllm:num_requests_waiting", "gauge", "vllm:num_requests_waiting", lab,
              [(h0 + s, waiting if s < busy_until else 0) for s in scrapes if first <= s <= last])


def main():
    f = Families()
    for service in SERVICES:
        for name in SCENARIOS:
            scenario(f, service, name)
    model_name_slots(f)
    ttft_slot(f)
    history(f)
    f.write(sys.stdout)


if __name__ == "__main__":
    main()
