#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Scenarios against the real Prometheus of the prometheus fixture.

For every scale-to-zero sample and every load preset, runs
`isvc-scale check --format json --at <slot end> --replicas N` on the scenario's
slot (gen_openmetrics.py) and asserts: at most one series per trigger (exactly one
for the activation trigger), only this InferenceService's load counted, the
activation trigger reads 0 or 1, and the replicas KEDA/the HPA ask for.

A (sample, scenario) in KNOWN_DEFECTS must still fail its expectation: the entry
names the defect, and the test says when a fix makes the entry stale.
usage: scenarios.py ISVC_SCALE SOURCE_DIR FIXTURE_WORK_DIR SCRATCH_DIR
"""
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(__file__))
import gen_openmetrics as fx  # noqa: E402

MODEL = "meta-llama/Llama-3.1-8B-Instruct"

# sample -> (fixture service, maxReplicas)
SCALE_TO_ZERO = {
    "samples/scale-to-zero-istio.yaml": ("team-a", 4),
    "samples/scale-to-zero-llm-d-epp.yaml": ("team-a", 4),
    "samples/scale-to-zero-vllm-router.yaml": ("team-a", 4),
    "samples/seed-003-scale-to-zero.yaml": ("seed-003", 2),
    # llm-d-router v0.9.0: the EPP's flow-control queue wakes the service.
    "samples/scale-to-zero-llm-d-epp-queue.yaml": ("llm-d", 4),
}

KNOWN_DEFECTS = {
    ("samples/seed-003-scale-to-zero.yaml", "router-restart"):
        "seed 003's rate()-only activation never sees a counter born at 1",
    ("samples/seed-003-scale-to-zero.yaml", "neighbours"):
        "seed 003's unscoped activation query wakes on every model's router series "
        "(lint: promql-not-scoped, promql-activation-counts-series)",
}

# scenario -> (replicas now, activation value, load value of the queue-depth trigger)
SCENARIOS = {
    "zero-pods": (0, 1, 0),
    "router-restart": (0, 1, 0),
    "one-idle-pod": (1, 0, 0),
    "three-loaded-pods": (3, 1, 27),
    "neighbours": (0, 0, 0),
}


def run_check(binary, url, path, service, scenario, replicas):
    at = str(fx.slot_end(service, scenario))
    p = subprocess.run([binary, "check", "--prometheus", url, "--at", at, "--replicas",
                        str(replicas), "--format", "json", path],
                       capture_output=True, text=True, timeout=60)
    if p.returncode not in (0, 1):
        raise AssertionError("check exited %d: %s" % (p.returncode, p.stderr))
    return json.loads(p.stdout)


def expect_scale_to_zero(doc, scenario, max_replicas):
    """Problems with the report for one scale-to-zero sample, [] if none."""
    replicas, act_value, load_value = SCENARIOS[scenario]
    problems = []
    (obj,) = doc["objects"]
    for t in obj["triggers"]:
        if t["rule"] is not None:
            problems.append("trigger %s: finding %s" % (t["name"] or t["index"], t["rule"]))
            continue
        if t["name"] == "activation":
            if t["series"] != 1 or t["value"] != act_value:
                problems.append("activation reads %s from %d series, want %d from 1"
                                % (t["value"], t["series"], act_value))
        elif t["index"] == 0 and (t["series"] > 1 or t["value"] != load_value):
            problems.append("load trigger reads %s from %d series, want %d from at most 1"
                            % (t["value"], t["series"], load_value))
    want = 0 if act_value == 0 else (1 if replicas == 0 else min(-(-load_value // 5), max_replicas))
    if act_value and replicas == 3:
        want = min(6, max_replicas)
    if obj["desiredReplicas"] != want:
        problems.append("asks for %d replicas, want %d" % (obj["desiredReplicas"], want))
    return problems


def load_preset_isvc(preset, scratch):
    path = os.path.join(scratch, "preset-%s.yaml" % preset)
    with open(path, "w") as f:
        f.write("""apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: llama
  namespace: team-a
  annotations:
    serving.kserve.io/deploymentMode: Standard
    serving.kserve.io/autoscalerClass: keda
    isvc-scale.io/model-name: %s
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 8
    model:
      modelFormat: {name: huggingface}
    autoScaling:
      metrics:
      - type: External
        external:
          metric: {backend: prometheus, serverAddress: "http://prometheus:9090", query: "preset:%s"}
