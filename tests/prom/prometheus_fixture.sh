#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CTest fixture: `start WORK PYTHON` backfills a TSDB from the OpenMetrics fixture
# (gen_openmetrics.py), starts Debian's prometheus on 127.0.0.1 at a free port with a
# config that scrapes nothing and waits for /-/ready; `stop WORK` stops it.
# Without prometheus/promtool, start writes WORK/skip and the tests report "skipping".
set -eu
cmd=$1
work=$2
here=$(dirname "$0")
if [ "$cmd" = stop ]; then
  if [ -f "$work/pid" ]; then
    pid=$(cat "$work/pid")
    kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$work/pid"
  fi
  exit 0
fi
python=$3
rm -rf "$work"
mkdir -p "$work"
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  echo "prometheus/promtool not installed (apt-get install prometheus)" > "$work/skip"
  echo "skipping: $(cat "$work/skip")"
  exit 0
fi
"$python" "$here/gen_openmetrics.py" > "$work/fixture.om"
promtool tsdb create-blocks-from openmetrics "$work/fixture.om" "$work/data" > "$work/backfill.log"
printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' > "$work/prometheus.yml"
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Backfilled blocks lie in the past: a retention of 100 years keeps them. The default
# 5m lookback delta is what the scenarios' slot spacing assumes.
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --storage.tsdb.retention.time=100y --query.lookback-delta=5m \
  --web.listen-address="127.0.0.1:$port" > "$work/prometheus.log" 2>&1 < /dev/null &
echo $! > "$work/pid"
echo "http://127.0.0.1:$port" > "$work/url"
i=0
while [ $i -lt 300 ]; do
  if "$python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/-/ready', timeout=1)" "http://127.0.0.1:$port" 2>/dev/null; then
    echo "prometheus ready at http://127.0.0.1:$port"
    exit 0
  fi
  if ! kill -0 "$(cat "$work/pid")" 2>/dev/null; then break; fi
  sleep 0.1
  i=$((i + 1))
done
echo "prometheus did not become ready:" >&2
cat "$work/prometheus.log" >&2
"$0" stop "$work"
exit 1
