# JUnit output validates against the Jenkins JUnit schema (tests/fixtures/xsd/junit-10.xsd, from
# jenkinsci/xunit-plugin): errors and time on the suites, a lint finding is a <failure>, a file
# isvc-scale cannot parse is an <error>, a clean file an empty testcase.
file(MAKE_DIRECTORY "${WORK}")
execute_process(COMMAND "${BIN}" lint --no-config --format junit tests/cli/data/duplicate-key.yaml
                        tests/cli/data/broken-second-doc.yaml tests/cli/data/null-values.yaml
                WORKING_DIRECTORY "${SRC}" OUTPUT_FILE "${WORK}/out.xml" RESULT_VARIABLE rc
                ERROR_QUIET)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "lint exit ${rc}, want 2 (a file does not parse)")
endif()
execute_process(COMMAND xmllint --noout --schema "${SRC}/tests/fixtures/xsd/junit-10.xsd"
                        "${WORK}/out.xml" RESULT_VARIABLE rc ERROR_VARIABLE msg)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "JUnit output fails the Jenkins XSD:\n${msg}")
endif()
file(READ "${WORK}/out.xml" xml)
foreach(want
    "<testsuites name=\"isvc-scale\" tests=\"3\" failures=\"1\" errors=\"1\" time=\"0\">"
    "<testsuite name=\"isvc-scale lint\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\" time=\"0\">"
    "<testcase classname=\"isvc-scale.lint\" name=\"tests/cli/data/duplicate-key.yaml\" time=\"0\">\n      <failure type=\"yaml-duplicate-key\""
    "<testcase classname=\"isvc-scale.lint\" name=\"tests/cli/data/broken-second-doc.yaml\" time=\"0\">\n      <error type=\"yaml-syntax\""
    "<testcase classname=\"isvc-scale.lint\" name=\"tests/cli/data/null-values.yaml\" time=\"0\"/>")
  string(FIND "${xml}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "JUnit output lacks: ${want}\n${xml}")
  endif()
endforeach()
message("JUnit output validates against junit-10.xsd")
