#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# One fuzz-run-* smoke test: runs a libFuzzer target with its log in a file, so the outer
# CTest output stays small. libFuzzer writes a line per new input (tens of thousands in a
# minute), and CTest keeps only the first 300 KB of a failing test's output, so the reason of
# a failure used to be cut off. Prints the run's figures when it passes; on failure the tail
# of the log and every artifact (hex) that the run left.
# Usage: run_fuzz.sh LOG ARTIFACT_PREFIX FUZZER [libFuzzer arguments...]
set -u
log=$1 prefix=$2
shift 2
rm -f "$prefix"*
"$@" -artifact_prefix="$prefix" >"$log" 2>&1
rc=$?
grep -E '^(Done|stat::)' "$log"
if [ "$rc" -ne 0 ]; then
  echo "fuzzer exited $rc; last lines of $log:"
  grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)' "$log" | tail -n 120
  for a in "$prefix"*; do
    [ -e "$a" ] || continue
    echo "artifact $a ($(wc -c <"$a") bytes):"
    od -A d -c "$a" | head -n 80
  done
fi
exit "$rc"
