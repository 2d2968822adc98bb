#!/usr/bin/env python3
"""lint's and render's progress line: shown on a terminal's stderr once a run passes ~1 s, never with -q,
never when stderr is not a terminal, never on a quick run.

The slow run is real: one input is a FIFO whose writer waits 1.5 s, so reading it blocks.
The terminal is util-linux script(1)'s pty (stdout and stderr both go to it).
Usage: progress.py BIN SRC WORK"""
import os, shutil, subprocess, sys, threading, time

BIN, SRC, WORK = sys.argv[1:4]
if shutil.which("script") is None:
    print("skipping: script(1) (util-linux) is not installed")
    sys.exit(0)
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
SAMPLE = os.path.join(SRC, "samples/keda-cpu-utilization.yaml")
FIRST = os.path.join(SRC, "tests/cli/data/duplicate-key.yaml")
FIFO = os.path.join(WORK, "slow.yaml")
env = dict(os.environ, NO_COLOR="1")
env.pop("GITHUB_ACTIONS", None)


def feed_later():
    if os.path.exists(FIFO):
        os.remove(FIFO)
    os.mkfifo(FIFO)

    def writer():
        time.sleep(1.5)
        with open(FIFO, "wb") as out, open(SAMPLE, "rb") as src:
            out.write(src.read())

    t = threading.Thread(target=writer)
    t.start()
    return t


def on_tty(args, slow, command="lint", first=FIRST):
    t = feed_later() if slow else None
    log = os.path.join(WORK, "tty.log")
    flags = ["--no-config"] if command == "lint" else []
    cmd = " ".join([BIN, command] + flags + args + [first] + ([FIFO] if slow else []))
    p = subprocess.run(["script", "-qec", cmd, log], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, env=env, timeout=60)
    if t:
        t.join()
    data = open(log, "rb").read()
    # script's own header and footer lines are not the command's output.
    body = data.split(b"\n", 1)[1]
    return p.returncode, body


LINE = b"\risvc-scale: linting 2/2 files"
rc, out = on_tty([], slow=True)
assert rc == 1, (rc, out)
assert b"\risvc-scale: reading 2/2 files" in out and LINE in out, out
# The line is wiped (spaces, back to column 0) before the findings and the summary.
wipe = b"\r" + b" " * len(LINE.strip()) + b"\r"
assert wipe in out and out.index(wipe) < out.index(b"duplicate-key.yaml:10:5: error:"), out
assert out.index(wipe) < out.index(b"isvc-scale: 2 files, 2 documents"), out

rc, out = on_tty(["-q"], slow=True)
assert rc == 1 and b"\risvc-scale:" not in out and b"isvc-scale: 2 files" not in out, out

rc, out = on_tty([], slow=False)
assert rc == 1 and b"\risvc-scale:" not in out and b"isvc-scale: 1 file, 1 document" in out, out

# render: the same line while it reads, checks and renders, wiped before the manifests.
rc, out = on_tty([], slow=True, command="render", first=os.path.join(SRC, "samples/fallback.yaml"))
assert rc == 0 and b"\risvc-scale: rendering 2/2 files" in out, out
assert out.rindex(b"\risvc-scale: rendering 2/2 files") < out.index(b"apiVersion:"), out
rc, out = on_tty([], slow=False, command="render", first=SAMPLE)
assert rc == 0 and b"\risvc-scale:" not in out, out
t = feed_later()
p = subprocess.run([BIN, "render", os.path.join(SRC, "samples/fallback.yaml"), FIFO], capture_output=True, env=env,
                   timeout=60)
t.join()
# (render's own notes may be there; no progress line ever is)
assert p.returncode == 0 and b"\r" not in p.stderr and b"rendering" not in p.stderr, p.stderr
assert p.stdout.startswith(b"# Source: "), p.stdout

# Not a terminal: stderr is exactly the summary line, however slow the run.
t = feed_later()
start = time.monotonic()
p = subprocess.run([BIN, "lint", "--no-config", FIRST, FIFO], capture_output=True, env=env,
                   timeout=60)
t.join()
assert time.monotonic() - start > 1.2, "the run was not slow"
assert p.returncode == 1 and \
    p.stderr == b"isvc-scale: 2 files, 2 documents: 1 error, 0 warnings, 1 note\n", p.stderr
print("progress ok: shown on a slow terminal run only")