""" % (MODEL, preset))
    return path


# load preset -> (value at three loaded pods 6/9/12 waiting, HPA's ask at 3 replicas)
LOAD_PRESETS = {
    "vllm-queue-depth": (27, 6),          # AverageValue 5: ceil(27/5)
    "vllm-running-requests": (54, 8),     # AverageValue 4: ceil(54/4)=14, max 8
    "vllm-kv-cache": (0.9, 3),            # Value 0.8: avg(0.6,0.9,1.0)=0.8333, within tolerance
    "vllm-token-throughput": (2700, 3),   # AverageValue 1000: ceil(2.7)
}


def istio_pool_isvc(scratch):
    """The Istio activation preset on the llm-d service, whose gateway routes to the
    InferencePool's shadow Service <pool>-ip-<hash> instead of <isvc>-predictor."""
    path = os.path.join(scratch, "istio-inferencepool.yaml")
    with open(path, "w") as f:
        f.write("""apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: llama
  namespace: team-c
  annotations:
    serving.kserve.io/deploymentMode: Standard
    serving.kserve.io/autoscalerClass: keda
    isvc-scale.io/activation-preset: istio
    isvc-scale.io/model-name: %s
    isvc-scale.io/initial-cooldown-period: "300"
spec:
  predictor:
    minReplicas: 0
    maxReplicas: 4
    model:
      modelFormat: {name: huggingface}
    autoScaling:
      metrics:
      - type: External
        external:
          metric: {backend: prometheus, serverAddress: "http://prometheus:9090",
                   query: "preset:vllm-queue-depth"}
          target: {type: AverageValue, averageValue: "5", value: "5"}
""" % MODEL)
    return path


def check_load_presets(binary, url, scratch, fail):
    for preset, (value, want) in LOAD_PRESETS.items():
        path = load_preset_isvc(preset, scratch)
        for scenario, (v, w) in {"three-loaded-pods": (value, want), "neighbours": (0, 1)}.items():
            doc = run_check(binary, url, path, "team-a", scenario, 3)
            (obj,) = doc["objects"]
            (t,) = obj["triggers"]
            got = (t["series"] <= 1, round(t["value"] or 0, 4), obj["desiredReplicas"])
            if preset == "vllm-kv-cache" and scenario == "three-loaded-pods":
                v = round((0.6 + 0.9 + 1.0) / 3, 4)
            if got != (True, v, w):
                fail("%s %s: got (single, value, replicas) %s, want %s" % (preset, scenario, got,
                                                                       (True, v, w)))
            else:
                print("ok   %s %s: value %s, asks for %d" % (preset, scenario, v, w))


HF_ISVC = """apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: %s
  namespace: %s
  annotations:
    serving.kserve.io/deploymentMode: Standard
    serving.kserve.io/autoscalerClass: keda
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 8
    model:
      modelFormat: {name: huggingface}
%s
    autoScaling:
      metrics:
      - type: External
        external:
          metric: {backend: prometheus, serverAddress: "http://prometheus:9090", query: "preset:vllm-queue-depth"}
"""


def check_model_names(binary, url, scratch, fail):
    """vLLM's model_name under the huggingface runtime (gen_openmetrics.model_name_slots): the
    preset selects one series, this namespace's, and not the same model elsewhere."""
    cases = [
        # (slot, isvc, namespace, implementation lines, query scope, value, replicas)
        ("hf-model-id", "opt-125m", "default",
         '      args: ["--model_name=opt-125m", "--model_id=facebook/opt-125m", "--backend=vllm"]',
         'model_name="facebook/opt-125m"', 10, 2),
        ("hf-mnt-models", "llama", "ml", "      storageUri: pvc://models/llama",
         'pod=~"llama-predictor-.*"', 3, 1),
    ]
    for slot, name, ns, impl, scope, value, want in cases:
        path = os.path.join(scratch, "model-name-%s.yaml" % slot)
        with open(path, "w") as f:
            f.write(HF_ISVC % (name, ns, impl))
        p = subprocess.run([binary, "check", "--prometheus", url, "--at",
                            str(fx.model_name_slot_end(slot)), "--replicas", "1", "--format",
                            "json", path], capture_output=True, text=True, timeout=60)
        doc = json.loads(p.stdout)
        (obj,) = doc["objects"]
        (t,) = obj["triggers"]
        got = (scope in t["query"], t["series"], t["value"], obj["desiredReplicas"])
        if p.returncode != 0 or got != (True, 1, value, want):
            fail("model_name %s: exit %d, (scoped, series, value, replicas) %s, want %s; %s"
                 % (slot, p.returncode, got, (True, 1, value, want), t["query"]))
        else:
            print("ok   model_name %s: %s reads %d from 1 series (team-b not counted), asks for %d"
                  % (slot, scope, value, want))


