#!/bin/sh
# Issue 12, part 3, as a user sees it: wall time of `isvc-scale lint DIR -j1` against a
# yaml-cpp-only process over the same files (isvc_yaml_pass), median of RUNS paired runs.
# Usage: tests/bench/cli_ratio.sh BUILD_DIR [FILES=3000] [RUNS=5]
set -eu
build=${1:?usage: cli_ratio.sh BUILD_DIR [FILES] [RUNS]}
files=${2:-3000}
runs=${3:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/isvc-cli-ratio.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# The bench writes its corpus and keeps it; its own numbers go to /dev/null here.
ISVC_BENCH_KEEP=1 "$build/tests/isvc_bench" "$files" 1 "$dir/c" >/dev/null
now() { date +%s.%N; }
lint_t=""; yaml_t=""
i=0
while [ "$i" -lt "$runs" ]; do
  t0=$(now); "$build/tests/isvc_yaml_pass" "$dir/c" >/dev/null; t1=$(now)
  "$build/isvc-scale" lint "$dir/c" -j1 >/dev/null 2>&1 || [ $? -eq 1 ]; t2=$(now)
  yaml_t="$yaml_t $(echo "$t1 - $t0" | bc)"
  lint_t="$lint_t $(echo "$t2 - $t1" | bc)"
  i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
y=$(median "$yaml_t"); l=$(median "$lint_t")
echo "files $files, runs $runs (medians)"
printf "yaml-cpp-only process: %.3f s\n" "$y"
printf "isvc-scale lint -j1:   %.3f s\n" "$l"
echo "lint / yaml-cpp ratio: $(echo "scale=2; $l / $y" | bc)"
