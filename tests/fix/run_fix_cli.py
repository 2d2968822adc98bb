#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`lint --fix` / `--diff` end to end, on copies in WORK_DIR.

  samples: copies of every samples/*.yaml, `lint --fix` on the copy directory. Files with a
           finding that carries a fix lose every finding of every fixable rule (but those in
           UNFIXABLE, which carry no fix, for the reason given there); every other file stays
           byte-identical.
  patch:   `lint --diff` over the golden before-files and the samples applies with the real
           `patch -p0` and gives exactly what `lint --fix` writes; --diff itself writes nothing.
  sarif:   the SARIF result of one fixable finding, `fixes` with its replacement region
           included, is exactly the expected JSON (key order kept); the artifact URIs of the
           location and of the fix are the same repository-relative path.
  mode:    a 0640 file keeps mode 0640 after --fix, is replaced by rename (a new inode, no
           temporary file left beside it).

Usage: run_fix_cli.py samples|patch|sarif|mode BIN SRC_DIR WORK_DIR
"""
import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys


def lint(bin_, *args, cwd=None):
    p = subprocess.run([bin_, "lint", "--no-config", *args], capture_output=True, cwd=cwd)
    if p.returncode not in (0, 1):
        raise SystemExit(f"lint {' '.join(args)}: exit {p.returncode}\n{p.stderr.decode()}")
    return p


def safe_rules(bin_):
    out = subprocess.run([bin_, "rules", "list", "--format", "json"], capture_output=True,
                         check=True).stdout
    return {r["id"] for r in json.loads(out) if r["fixes"] == "safe"}


def sarif_results(bin_, path):
    return json.loads(lint(bin_, "-q", "-f", "sarif", str(path)).stdout)["runs"][0]["results"]


def copy_inputs(src, dest, with_golden):
    dest.mkdir(parents=True)
    files = sorted((src / "samples").glob("*.yaml"))
    if with_golden:
        files += sorted((src / "tests" / "fix").glob("*.before.yaml"))
    for f in files:
        shutil.copyfile(f, dest / f.name.replace(".before.", "."))
    return sorted(p.name for p in dest.iterdir())


# Findings of fixable rules that --fix leaves, by design: the fix needs a value the input does
# not give, so the finding carries none.
UNFIXABLE = {
    # No metadata.namespace (it comes from `kubectl -n`): namespace="..." is unknown.
    ("llm-prometheus-qwen-gpu.yaml", "promql-not-scoped", 40),
    ("llm-prometheus-running-requests.yaml", "promql-not-scoped", 38),
    # --model_name names the KServe model, not vLLM's model_name label (no --served-model-name
    # nor isvc-scale.io/model-name states that): model_name="..." is unknown.
    ("seed-003-queue-depth.yaml", "promql-not-scoped", 29),
    # The tutorial's verbatim activation query over the router's counter: the router labels
    # its series model="<name it routes>", which nothing in the input states.
    ("seed-003-scale-to-zero.yaml", "promql-not-scoped", 16),
}


def samples(bin_, src, work):
    safe = safe_rules(bin_)
    copy = work / "samples-copy"
    names = copy_inputs(src, copy, False)
    fixable = {n for n in names if any("fixes" in r for r in sarif_results(bin_, copy / n))}
    unfixable = set(UNFIXABLE)
    lint(bin_, "-q", "--fix", str(copy))
    problems = []
    for n in names:
        before = (src / "samples" / n).read_bytes()
        after = (copy / n).read_bytes()
        if n not in fixable and after != before:
            problems.append(f"{n}: no fixable finding, but --fix changed it")
        if n in fixable and after == before:
            problems.append(f"{n}: has fixable findings, --fix changed nothing")
        for r in sarif_results(bin_, copy / n):
            line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            if r["ruleId"] not in safe:
                continue
            if (n, r["ruleId"], line) in UNFIXABLE and "fixes" not in r:
                unfixable.discard((n, r["ruleId"], line))
                continue
            problems.append(f"{n}:{line}: still {r['ruleId']} after --fix")
    problems += [f"{n}:{line}: expected {rule} without a fix is gone: update UNFIXABLE"
                 for n, rule, line in sorted(unfixable)]
    print(f"{len(names)} samples, {len(fixable)} with fixable findings: {sorted(fixable)}; "
          f"{len(UNFIXABLE)} finding(s) of fixable rules left by design")
    if not fixable:
        problems.append("no sample has a fixable finding: the test checks nothing")
    return problems


def patch(bin_, src, work):
    originals = work / "orig" / "in"
    names = copy_inputs(src, originals, True)
    for d in ("diffed", "fixed", "patched"):
        shutil.copytree(work / "orig", work / d)
    p = lint(bin_, "-q", "--diff", "in", cwd=work / "diffed")
    diff = p.stdout
    problems = []
    if p.returncode != 1 or not diff.startswith(b"--- in/"):
        problems.append(f"--diff: exit {p.returncode}, output starts {diff[:40]!r}")
    for n in names:
        if (work / "diffed" / "in" / n).read_bytes() != (originals / n).read_bytes():
            problems.append(f"{n}: --diff wrote the file")
    lint(bin_, "-q", "--fix", "in", cwd=work / "fixed")
    (work / "fix.diff").write_bytes(diff)
    pt = subprocess.run(["patch", "-p0", "--batch", "--forward", "-i", str(work / "fix.diff")],
                        cwd=work / "patched", capture_output=True)
    if pt.returncode != 0:
        problems.append(f"patch -p0: exit {pt.returncode}\n{pt.stdout.decode()}{pt.stderr.decode()}")
    changed = 0
    for n in names:
        want = (work / "fixed" / "in" / n).read_bytes()
        changed += want != (originals / n).read_bytes()
        if (work / "patched" / "in" / n).read_bytes() != want:
            problems.append(f"{n}: patch -p0 of the --diff output differs from --fix")
    print(f"{len(names)} files, {changed} changed by --fix, "
          f"{diff.count(b'+++ ')} in the diff, {diff.count(b'@@ -')} hunks")
    if changed == 0 or diff.count(b"+++ ") != changed:
        problems.append(f"{diff.count(b'+++ ')} files in the diff, {changed} changed by --fix")
    return problems


SARIF_RESULT = """{
  "ruleId": "vllm-metric-renamed",
  "ruleIndex": %(index)d,
  "level": "warning",
  "message": {
    "text": "vllm:gpu_cache_usage_perc was renamed to vllm:kv_cache_usage_perc (deprecated in vLLM 0.10, hidden in 0.11, since removed): on current vLLM the query returns nothing and KEDA reads 0 Fix: Use vllm:kv_cache_usage_perc."
  },
  "locations": [
    {
      "physicalLocation": {
        "artifactLocation": {
          "uri": "tests/fix/vllm-metric-renamed.before.yaml"
        },
        "region": {
          "startLine": 16,
          "startColumn": 18
        }
      },
      "logicalLocations": [
        {
          "fullyQualifiedName": "/spec/triggers/0/metadata/query",
          "kind": "member"
        }
      ]
    }
  ],
  "fixes": [
    {
      "description": {
        "text": "Use vllm:kv_cache_usage_perc."
      },
      "artifactChanges": [
        {
          "artifactLocation": {
            "uri": "tests/fix/vllm-metric-renamed.before.yaml"
          },
          "replacements": [
            {
              "deletedRegion": {
                "startLine": 16,
                "startColumn": 18,
                "endLine": 16,
                "endColumn": 43
              },
              "insertedContent": {
                "text": "vllm:kv_cache_usage_perc"
              }
            }
          ]
        }
      ]
    }
  ]
}"""


def sarif(bin_, src, work):
    # `./` on purpose: SARIF writes paths lexically normal, in the location and in the fix.
    p = lint(bin_, "-q", "-f", "sarif", "./tests/fix/vllm-metric-renamed.before.yaml", cwd=src)
    run = json.loads(p.stdout)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    problems = []
    if len(results) != 1:
        return [f"{len(results)} results, want 1: {[r['ruleId'] for r in results]}"]
    got = json.dumps(results[0], indent=2, ensure_ascii=False)
    want = SARIF_RESULT % {"index": ids.index("vllm-metric-renamed")}
    if got != want:
        problems.append("SARIF result differs:\n" + got)
    # The replacement region is where the old name stands in the file: applying it by hand
    # (1-based columns, end exclusive) gives the fixed line.
    line = (src / "tests/fix/vllm-metric-renamed.before.yaml").read_text().splitlines()[15]
    rep = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    r = rep["deletedRegion"]
    fixed = line[: r["startColumn"] - 1] + rep["insertedContent"]["text"] + line[r["endColumn"] - 1:]
    if line[r["startColumn"] - 1: r["endColumn"] - 1] != "vllm:gpu_cache_usage_perc" or \
            "max(vllm:kv_cache_usage_perc{" not in fixed:
        problems.append(f"replacement region does not cover the old name: {line!r}")
    print(f"result {results[0]['ruleId']}, replacement {r}")
    return problems


def mode(bin_, src, work):
    work.mkdir(parents=True)
    f = work / "m.yaml"
    shutil.copyfile(src / "tests" / "fix" / "isvc-deprecated-deployment-mode.before.yaml", f)
    os.chmod(f, 0o640)
    inode = f.stat().st_ino
    lint(bin_, "-q", "--fix", str(f))
    problems = []
    got = stat.S_IMODE(f.stat().st_mode)
    if got != 0o640:
        problems.append(f"mode {got:04o} after --fix, want 0640")
    if b"deploymentMode: Standard" not in f.read_bytes():
        problems.append("--fix did not change the file")
    if f.stat().st_ino == inode:
        problems.append("same inode: the file was rewritten in place, not renamed over")
    left = sorted(p.name for p in work.iterdir())
    if left != ["m.yaml"]:
        problems.append(f"files beside it after --fix: {left}")
    print(f"mode {got:04o}, inode {inode} -> {f.stat().st_ino}")
    return problems


def main():
    what, bin_, src, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    problems = {"samples": samples, "patch": patch, "sarif": sarif, "mode": mode}[what](bin_, src, work / what)
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