def check_ttft(binary, url, scratch, fail):
    """preset:vllm-ttft-p95 over the fixture's TTFT histogram (gen_openmetrics.ttft_slot):
    histogram_quantile over sum by (le) returns one series, this service's p95 only."""
    impl = '      args: ["--model_name=opt-125m", "--model_id=facebook/opt-125m"]'
    path = os.path.join(scratch, "ttft.yaml")
    with open(path, "w") as f:
        f.write((HF_ISVC % ("opt-125m", "default", impl))
                .replace("preset:vllm-queue-depth", "preset:vllm-ttft-p95")
                + "          target: {type: Value, value: \"0.5\"}\n")
    p = subprocess.run([binary, "check", "--prometheus", url, "--at",
                        str(fx.model_name_slot_end("ttft")), "--replicas", "1", "--format", "json",
                        path], capture_output=True, text=True, timeout=60)
    doc = json.loads(p.stdout)
    (obj,) = doc["objects"]
    (t,) = obj["triggers"]
    # Both pods: 1 req/s each, cumulative 0.5 at 0.25 s, 0.9 at 0.5 s, 1.0 at 0.75 s. Rank
    # 0.95 x 2 = 1.9 lies in (0.5, 0.75] (1.8 below, 0.2 in it): 0.5 + 0.25 x 0.5 = 0.625.
    # Counting team-b's slow 4 req/s would give 2.3875. Value target 0.5 at 1 replica:
    # ceil(1 x 0.625 / 0.5) = 2.
    got = (t["series"], round(t["value"] or 0, 4), obj["desiredReplicas"])
    if p.returncode != 0 or got != (1, 0.625, 2) or "histogram_quantile(0.95, sum by (le)" \
            not in t["query"]:
        fail("ttft p95: exit %d, (series, value, replicas) %s, want (1, 0.625, 2); %s"
             % (p.returncode, got, t["query"]))
    else:
        print("ok   vllm-ttft-p95: one series, p95 0.625 s (team-b's 2.39 s not mixed in), "
              "asks for 2")


def check_findings(binary, url, src, fail):
    """Findings carry the trigger's position and a rule id; exit code 1."""
    # The envoy-gateway activation preset is withdrawn: the fixture's Envoy cluster counters
    # do not move at zero pods (direct 503), so render refuses it and check has nothing to ask.
    sample = os.path.join(src, "samples/scale-to-zero-envoy-gateway.yaml")
    p = subprocess.run([binary, "check", "--prometheus", url, "--format", "json", sample],
                       capture_output=True, text=True, timeout=60)
    doc = json.loads(p.stdout)
    got = [(f["line"], f["column"], f["rule"], "is withdrawn" in f["message"])
           for f in doc["findings"] if f["severity"] == "error"]
    if p.returncode != 1 or doc["objects"] or got != [(12, 38, "isvc-scale-to-zero-no-activation",
                                                        True)]:
        fail("envoy-gateway withdrawal: exit %d, %s" % (p.returncode, got))
    else:
        print("ok   envoy-gateway preset withdrawn: refused at 12:38, nothing queried")
    sample = os.path.join(src, "samples/seed-003-queue-depth.yaml")
    at = str(fx.slot_end("seed-003", "three-loaded-pods"))
    p = subprocess.run([binary, "check", "--prometheus", url, "--at", at, "--format", "json", sample],
                       capture_output=True, text=True, timeout=60)
    doc = json.loads(p.stdout)
    got = [(f["file"].endswith("seed-003-queue-depth.yaml"), f["line"], f["column"], f["rule"])
           for f in doc["findings"]]
    (t,) = doc["objects"][0]["triggers"]
    # The unscoped vllm:num_requests_waiting returns one series per pod: KEDA fails on it.
    if p.returncode != 1 or got != [(True, t["line"], t["column"], "check-multiple-series")] \
            or t["series"] != 3:
        fail("seed-003-queue-depth: exit %d, findings %s, series %s" % (p.returncode, got,
                                                                         t["series"]))
    else:
        print("ok   seed-003-queue-depth three-loaded-pods: 3 series -> check-multiple-series at "
              "%d:%d" % (t["line"], t["column"]))
    # Seed 003's sum(rate(x[1m]) > bool 0) counts the neighbours' two router series (2, not
    # 0/1); render compares it again, so KEDA reads 1 from one series: no
    # check-activation-not-0-1 any more (it still wakes on the neighbours: KNOWN_DEFECTS).
    sample = os.path.join(src, "samples/seed-003-scale-to-zero.yaml")
    at = str(fx.slot_end("seed-003", "neighbours"))
    p = subprocess.run([binary, "check", "--prometheus", url, "--at", at, "--replicas", "0",
                        "--format", "json", sample], capture_output=True, text=True, timeout=60)
    doc = json.loads(p.stdout)
    act = [(t["series"], t["value"]) for t in doc["objects"][0]["triggers"]
           if t["name"] == "activation"]
    if p.returncode != 0 or doc["findings"] or act != [(1, 1)]:
        fail("seed-003 neighbours: exit %d, %s, activation %s" % (p.returncode, doc["findings"],
                                                                 act))
    else:
        print("ok   seed-003 neighbours: activation compared again, reads 1 from 1 series")
    # A server nobody listens on: every trigger is a check-query-failed finding, exit 1.
    sample = os.path.join(src, "samples/scale-to-zero-istio.yaml")
    p = subprocess.run([binary, "check", "--prometheus", "http://127.0.0.1:1", "--timeout", "1",
                        sample], capture_output=True, text=True, timeout=60)
    rules = [line.split("[")[-1] for line in p.stdout.splitlines() if ": error: " in line]
    if p.returncode != 1 or rules != ["check-query-failed]", "check-query-failed]"]:
        fail("unreachable server: exit %d, %s" % (p.returncode, p.stdout))
    else:
        print("ok   unreachable server: two check-query-failed findings, exit 1")


