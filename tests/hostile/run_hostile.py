#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Hostile-input corpus (issue 12 part 6): runs every row of cases.md against the
# binary and asserts its outcome: exit code, the positioned finding
# "<file>:<line>:<col>: ... [<rule>]", no "internal error", and wall time and peak
# RSS (getrusage, read with /usr/bin/time) within the row's bounds. Inputs are generated here, at
# test time (the 50 MB ones are never committed).
# Usage: run_hostile.py <isvc-scale> <cases.md> <work dir> [bound multiplier]
import os
import re
import subprocess
import sys
import time

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples")


def isvc(name="x", min="1", max="3", ann="", pred="", metric="averageUtilization: 60"):
    """An InferenceService; `min` is on line 11 col 18, `max` on line 12 col 18."""
    return (
        "apiVersion: serving.kserve.io/v1beta1\n"
        "kind: InferenceService\n"
        "metadata:\n"
        f"  name: {name}\n"
        "  annotations:\n"
        "    serving.kserve.io/deploymentMode: Standard\n"
        "    serving.kserve.io/autoscalerClass: keda\n"
        f"    {ann or 'x.example.com/a: b'}\n"
        "spec:\n"
        "  predictor:\n"
        f"    minReplicas: {min}\n"
        f"    maxReplicas: {max}\n"
        f"    {pred or 'containerConcurrency: 4'}\n"
        "    autoScaling:\n"
        "      metrics:\n"
        "      - type: Resource\n"
        "        resource:\n"
        "          name: cpu\n"
        "          target:\n"
        "            type: Utilization\n"
        f"            {metric}\n"
        "    model:\n"
        "      modelFormat:\n"
        "        name: sklearn\n"
    )


def scaled_object(field="pollingInterval", value="30"):
    """A ScaledObject; `field: value` is on line 8, the value at col 3 + len(field) + 2."""
    return (
        "apiVersion: keda.sh/v1alpha1\n"
        "kind: ScaledObject\n"
        "metadata:\n"
        "  name: so\n"
        "spec:\n"
        "  scaleTargetRef:\n"
        "    name: d\n"
        f"  {field}: {value}\n"
        "  triggers:\n"
        "  - type: cpu\n"
        "    metricType: Utilization\n"
        "    metadata: {value: \"60\"}\n"
    )


def hpa(field="minReplicas", value="1"):
    """An HPA; `field: value` is on line 9."""
    return (
        "apiVersion: autoscaling/v2\n"
        "kind: HorizontalPodAutoscaler\n"
        "metadata:\n"
        "  name: h\n"
        "spec:\n"
        "  scaleTargetRef:\n"
        "    apiVersion: apps/v1\n"
        "    kind: Deployment\n"
        "    name: d\n"
        f"  {field}: {value}\n"
        "  maxReplicas: 3\n"
    )


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return f.read()


def nested(depth, open_="[", close="]"):
    return "a: " + open_ * depth + close * depth + "\n"


def alias_bomb(levels=10):
    out = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        out += f"{cur}: &{cur} [" + ",".join(["*" + prev] * 9) + "]\n"
    return out


def stream(doc, megabytes):
    doc = "---\n" + doc
    return doc * (megabytes * 1024 * 1024 // len(doc) + 1)


def configmap(value_bytes=800):
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: " + "v" * value_bytes + "\n"


def many_keys(n):
    # Labels: all annotations together may hold only 256 KiB (metadata-invalid).
    return isvc(ann="x.example.com/a: b\n  labels:\n    " + "\n    ".join(f"k{i}.example.com/a: v" for i in range(n)))


def crlf(text):
    return text.replace("\n", "\r\n")


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


GENERATORS = {f.__name__: f for f in (isvc, scaled_object, hpa, sample, nested, alias_bomb, stream,
                                      configmap, many_keys, crlf, utf16)}

COMMANDS = {
    "lint": lambda b, f, w: [b, "lint", "--no-config", f],
    "render": lambda b, f, w: [b, "render", f],
    "render-dir": lambda b, f, w: [b, "render", "--output-dir", os.path.join(w, "out"), f],
}


def read_cases(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| ") or line.startswith("| id ") or line.startswith("| --"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) != 8:
                raise SystemExit(f"bad row (want 8 cells): {line}")
            rows.append(cells)
    return rows


def run_case(binary, work, row, scale):
    ident, command, expr, want_exit, rule, pos, seconds, mib = row
    data = eval(expr.strip("`"), {"__builtins__": {"range": range, "chr": chr, "len": len, "bytes": bytes}}, GENERATORS)
    path = os.path.join(work, ident + ".yaml")
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    del data
    out_path = os.path.join(work, ident + ".out")
    usage_path = os.path.join(work, ident + ".rusage")
    # /usr/bin/time reports the binary's own getrusage peak RSS (a child forked from this
    # Python process would count the generator's memory from before exec).
    start = time.monotonic()
    with open(out_path, "wb") as out:
        rc = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", usage_path,
                             *COMMANDS[command](binary, path, work)], stdout=out,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL).returncode
    elapsed = time.monotonic() - start
    with open(out_path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    with open(usage_path, encoding="utf-8") as f:
        peak_mib = int(f.read().split()[-1]) / 1024
    errors = []
    if rc != int(want_exit):
        errors.append(f"exit {rc}, want {want_exit}")
    if "internal error" in text:
        errors.append("internal error reached the user")
    if rule != "-":
        line_re = re.escape(f"{path}:{pos}: ") + r".*\[" + re.escape(rule) + r"\]" if pos != "-" \
            else r"\[" + re.escape(rule) + r"\]"
        if not re.search(line_re, text):
            errors.append(f"no finding {pos} [{rule}]")
    elif int(want_exit) == 0 and re.search(r": error: ", text):
        errors.append("an error was reported")
    if elapsed > float(seconds) * scale:
        errors.append(f"took {elapsed:.2f} s, bound {float(seconds) * scale:g} s")
    if peak_mib > float(mib) * scale:
        errors.append(f"peak RSS {peak_mib:.0f} MiB, bound {float(mib) * scale:g} MiB")
    os.remove(path)
    verdict = "FAIL" if errors else "ok"
    print(f"{verdict:4} {ident:32} exit {rc} {elapsed:6.2f} s {peak_mib:6.0f} MiB  {'; '.join(errors)}")
    if errors:
        print("     output: " + text[:600].replace("\n", "\n     "))
    return not errors


def main():
    binary, cases, work = sys.argv[1:4]
    scale = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    os.makedirs(work, exist_ok=True)
    rows = read_cases(cases)
    results = [run_case(binary, work, row, scale) for row in rows]
    failed = results.count(False)
    print(f"{len(rows)} hostile cases, {failed} failed")
    return 1 if failed or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
