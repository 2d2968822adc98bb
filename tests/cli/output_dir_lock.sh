#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# render --output-dir: a directory another run is writing (its lock held) is refused with
# nothing written; two runs racing into one directory never leave a mix of their objects;
# a nameless List item gets a file name of its own instead of failing the run.
# Usage: output_dir_lock.sh <isvc-scale> <source dir> <work dir>
set -eu
BIN=$1 SRC=$2 WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
fail() { echo "FAIL: $*"; exit 1; }

manifest() { # name maxReplicas
  sed -e "s/maxReplicas: 3/maxReplicas: $2/" "$SRC/samples/keda-cpu-utilization.yaml" > "$WORK/$1.yaml"
}
manifest five 5
manifest seven 7
grep -q "maxReplicas: 5" "$WORK/five.yaml" || fail "sample no longer has maxReplicas: 3"

# 1. The lock is held (flock(1) on the lock file): refused at once, exit 2, nothing written.
mkdir -p "$WORK/held"
touch "$WORK/held/.isvc-scale.lock"
set +e
flock "$WORK/held/.isvc-scale.lock" "$BIN" render --output-dir "$WORK/held" "$WORK/five.yaml" \
  > "$WORK/held.out" 2> "$WORK/held.err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "render into a locked directory exited $rc, want 2"
grep -q "another run is writing to $WORK/held" "$WORK/held.err" || fail "no lock message: $(cat "$WORK/held.err")"
[ "$(ls -A "$WORK/held")" = ".isvc-scale.lock" ] || fail "files written under the lock: $(ls -A "$WORK/held")"

# 2. Concurrent runs: afterwards every ScaledObject agrees with its InferenceService.
i=0
while [ $i -lt 20 ]; do
  "$BIN" render --output-dir "$WORK/race" "$WORK/five.yaml" > /dev/null 2>> "$WORK/race.err" &
  a=$!
  "$BIN" render --output-dir "$WORK/race" "$WORK/seven.yaml" > /dev/null 2>> "$WORK/race.err" &
  b=$!
  wait $a || true
  wait $b || true
  isvc=$(sed -n 's/^ *maxReplicas: //p' "$WORK"/race/*inferenceservice_*.yaml)
  so=$(sed -n 's/^ *maxReplicaCount: //p' "$WORK"/race/*scaledobject_*.yaml)
  [ -n "$isvc" ] && [ "$isvc" = "$so" ] || fail "run $i mixed two renders: InferenceService maxReplicas $isvc, ScaledObject maxReplicaCount $so"
  i=$((i + 1))
done
refused=$(grep -c "another run is writing" "$WORK/race.err" || true)
echo "20 racing pairs consistent; $refused runs refused by the lock"

# 3. A List item without metadata.name, passed through by --include-input.
cat > "$WORK/list.yaml" <<YAML
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  data: {a: b}
YAML
"$BIN" render --include-input --output-dir "$WORK/list" "$WORK/list.yaml" \
  || fail "a nameless List item failed --output-dir"
[ -f "$WORK/list/document-0-0_items_0.yaml" ] || fail "no file for the List item: $(ls -A "$WORK/list")"
grep -q "kind: ConfigMap" "$WORK/list/document-0-0_items_0.yaml" || fail "List item file lacks the ConfigMap"
echo "ok"
