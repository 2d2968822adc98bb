# End-to-end CLI tests: exit codes, messages, "did you mean".
set(BIN $<TARGET_FILE:isvc-scale>)
set(EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect.cmake)
function(isvc_cli_test name)
  cmake_parse_arguments(T "STDOUT_EMPTY" "EXIT;STDERR;STDOUT;STDIN" "ARGS" ${ARGN})
  add_test(NAME cli-${name}
    COMMAND ${CMAKE_COMMAND} "-DBIN=${BIN}" "-DARGS=${T_ARGS}" "-DEXIT=${T_EXIT}"
            "-DSTDERR=${T_STDERR}" "-DSTDOUT=${T_STDOUT}" "-DSTDOUT_EMPTY=${T_STDOUT_EMPTY}"
            "-DSTDIN=${T_STDIN}" -P ${EXPECT}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()

isvc_cli_test(version ARGS --version EXIT 0 STDOUT "^0\\.1\\.0")
isvc_cli_test(help ARGS --help EXIT 0 STDOUT "render.*lint.*rules")
isvc_cli_test(render-help ARGS render --help EXIT 0 STDOUT "--mode")
isvc_cli_test(unknown-command ARGS rendr x.yaml EXIT 2 STDERR "unknown argument 'rendr' \\(did you mean 'render'\\?\\)")
isvc_cli_test(unknown-flag ARGS render --mdoe kserve samples EXIT 2 STDERR "did you mean '--mode'")
isvc_cli_test(bad-mode ARGS render --mode knative samples EXIT 2 STDERR "knative")
isvc_cli_test(render-missing-file ARGS render no/such.yaml EXIT 2 STDOUT_EMPTY
  STDERR "no/such.yaml:1:1: error: no such file or directory \\[io-unreadable\\]")
isvc_cli_test(render-broken-doc ARGS render tests/cli/data/broken-second-doc.yaml EXIT 2 STDOUT_EMPTY
  STDERR "tests/cli/data/broken-second-doc.yaml:[0-9]+:[0-9]+: error: .*\\[yaml-syntax\\]")
isvc_cli_test(render-duplicate-key ARGS render tests/cli/data/duplicate-key.yaml EXIT 1 STDOUT_EMPTY
  STDERR "duplicate-key.yaml:10:5: error: duplicate key \"minReplicas\" \\(first defined at line 9, column 5\\) \\[yaml-duplicate-key\\]")
isvc_cli_test(render-one-bad-input-renders-nothing
  ARGS render samples/keda-cpu-utilization.yaml tests/cli/data/broken-second-doc.yaml EXIT 2 STDOUT_EMPTY)
isvc_cli_test(render-stdin ARGS render - --mode kserve STDIN samples/keda-cpu-utilization.yaml EXIT 0
  STDOUT "# Source: <stdin>#0")
isvc_cli_test(render-json ARGS render -o json samples/keda-cpu-utilization.yaml EXIT 0
  STDOUT "\"kind\": \"List\"")
isvc_cli_test(render-knative-note ARGS render --mode kserve samples/knative-kpa-concurrency.yaml
  EXIT 0 STDOUT_EMPTY STDERR "Knative's KPA owns scaling")
isvc_cli_test(render-webhook-refusal ARGS render --mode kserve tests/cli/data/keda-cpu-averagevalue.yaml
  EXIT 1 STDOUT_EMPTY STDERR "keda-cpu-averagevalue.yaml:[0-9]+:[0-9]+: error: the cpu target value type should be Utilization")
