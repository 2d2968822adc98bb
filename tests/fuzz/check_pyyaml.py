#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Round trip through a YAML 1.1 reader: every JSON tree emit::write_yaml wrote
# (documents of the corpus and every object rendered from them, dumped by
# isvc_emit_corpus) must come back from PyYAML's safe_load identical: strings
# stay strings (no yes/on/012/1:20/2001-12-14 turned into bools, ints, dates),
# numbers stay numbers. Usage: check_pyyaml.py <isvc_emit_corpus> <dir>...
import json
import math
import subprocess
import sys

import yaml


def same(want, got, at):
    if isinstance(want, bool) or isinstance(got, bool):
        ok = type(want) is type(got) and want == got
    elif isinstance(want, (int, float)) and isinstance(got, (int, float)):
        ok = want == got or (math.isnan(want) and math.isnan(got))
    elif want is None or got is None:
        ok = want is got
    elif isinstance(want, dict):
        if not isinstance(got, dict) or list(want) != list(got):
            return f"{at}: mapping keys {list(want)} read back as {got!r}"
        for k in want:
            why = same(want[k], got[k], f"{at}/{k}")
            if why:
                return why
        return None
    elif isinstance(want, list):
        if not isinstance(got, list) or len(want) != len(got):
            return f"{at}: list read back as {got!r}"
        for i, (w, g) in enumerate(zip(want, got)):
            why = same(w, g, f"{at}/{i}")
            if why:
                return why
        return None
    else:
        ok = type(want) is type(got) and want == got
    return None if ok else f"{at}: {want!r} read back as {got!r}"


def main():
    out = subprocess.run([sys.argv[1], *sys.argv[2:]], check=True, capture_output=True).stdout
    # "\n" only: str.splitlines() also breaks at U+0085 and U+2028 inside the JSON strings.
    lines = [l for l in out.decode("utf-8").split("\n") if l]
    failures = 0
    for line in lines:
        pair = json.loads(line)
        try:
            got = yaml.safe_load(pair["yaml"])
        except yaml.YAMLError as e:
            why = f"PyYAML cannot read it: {e}"
        else:
            why = same(pair["json"], got, "")
        if why:
            failures += 1
            print(f"FAIL {why}\n{pair['yaml']}")
    print(f"{len(lines)} emitted trees read back by PyYAML {yaml.__version__}, {failures} differ")
    if not lines:
        print("no trees dumped: the corpus is empty")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
