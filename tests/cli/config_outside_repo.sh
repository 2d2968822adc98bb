#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A `.isvc-scale.yaml` in a parent directory outside the repository (no .git between it
# and the cwd), or owned by another user, is named on stderr and ignored; --config uses it.
# Usage: config_outside_repo.sh <isvc-scale> <source dir>   (works in a fresh dir under $TMPDIR)
set -eu
BIN=$1 SRC=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/isvc-config-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
d=$WORK
while [ "$d" != / ]; do
  [ ! -e "$d/.git" ] || { echo "skipping: $WORK is inside the repository $d"; exit 0; }
  d=$(dirname "$d")
done
mkdir -p "$WORK/outer/inner"
fail() { echo "FAIL: $*"; exit 1; }
# The config turns kserve-replicas (the bad file's only finding) off.
printf 'disable: [kserve-replicas]\n' > "$WORK/outer/.isvc-scale.yaml"
cp "$SRC/tests/cli/data/pre-commit-bad.yaml" "$WORK/outer/inner/bad.yaml"
lint() { # expected exit, then lint arguments; runs in outer/inner
  set +e
  (cd "$WORK/outer/inner" && "$BIN" lint "$@" bad.yaml > "$WORK/out" 2> "$WORK/err")
  rc=$?
  set -e
}

# No repository at all: the parent's config is outside it.
lint
[ "$rc" = 1 ] || fail "parent config outside a repository was used (exit $rc)"
grep -q "note: ignoring $WORK/outer/.isvc-scale.yaml: it is outside the repository" "$WORK/err" \
  || fail "ignored config not named: $(cat "$WORK/err")"
lint --config ../.isvc-scale.yaml
[ "$rc" = 0 ] || fail "--config naming it was not used (exit $rc)"

# The repository root is inner/: outer/ is above it.
mkdir "$WORK/outer/inner/.git"
lint
[ "$rc" = 1 ] || fail "config above the repository root was used (exit $rc)"

# The repository root is outer/: its config is inside, and used silently.
rmdir "$WORK/outer/inner/.git"
mkdir "$WORK/outer/.git"
lint
[ "$rc" = 0 ] || fail "config at the repository root was not used (exit $rc)"
[ ! -s "$WORK/err" ] || grep -qv "ignoring" "$WORK/err" || fail "unexpected note: $(cat "$WORK/err")"

# Owned by another user (root can make it so; others skip this part).
if [ "$(id -u)" = 0 ]; then
  chown 65534 "$WORK/outer/.isvc-scale.yaml"
  lint
  [ "$rc" = 1 ] || fail "config owned by another user was used (exit $rc)"
  grep -q "ignoring $WORK/outer/.isvc-scale.yaml: it is owned by another user" "$WORK/err" \
    || fail "foreign config not named: $(cat "$WORK/err")"
  lint --config ../.isvc-scale.yaml
  [ "$rc" = 0 ] || fail "--config naming the foreign config was not used (exit $rc)"
else
  echo "not root: the other-owner case is not checked"
fi
echo ok
