#!/usr/bin/env python3
"""The README's snippets, run with the built binary (issue 11, "Use it with...").

1. Every `isvc-scale` command line in a README code block runs on samples: exit 0 or 1, never
   2 (a usage error, an unknown flag, a path the README gets wrong). Paths it names are made
   from samples; a Prometheus URL points at a closed port (check then reports, exit 1).
2. The "Use it with..." snippets where the client is here: the kustomize block with the real
   `kubectl kustomize --enable-alpha-plugins`, the pre-commit config with the real pre-commit,
   the GitLab job's script (JUnit checked by xmllint against the Jenkins schema), the GitHub
   steps' run lines, the Argo CD plugin's generate command, Helm's post-renderer arguments, and
   `lint --diff` through the real patch.
Usage: readme_snippets.py BIN SRC WORK"""
import json, os, re, shlex, shutil, subprocess, sys
import yaml

BIN, SRC, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
README = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()
SAMPLE = os.path.join(SRC, "samples/seed-003-scale-to-zero.yaml")
TRACE = os.path.join(SRC, "samples/traces/seed-003-replay.csv")
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
bindir = os.path.join(WORK, "bin")
os.makedirs(bindir)
os.symlink(BIN, os.path.join(bindir, "isvc-scale"))
ENV = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], NO_COLOR="1",
           XDG_CONFIG_HOME=os.path.join(WORK, "xdg"), HOME=os.path.join(WORK, "home"))
ENV.pop("GITHUB_ACTIONS", None)
ran = []


def blocks(lang=None):
    for m in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.S | re.M):
        if lang is None or m.group(1) == lang:
            yield m.group(1), m.group(2)


def section(title):
    """The first code block after the bold `title` in "Use it with..."."""
    start = README.index("### Use it with")
    at = README.index(f"**{title}**", start)
    m = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M).search(README, at)
    return m.group(2)


def fresh(name, manifests=True):
    d = os.path.join(WORK, name)
    os.makedirs(d)
    if manifests:
        os.makedirs(os.path.join(d, "manifests"))
        shutil.copy(SAMPLE, os.path.join(d, "manifests", "model.yaml"))
        shutil.copy(os.path.join(SRC, "samples/fallback.yaml"), os.path.join(d, "manifests"))
    return d


def sh(script, cwd, want=(0,), stdin=None):
    p = subprocess.run(["sh", "-ec", script], cwd=cwd, env=ENV, capture_output=True, text=True,
                       input=stdin, timeout=120)
    assert p.returncode in want, f"{script!r}: exit {p.returncode}\n{p.stdout}\n{p.stderr}"
    ran.append(script.splitlines()[0])
    return p


# 1. Every isvc-scale command line.
def command_lines():
    for lang, body in blocks():
        body = body.replace("\\\n", " ")
        for line in body.splitlines():
            line = re.sub(r"^\s*(- )?(run: |script: )?(- )?", "", line)
            if not line.startswith("isvc-scale "):
                continue
            line = re.split(r"\s+#\s", line)[0]  # a trailing comment
            yield re.split(r"\s[|<>;]", line)[0].strip()


VALUE_FLAGS = {"--svg", "--output-dir", "--format", "-f", "-o", "--mode", "--shape", "--fail-on",
               "--prometheus", "--stdin-filename"}
lines = sorted(set(command_lines()))
assert len(lines) >= 15, lines
for i, line in enumerate(lines):
    argv = shlex.split(line)
    d = fresh(f"cmd-{i}", manifests=False)
    for k, tok in enumerate(argv[1:], 1):
        prev = argv[k - 1]
        if prev == "--prometheus":
            argv[k] = "http://127.0.0.1:9"  # closed: check reports each query as failed
        elif prev in VALUE_FLAGS or tok.startswith("-"):
            continue
        elif tok.endswith("/") or tok == "manifests":
            os.makedirs(os.path.join(d, tok), exist_ok=True)
            shutil.copy(SAMPLE, os.path.join(d, tok, "model.yaml"))
        elif tok.endswith((".yaml", ".yml")):
            shutil.copy(SAMPLE, os.path.join(d, tok))
        elif tok.endswith(".csv"):
            shutil.copy(TRACE, os.path.join(d, tok))
    argv[0] = BIN
    p = subprocess.run(argv, cwd=d, env=ENV, capture_output=True, text=True, timeout=120)
    assert p.returncode in (0, 1), f"{line}: exit {p.returncode}\n{p.stderr}"
print(f"{len(lines)} isvc-scale command lines run, none a usage error")

# 2a. kubectl: the left side of each pipe.
for line in section("kubectl").splitlines():
    d = fresh(f"kubectl-{len(ran)}")
    sh(line.split(" | ")[0] + " > out.yaml", d)
    assert "kind: ScaledObject" in open(os.path.join(d, "out.yaml")).read()

# 2b. GitHub: each run line of the workflow steps.
d = fresh("github")
shutil.copy(os.path.join(SRC, "tests/cli/data/duplicate-key.yaml"), os.path.join(d, "manifests"))
for step in yaml.safe_load(section("GitHub code scanning")):
    if "run" in step:
        sh(step["run"], d, want=(0, 1))
sarif = json.load(open(os.path.join(d, "isvc-scale.sarif")))
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]}
assert "manifests/duplicate-key.yaml" in uris, uris

