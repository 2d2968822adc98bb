# Machine-readable lint outputs are valid for their consumers:
#  sarif  -> validates against the official SARIF 2.1.0 schema, real regions, rule metadata
#  json   -> the documented, versioned envelope and finding fields
#  junit  -> well-formed XML, one testcase per file, failing at or above --fail-on
#  github -> workflow commands with file/line/col
#  codequality -> GitLab Code Quality fields, unique fingerprints that survive moved lines
# Usage: cmake -DBIN=... -DSRC=... -DPYTHON=... -DWORK=... -P formats.cmake
file(MAKE_DIRECTORY "${WORK}")
set(input "${SRC}/tests/cli/data/pre-commit-bad.yaml")
foreach(fmt sarif json junit github codequality)
  execute_process(COMMAND "${BIN}" lint -f ${fmt} "${input}" RESULT_VARIABLE rc
                  OUTPUT_FILE "${WORK}/out.${fmt}" ERROR_VARIABLE err)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "${fmt}: exit ${rc}, want 1\n${err}")
  endif()
endforeach()
set(check [=[
import json, sys, xml.etree.ElementTree as ET
import jsonschema
work, schema = sys.argv[1], sys.argv[2]
sarif = json.load(open(work + "/out.sarif"))
jsonschema.validate(sarif, json.load(open(schema)))
run = sarif["runs"][0]
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
assert run["results"], "no SARIF results"
for res in run["results"]:
    assert res["ruleId"] in rules, res["ruleId"]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
regions = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in run["results"]}
assert ("kserve-replicas", 10, 18) in regions, regions
report = json.load(open(work + "/out.json"))
assert list(report.keys()) == ["tool", "version", "schemaVersion", "findings", "summary"], report
assert (report["tool"], report["schemaVersion"]) == ("isvc-scale", 1), report
findings = report["findings"]
assert report["summary"] == {"errors": sum(f["severity"] == "error" for f in findings),
                             "warnings": sum(f["severity"] == "warning" for f in findings),
                             "notes": sum(f["severity"] == "note" for f in findings),
                             "files": 1}, report["summary"]
keys = ["file", "line", "column", "severity", "rule", "message", "fix", "pointer", "doc",
        "apiVersion", "kind", "namespace", "name"]
assert findings and all(list(f.keys()) == keys for f in findings), findings
f = next(x for x in findings if x["rule"] == "kserve-replicas")
assert (f["line"], f["column"], f["rule"], f["pointer"], f["doc"], f["kind"], f["name"]) == \
    (10, 18, "kserve-replicas", "/spec/predictor/minReplicas", 0, "InferenceService", "bad-model"), f
suite = ET.parse(work + "/out.junit").getroot()
assert suite.tag == "testsuites" and (suite.get("tests"), suite.get("failures")) == ("1", "1")
cases = suite.findall("./testsuite/testcase")
assert len(cases) == 1 and cases[0].find("failure") is not None, ET.tostring(suite)
errors = [f for f in findings if f["severity"] == "error"]
assert cases[0].find("failure").text.count(": error: ") == len(errors), ET.tostring(suite)
gh = open(work + "/out.github").read().splitlines()
assert any(l.startswith("::error file=") and ",line=10,col=18,title=kserve-replicas::" in l for l in gh), gh
cq = json.load(open(work + "/out.codequality"))
assert len(cq) == len(findings), (len(cq), len(findings))
assert all(list(i.keys()) == ["description", "check_name", "fingerprint", "severity", "location"]
           for i in cq), cq
assert len({i["fingerprint"] for i in cq}) == len(cq), "fingerprints are not unique"
assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in cq] == \
    [(f["rule"], f["line"]) for f in findings]
want = {"error": "major", "warning": "minor", "note": "info"}
assert [i["severity"] for i in cq] == [want[f["severity"]] for f in findings]
# A comment line above every finding moves each line by one, never a fingerprint.
import subprocess
text = open(sys.argv[3], encoding="utf-8").read()
def cq_of(body):
    p = subprocess.run([sys.argv[4], "lint", "--no-config", "-q", "-f", "codequality",
                        "--stdin-filename", "m.yaml", "-"], input=body, capture_output=True,
                       text=True)
    return json.loads(p.stdout)
a, b = cq_of(text), cq_of("# moved\n" + text)
assert [i["fingerprint"] for i in a] == [i["fingerprint"] for i in b], (a, b)
assert [i["location"]["lines"]["begin"] + 1 for i in a] == \
    [i["location"]["lines"]["begin"] for i in b]
print("formats ok:", len(findings), "finding(s)")
]=])
file(WRITE "${WORK}/check.py" "${check}")
execute_process(COMMAND "${PYTHON}" "${WORK}/check.py" "${WORK}" "${SRC}/tests/fixtures/sarif-schema-2.1.0.json"
                        "${input}" "${BIN}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${out}${err}")
endif()
message("${out}")