class Recorder(BaseHTTPRequestHandler):
    """Answers every query with one series of value 7 and records the request headers."""
    seen = []

    def do_GET(self):
        Recorder.seen.append((self.path, self.headers.get("Authorization"),
                              self.headers.get("X-Scope-OrgID")))
        body = b'{"status":"success","data":{"resultType":"vector","result":' \
               b'[{"metric":{},"value":[1,"7"]}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def check_auth_headers(binary, src, scratch, fail):
    """--bearer-token-file and --header reach the server; the path prefix is kept."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        token = os.path.join(scratch, "token")
        with open(token, "w") as f:
            f.write("s3cret\n")
        url = "http://127.0.0.1:%d/prom/" % server.server_address[1]
        p = subprocess.run([binary, "check", "--prometheus", url, "--bearer-token-file", token,
                            "--header", "X-Scope-OrgID: team-a", "--at", "1767225600",
                            os.path.join(src, "samples/seed-003-queue-depth.yaml")],
                           capture_output=True, text=True, timeout=60)
    finally:
        server.shutdown()
        server.server_close()
    got = [(path.split("?")[0], auth, org) for path, auth, org in Recorder.seen]
    if p.returncode != 0 or got != [("/prom/api/v1/query", "Bearer s3cret", "team-a")]:
        fail("auth headers: exit %d, %s, %s" % (p.returncode, got, p.stdout))
    else:
        print("ok   --bearer-token-file and --header sent to /prom/api/v1/query")


def main():
    binary, src, work, scratch = sys.argv[1:5]
    if os.path.exists(os.path.join(work, "skip")):
        print("skipping: " + open(os.path.join(work, "skip")).read().strip())
        return 0
    url = open(os.path.join(work, "url")).read().strip()
    os.makedirs(scratch, exist_ok=True)
    failures = []
    samples = dict(SCALE_TO_ZERO)
    samples[istio_pool_isvc(scratch)] = ("llm-d", 4)  # absolute: os.path.join keeps it
    for sample, (service, max_replicas) in samples.items():
        for scenario, (replicas, _, _) in SCENARIOS.items():
            doc = run_check(binary, url, os.path.join(src, sample), service, scenario, replicas)
            problems = expect_scale_to_zero(doc, scenario, max_replicas)
            defect = KNOWN_DEFECTS.get((sample, scenario))
            if defect and problems:
                print("known defect %s %s: %s (%s)" % (sample, scenario, defect, "; ".join(problems)))
            elif defect:
                failures.append("%s %s passes now: drop it from KNOWN_DEFECTS" % (sample, scenario))
            elif problems:
                failures.append("%s %s: %s" % (sample, scenario, "; ".join(problems)))
            else:
                print("ok   %s %s" % (sample, scenario))
    check_load_presets(binary, url, scratch, failures.append)
    check_model_names(binary, url, scratch, failures.append)
    check_ttft(binary, url, scratch, failures.append)
    check_findings(binary, url, src, failures.append)
    check_auth_headers(binary, src, scratch, failures.append)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
