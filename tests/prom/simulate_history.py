#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`simulate --prometheus` against the real Prometheus of the prometheus fixture.

Replays gen_openmetrics.py's HISTORY (h0 = HISTORY_START) through seed 003's ScaledObject
(pollingInterval 15, cooldownPeriod 360, replicas 0..2; trigger 0 sum(waiting) AverageValue
5, trigger 1 the router's rate() > bool 0, threshold 1) with --step 15 --cold-start 90.
Scrapes sit at h0 + 7 + 15k, the query steps at h0 + 15j.

By hand (Prometheus 2.x windows [T-60, T]; as no scrape sits on an edge, 3.x agrees):
- activation at T is 1 iff two of the scrapes T-53, T-38, T-23, T-8 differ, i.e. the
  router counted in (T-53, T-8]: T in (608, 2453) or (6008, 7853) -> first 1 at 615 and
  6015, last 1 at 2445 and 7845.
- sum(waiting) at T is the last scrape in [T-300, T]: none before 705 (first scrape 697),
  3 up to 2400, 0 from 2415 (scrape 2407 is idle) to 3300 (last scrape 3007 + 300), none
  from 3315 to 6090, 12 from 6105 (scrape 6097) to 7800, 0 after. No value at 47 + 186 =
  233 of 601 steps; KEDA reads them as 0 (ignoreNullValues), longest 3315..6090.
- t=0..600: inactive at 0 replicas. t=615: active at 0 -> KEDA sets 1 (pod ready 705).
- lastActiveTime 2445; KEDA scales to 0 at the first poll with 2445 + 360 < t: t=2820
  (the HPA holds 1, its minReplicas, until then).
- t=6015: active at 0 -> 1 (ready 6105: the cold-start wait is 90 s). t=6105: the HPA
  reads 12 over 1 ready pod: ceil(12/5) = 3, clamped to maxReplicaCount 2 (ready 6195).
- from 7815 the proposals are 1 (activation 1 / target 1) then 0; no behavior is rendered,
  so the HPA's legacy 300 s window counts samples not Before(now - 300) (kubernetes
  horizontal.go:933): the proposal 3 of t=7800 holds at t=8100 -> 1 at 8115 (minReplicas 1
  holds it); lastActiveTime 7845 -> KEDA scales to 0 at 8220 (7845 + 360 < 8220).
- active seconds with no ready pod: 615..704 and 6015..6104 = 180, waits up to 90 s;
  3 pods created; at maxReplicaCount 2 from 6105 to 8114: 2010 s.
