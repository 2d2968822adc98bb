#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Golden before/after pairs of `lint --fix` (tests/fix/*.before.yaml, *.after.yaml).

For every pair: `lint --fix` on a temporary copy of the before-file makes exactly the
after-file's bytes; the before-file has findings of the pair's rules and the after-file none
(lint -f json on it); a second --fix changes nothing and says "applied 0 fixes". The pair's
rules are its name (<rule>.before.yaml) or, for the special files (comments, flow style, CRLF,
multi-document), the first line `# fixes: <rule> ...`. Every rule the registry marks safe
must have its own pair.

Usage: run_golden.py BIN SRC_DIR WORK_DIR [--update]   (--update rewrites the after-files)
"""
import difflib
import json
import pathlib
import shutil
import subprocess
import sys


def run(bin_, *args):
    p = subprocess.run([bin_, "lint", "--no-config", *args], capture_output=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"lint {' '.join(args)}: exit {p.returncode}\n{p.stderr.decode()}")
    return p


def findings(bin_, path):
    return json.loads(run(bin_, "-q", "-f", "json", str(path)).stdout)["findings"]


def rules_of(before, safe):
    name = before.name[: -len(".before.yaml")]
    if name in safe:
        return [name]
    first = before.read_bytes().split(b"\n", 1)[0].decode().strip()
    if not first.startswith("# fixes: "):
        raise SystemExit(f"{before.name}: not a rule id and no '# fixes:' first line")
    rules = first[len("# fixes: "):].split()
    unknown = [r for r in rules if r not in safe]
    if unknown:
        raise SystemExit(f"{before.name}: not fixable rules: {unknown}")
    return rules


def check_pair(bin_, before, work, safe, update):
    after = before.with_name(before.name.replace(".before.", ".after."))
    rules = rules_of(before, safe)
    copy = work / before.name.replace(".before.", ".")
    shutil.copyfile(before, copy)
    had = {f["rule"] for f in findings(bin_, copy)}
    problems = [f"before-file has no {r} finding" for r in rules if r not in had]
    run(bin_, "-q", "--fix", str(copy))
    got = copy.read_bytes()
    if update:
        after.write_bytes(got)
    want = after.read_bytes() if after.exists() else b""
    if got != want:
        diff = difflib.unified_diff(
            [repr(l) for l in want.splitlines(True)], [repr(l) for l in got.splitlines(True)],
            str(after.name), "lint --fix", lineterm="")
        problems.append("bytes differ from the after-file:\n" + "\n".join(diff))
    left = [f for f in findings(bin_, copy) if f["rule"] in rules]
    problems += [f"after --fix still {f['line']}:{f['column']} {f['rule']}" for f in left]
    second = run(bin_, "--fix", str(copy))
    if copy.read_bytes() != got or b"applied 0 fixes in 0 files" not in second.stderr:
        problems.append("a second --fix changed the file: " + second.stderr.decode())
    return problems


def main():
    bin_, src, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    update = "--update" in sys.argv[4:]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    listing = subprocess.run([bin_, "rules", "list", "--format", "json"], capture_output=True,
                             check=True)
    safe = {r["id"] for r in json.loads(listing.stdout) if r["fixes"] == "safe"}
    pairs = sorted((src / "tests" / "fix").glob("*.before.yaml"))
    failed = False
    for rule in sorted(safe - {p.name[: -len(".before.yaml")] for p in pairs}):
        print(f"FAIL {rule}: fixable rule without a tests/fix/{rule}.before.yaml pair")
        failed = True
    for before in pairs:
        problems = check_pair(bin_, before, work, safe, update)
        print(("FAIL " if problems else "ok   ") + before.name)
        for p in problems:
            print("     " + p)
        failed = failed or bool(problems)
    print(f"{len(pairs)} pair(s), {len(safe)} fixable rule(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
