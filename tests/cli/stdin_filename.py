"""--stdin-filename names the input read from `-` in every output of lint (and in render's
diagnostics and # Source: lines); github and SARIF paths are repository-relative without ./,
also for absolute paths under the current directory.
Usage: python3 stdin_filename.py BIN   (run from the source tree)"""
import json, os, subprocess, sys

BIN = sys.argv[1]
DUP = "tests/cli/data/duplicate-key.yaml"
MSG = 'duplicate key "minReplicas" (first defined at line 9, column 5)'
FIX = "Remove or rename the repeated key; YAML readers disagree on which value wins."
env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}


def run(*args, stdin=DUP, want=1):
    with open(stdin, "rb") as f:
        p = subprocess.run([BIN, *args], stdin=f, capture_output=True, env=env)
    assert p.returncode == want, (args, p.returncode, p.stderr)
    return p.stdout.decode(), p.stderr.decode()


def lint(fmt, name, *paths):
    return run("lint", "--no-config", "-q", "-f", fmt, *(("--stdin-filename", name) if name else ()),
               *(paths or ("-",)))[0]


def github(path):
    return (f"::error file={path},line=10,col=5,title=yaml-duplicate-key::{MSG}%0Afix: {FIX}\n")


# text and junit keep the name as given; github and SARIF make it repository-relative.
out = lint("text", "./charts/model.yaml")
assert out.startswith(f"./charts/model.yaml:10:5: error: {MSG} [yaml-duplicate-key]\n"), out
assert lint("github", "./charts/model.yaml") == github("charts/model.yaml")
assert lint("github", None) == github("<stdin>")
here = os.getcwd()
assert lint("github", here + "/charts/../charts/model.yaml") == github("charts/model.yaml")
# Absolute paths under the current directory, given as PATH, are relative too; others stay.
assert lint("github", None, here + "/" + DUP) == github(DUP)
assert lint("github", "/elsewhere/model.yaml") == github("/elsewhere/model.yaml")

sarif = json.loads(lint("sarif", "./charts/model.yaml"))
(res,) = sarif["runs"][0]["results"]
loc = res["locations"][0]["physicalLocation"]
assert loc == {"artifactLocation": {"uri": "charts/model.yaml"},
               "region": {"startLine": 10, "startColumn": 5}}, loc

findings = json.loads(lint("json", "./charts/model.yaml"))
findings = findings["findings"] if isinstance(findings, dict) else findings
assert [(f["file"], f["line"], f["column"], f["rule"]) for f in findings] == \
    [("./charts/model.yaml", 10, 5, "yaml-duplicate-key")], findings

junit = lint("junit", "charts/model.yaml")
assert '<testcase classname="isvc-scale.lint" name="charts/model.yaml" time="0">' in junit, junit
assert f'>charts/model.yaml:10:5: error: {MSG.replace(chr(34), "&quot;")} [yaml-duplicate-key]' \
    in junit, junit

# render: the refusal and the # Source: comment name it too.
out, err = run("render", "--stdin-filename", "chart.yaml", "-")
assert out == "" and err.startswith(f"chart.yaml:10:5: error: {MSG} [yaml-duplicate-key]\n"), err
out, _ = run("render", "--stdin-filename", "chart.yaml", "-",
             stdin="samples/keda-cpu-utilization.yaml", want=0)
assert out.startswith("# Source: chart.yaml#0\n"), out
out, err = run("render", "--post-render", "--stdin-filename", "templates/isvc.yaml")
assert out == "" and err.startswith(f"templates/isvc.yaml:10:5: error: {MSG}"), err
# check: the refusal names it (no query is sent for a refused input).
out, err = run("check", "--prometheus", "http://127.0.0.1:9", "--stdin-filename", "x.yaml", "-")
assert f"x.yaml:10:5: error: {MSG} [yaml-duplicate-key]\n" in out + err, out + err
# SARIF keeps a suppressed finding with suppressions (kind inSource) and names helpUri per rule.
out = subprocess.run([BIN, "lint", "--no-config", "-q", "-f", "sarif", "tests/cli/data/suppressed.yaml"],
                     capture_output=True, env=env, check=True).stdout
run_ = json.loads(out)["runs"][0]
(res,) = run_["results"]
assert res["suppressions"] == [{"kind": "inSource", "status": "accepted",
    "justification": "load test: we want 150% on purpose",
    "location": {"physicalLocation": {"artifactLocation": {"uri": "tests/cli/data/suppressed.yaml"},
                                      "region": {"startLine": 8, "startColumn": 5}}},
    "properties": {"annotation": "ignore-check.isvc-scale.io/kserve-utilization-range"}}], res
assert all(r["helpUri"] == "man:isvc-scale-rules(7)#" + r["id"] for r in run_["tool"]["driver"]["rules"])
print("stdin-filename ok")