usage: simulate_history.py ISVC_SCALE SOURCE_DIR FIXTURE_WORK_DIR SCRATCH_DIR
"""
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, os.path.dirname(__file__))
import gen_openmetrics as fx  # noqa: E402

SEED_003 = "samples/seed-003-scale-to-zero.yaml"
REPLICAS = [(0, 0), (615, 1), (2820, 0), (6015, 1), (6105, 2), (8115, 1), (8220, 0)]
READY = [(0, 0), (705, 1), (2820, 0), (6105, 1), (6195, 2), (8115, 1), (8220, 0)]


def simulate(binary, args):
    p = subprocess.run([binary, "simulate"] + args, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def changes(ticks, key):
    out = []
    for t in ticks:
        if not out or out[-1][1] != t[key]:
            out.append((t["t"], t[key]))
    return out


def check_seed_003(binary, src, url, fail):
    h0, end = fx.HISTORY_START, fx.HISTORY_START + fx.HISTORY_LENGTH
    rc, out, err = simulate(binary, [os.path.join(src, SEED_003), "--prometheus", url,
                                     "--from", str(h0), "--to", str(end), "--step", "15",
                                     "--cold-start", "90", "--format", "json"])
    if rc != 0:
        return fail("seed-003 history: exit %d: %s" % (rc, err))
    doc = json.loads(out)
    ticks, summary = doc["ticks"], doc["summary"]
    got = {
        "replicas": changes(ticks, "replicas"),
        "ready": changes(ticks, "ready"),
        "summary": (summary["coldStarts"], summary["arrivalsAtZero"], summary["maxWaitSeconds"],
                    summary["secondsAtMax"]),
        "findings": [f["id"] for f in doc["findings"]],
    }
    want = {
        "replicas": REPLICAS,
        "ready": READY,
        "summary": (3, 180, 90, 2010),
        "findings": ["history-gap", "time-at-max", "scale-to-zero-wait"],
    }
    gap = doc["findings"][0]["message"] if doc["findings"] else ""
    bad = ["%s: got %s, want %s" % (k, got[k], want[k]) for k in want if got[k] != want[k]]
    if "trigger 0" not in gap or "233 of 601 steps" not in gap or "t=3315 to t=6090" not in gap:
        bad.append("gap finding: %s" % gap)
    if bad:
        return fail("seed-003 history " + "; ".join(bad))
    print("ok   seed-003 history: zero at 2820 after the idle gap, awake at 6015, ready 6105")


def check_findings(binary, src, url, fail):
    h0, end = fx.HISTORY_START, fx.HISTORY_START + fx.HISTORY_LENGTH
    rc, out, _ = simulate(binary, [os.path.join(src, SEED_003), "--prometheus", url, "--from",
                                   "2026-01-02T00:00:00Z", "--to", str(end), "--step", "60",
                                   "--format", "json"])
    ids = [f["id"] for f in json.loads(out)["findings"]] if rc == 0 else []
    if h0 != 1767312000 or "history-step" not in ids:
        fail("--step 60 over pollingInterval 15: exit %d, findings %s" % (rc, ids))
    else:
        print("ok   --step 60 > pollingInterval 15: history-step")
    start = fx.slot_start("seed-003", "three-loaded-pods")
    rc, out, _ = simulate(binary, [os.path.join(src, "samples/seed-003-queue-depth.yaml"),
                                   "--prometheus", url, "--from", str(start), "--to",
                                   str(start + fx.WINDOW), "--format", "json"])
    msgs = [f["message"] for f in json.loads(out)["findings"]] if rc == 0 else []
    multi = [m for m in msgs if "up to 3 series at 41 of 41 steps" in m]
    if rc != 0 or len(multi) != 1 or "returned multiple elements" not in multi[0]:
        fail("unscoped queue depth over three pods: exit %d, %s" % (rc, msgs))
    else:
        print("ok   unscoped vllm:num_requests_waiting over three pods: history-multiple-series")
    rc, out, err = simulate(binary, [os.path.join(src, SEED_003), "--prometheus",
                                     "http://127.0.0.1:1", "--timeout", "1", "--from", str(h0),
                                     "--to", str(end)])
    if rc != 2 or out or "trigger 0" not in err or "cannot reach http://127.0.0.1:1" not in err:
        fail("unreachable server: exit %d, stdout %r, stderr %r" % (rc, out, err))
    else:
        print("ok   unreachable server: exit 2, " + err.strip())


class Recorder(BaseHTTPRequestHandler):
    """Answers every range query with an empty matrix and records what it was asked."""
    seen = []

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        Recorder.seen.append((u.path, self.headers.get("Authorization"),
                              self.headers.get("X-Scope-OrgID"), q["start"][0], q["end"][0]))
        body = b'{"status":"success","data":{"resultType":"matrix","result":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def check_auth_and_pieces(binary, src, scratch, fail):
    """check's --bearer-token-file/--header reach query_range; 20,001 steps are 3 requests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.makedirs(scratch, exist_ok=True)
    token = os.path.join(scratch, "token")
    try:
        with open(token, "w") as f:
            f.write("s3cret\n")
        url = "http://127.0.0.1:%d/prom/" % server.server_address[1]
        rc, _, err = simulate(binary, [os.path.join(src, "samples/seed-003-queue-depth.yaml"),
                                       "--prometheus", url, "--bearer-token-file", token,
                                       "--header", "X-Scope-OrgID: team-a", "--from", "0",
                                       "--to", "20000", "--step", "1", "--format", "csv"])
    finally:
        server.shutdown()
        server.server_close()
    want = [("/prom/api/v1/query_range", "Bearer s3cret", "team-a", a, b)
            for a, b in [("0", "9999"), ("10000", "19999"), ("20000", "20000")]]
    if rc != 0 or Recorder.seen != want:
        fail("auth and pieces: exit %d, %s, %s" % (rc, Recorder.seen, err))
    else:
        print("ok   --bearer-token-file/--header on query_range; 20001 steps asked in 3 pieces")


def main():
    binary, src, work, scratch = sys.argv[1:5]
    if os.path.exists(os.path.join(work, "skip")):
        print("skipping: " + open(os.path.join(work, "skip")).read().strip())
        return 0
    url = open(os.path.join(work, "url")).read().strip()
    failures = []
    check_seed_003(binary, src, url, failures.append)
    check_findings(binary, src, url, failures.append)
    check_auth_and_pieces(binary, src, scratch, failures.append)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
