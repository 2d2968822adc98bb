# Machine-readable lint outputs are valid for their consumers:
#  sarif  -> validates against the official SARIF 2.1.0 schema, real regions, rule metadata
#  json   -> the documented, versioned envelope and finding fields
#  junit  -> well-formed XML, one testcase per file, failing at or above --fail-on
#  github -> workflow commands with file/line/col
# Usage: cmake -DBIN=... -DSRC=... -DPYTHON=... -DWORK=... -P formats.cmake
file(MAKE_DIRECTORY "${WORK}")
set(input "${SRC}/tests/cli/data/pre-commit-bad.yaml")
foreach(fmt sarif json junit github)
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
print("formats ok:", len(findings), "finding(s)")
]=])
file(WRITE "${WORK}/check.py" "${check}")
execute_process(COMMAND "${PYTHON}" "${WORK}/check.py" "${WORK}" "${SRC}/tests/fixtures/sarif-schema-2.1.0.json"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${out}${err}")
endif()
message("${out}")