# 2c. GitLab: the job's script, line by line as the runner does; the artifacts it names exist.
d = fresh("gitlab")
shutil.copy(os.path.join(SRC, "tests/cli/data/duplicate-key.yaml"), os.path.join(d, "manifests"))
job = yaml.safe_load(section("GitLab"))["isvc-scale"]
for i, line in enumerate(job["script"]):
    last = i == len(job["script"]) - 1
    sh(line, d, want=(1,) if last else (0,))  # the last line fails the job on the error
reports = job["artifacts"]["reports"]
xml = os.path.join(d, reports["junit"])
if shutil.which("xmllint"):
    sh(f"xmllint --noout --schema {SRC}/tests/fixtures/xsd/junit-10.xsd {xml}", d)
cq = json.load(open(os.path.join(d, reports["codequality"])))
assert any(i["check_name"] == "yaml-duplicate-key" and
           i["location"] == {"path": "manifests/duplicate-key.yaml", "lines": {"begin": 10}}
           for i in cq), cq

# 2d. kustomize: the whole block with the real kubectl; the cluster side of the pipe dropped.
if shutil.which("kubectl"):
    d = fresh("kustomize", manifests=False)
    shutil.copy(SAMPLE, os.path.join(d, "model.yaml"))
    script = section("kustomize").replace(" | kubectl apply -f -", " > out.yaml")
    sh(script, d)
    out = list(yaml.safe_load_all(open(os.path.join(d, "out.yaml"))))
    kinds = sorted(o["kind"] for o in out)
    assert kinds == ["InferenceService", "ScaledObject"], kinds
    isvc = next(o for o in out if o["kind"] == "InferenceService")
    assert isvc["metadata"]["annotations"]["serving.kserve.io/autoscalerClass"] == "external", isvc
else:
    print("kustomize block not run: kubectl is not installed")

# 2e. Helm: the post-renderer command line Helm builds from --post-renderer(-args).
helm = shlex.split(section("Helm").replace("\\\n", " "))
post = [helm[helm.index("--post-renderer") + 1]] + \
    [helm[k + 1] for k, t in enumerate(helm) if t == "--post-renderer-args"]
stream = open(os.path.join(SRC, "tests/cli/data/post-render/helm-template.yaml"), "rb").read()
p = subprocess.run(post, env=ENV, input=stream, capture_output=True, timeout=60)  # bytes: CRLF kept
assert p.returncode == 0, p.stderr
assert p.stdout.startswith(stream) and b"kind: ScaledObject" in p.stdout[len(stream):], p.stdout
ran.append(" ".join(post))

# 2f. Argo CD: the plugin's generate command, in the Application's source directory.
cm = yaml.safe_load(section("Argo CD"))
plugin = yaml.safe_load(cm["data"]["plugin.yaml"])
assert (plugin["apiVersion"], plugin["kind"]) == ("argoproj.io/v1alpha1", "ConfigManagementPlugin")
cmd = plugin["spec"]["generate"]["command"] + plugin["spec"]["generate"].get("args", [])
d = fresh("argocd")
shutil.copy(os.path.join(SRC, "tests/cli/data/no-objects/deployment.yaml"),
            os.path.join(d, "manifests", "other.yaml"))
p = sh(" ".join(shlex.quote(c) for c in cmd), os.path.join(d, "manifests"))
docs = [x for x in yaml.safe_load_all(p.stdout) if x]
assert {"InferenceService", "ScaledObject", "Deployment"} <= {x["kind"] for x in docs}, p.stdout

# 2g. pre-commit: the config, with this checkout as the repository, on a bad and a good file.
src_rev = ""
if shutil.which("git"):
    src_rev = subprocess.run(["git", "-C", SRC, "rev-parse", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
if shutil.which("pre-commit") and src_rev:
    d = fresh("pre-commit", manifests=False)
    config = section("pre-commit").replace("<git URL of this repository>", SRC) \
        .replace("<tag or commit>", src_rev)
    open(os.path.join(d, ".pre-commit-config.yaml"), "w").write(config)
    shutil.copy(os.path.join(SRC, "tests/cli/data/pre-commit-bad.yaml"), d)
    shutil.copy(SAMPLE, os.path.join(d, "good.yaml"))
    env = dict(ENV, PRE_COMMIT_HOME=os.path.join(WORK, "pre-commit-home"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    for args in (["git", "init", "-q", "."], ["git", "add", "."]):
        subprocess.run(args, cwd=d, env=env, check=True)
    p = subprocess.run(["pre-commit", "run", "--files", "good.yaml"], cwd=d, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    p = subprocess.run(["pre-commit", "run", "--files", "pre-commit-bad.yaml"], cwd=d, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1 and "pre-commit-bad.yaml:10:18: error:" in p.stdout, p.stdout
    ran.append("pre-commit run")
else:
    print("pre-commit config not run: no pre-commit, or the source is not a git checkout")

# 2h. patch: lint --diff's output applies, and a second lint --diff finds nothing to fix.
if shutil.which("patch"):
    d = fresh("patch")
    fixable = os.path.join(d, "manifests", "fixable.yaml")
    shutil.copy(os.path.join(SRC, "tests/rules/keda-deprecated-metric-name/fires.yaml"), fixable)
    before = open(fixable).read()
    diff_line, patch_line = section("patch").splitlines()
    sh(diff_line, d, want=(1,))
    sh(patch_line, d)
    after = open(fixable).read()
    assert after != before and "metricName: vllm:num_requests_waiting" not in after, after
    sh(diff_line, d, want=(0,))  # nothing left to fix
else:
    print("patch block not run: patch is not installed")
print("readme snippets ok:", len(ran), "snippet lines run")
