# End-to-end CLI tests: exit codes, messages, "did you mean".
set(BIN $<TARGET_FILE:isvc-scale>)
set(EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect.cmake)
function(isvc_cli_test name)
  cmake_parse_arguments(T "STDOUT_EMPTY" "EXIT;STDERR;STDOUT;STDIN;STDOUT_FILE;SET_ENV" "ARGS" ${ARGN})
  add_test(NAME cli-${name}
    COMMAND ${CMAKE_COMMAND} "-DBIN=${BIN}" "-DARGS=${T_ARGS}" "-DEXIT=${T_EXIT}"
            "-DSTDERR=${T_STDERR}" "-DSTDOUT=${T_STDOUT}" "-DSTDOUT_EMPTY=${T_STDOUT_EMPTY}"
            "-DSTDIN=${T_STDIN}" "-DSTDOUT_FILE=${T_STDOUT_FILE}" "-DSET_ENV=${T_SET_ENV}" -P ${EXPECT}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()

isvc_cli_test(version ARGS --version EXIT 0 STDOUT "^isvc-scale 0\\.1\\.0\ntargets:\n  KServe v0\\.20\\.0 [^\n]*\n  KEDA v2\\.20\\.2 ")
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
isvc_cli_test(lint-null-values-are-unset ARGS lint --no-config tests/cli/data/null-values.yaml
  EXIT 0 STDOUT_EMPTY)
isvc_cli_test(lint-merge-keys-apply ARGS lint --no-config tests/cli/data/merge-keys.yaml
  EXIT 0 STDOUT_EMPTY)
isvc_cli_test(render-merge-keys-apply ARGS render --mode kserve tests/cli/data/merge-keys.yaml
  EXIT 0 STDOUT "team: ml\n +tier: gpu")
isvc_cli_test(render-stdin ARGS render - --mode kserve STDIN samples/keda-cpu-utilization.yaml EXIT 0
  STDOUT "# Source: <stdin>#0")
isvc_cli_test(render-json ARGS render -o json samples/keda-cpu-utilization.yaml EXIT 0
  STDOUT "\"kind\": \"List\"")
isvc_cli_test(render-knative-note ARGS render --mode kserve samples/knative-kpa-concurrency.yaml
  EXIT 0 STDOUT_EMPTY STDERR "Knative's KPA owns scaling")
isvc_cli_test(render-webhook-refusal ARGS render --mode kserve tests/cli/data/keda-cpu-averagevalue.yaml
  EXIT 1 STDOUT_EMPTY STDERR "keda-cpu-averagevalue.yaml:[0-9]+:[0-9]+: error: the cpu target value type should be Utilization")
if(EXISTS /dev/full)
  isvc_cli_test(render-stdout-full ARGS render samples/fallback.yaml STDOUT_FILE /dev/full
    EXIT 2 STDERR "isvc-scale: error: cannot write to standard output")
  isvc_cli_test(lint-stdout-full ARGS lint --no-config tests/cli/data/pre-commit-bad.yaml
    STDOUT_FILE /dev/full EXIT 2 STDERR "isvc-scale: error: cannot write to standard output")
endif()
isvc_cli_test(render-namespace-not-dns-label ARGS render --namespace ../x samples/fallback.yaml
  EXIT 2 STDOUT_EMPTY STDERR "--namespace \"../x\" is not a namespace name")
isvc_cli_test(render-unknown-mode-note ARGS render tests/cli/data/unknown-mode.yaml EXIT 0
  STDOUT_EMPTY STDERR "\"Stndard\" is not a mode KServe knows")

# lint control: suppression annotation, config discovery, flags, rules commands
isvc_cli_test(lint-clean ARGS lint samples/keda-cpu-utilization.yaml EXIT 0)
isvc_cli_test(lint-findings ARGS lint tests/cli/data/pre-commit-bad.yaml EXIT 1
  STDOUT "pre-commit-bad.yaml:10:18: error: 'MinReplicas' cannot be greater than MaxReplicas \\[kserve-replicas\\]\n   10 \\|     minReplicas: 4\n      \\|                  \\^\n  fix: ")
isvc_cli_test(lint-suppressed ARGS lint --no-config tests/cli/data/suppressed.yaml EXIT 0 STDOUT_EMPTY)
isvc_cli_test(lint-disable ARGS lint --disable kserve-replicas tests/cli/data/pre-commit-bad.yaml EXIT 0)
isvc_cli_test(lint-disable-typo ARGS lint --disable kserve-replica samples EXIT 2
  STDERR "unknown rule 'kserve-replica' \\(did you mean 'kserve-replicas'\\?\\)")
isvc_cli_test(lint-config-typo ARGS lint --config tests/cli/data/bad-config.yaml samples EXIT 2
  STDERR "bad-config.yaml:1:11: unknown rule 'kserve-replica' \\(did you mean 'kserve-replicas'\\?\\)")
isvc_cli_test(lint-config-explicit ARGS lint --config tests/cli/data/config-project/.isvc-scale.yaml
  tests/cli/data/pre-commit-bad.yaml EXIT 0)
isvc_cli_test(lint-stdin ARGS lint - STDIN tests/cli/data/pre-commit-bad.yaml EXIT 1
  STDOUT "<stdin>:10:18: error: ")
isvc_cli_test(lint-unparsable ARGS lint tests/cli/data/broken-second-doc.yaml EXIT 2 STDOUT "\\[yaml-syntax\\]")
isvc_cli_test(rules-list ARGS rules list EXIT 0 STDOUT "kserve-replicas +error")
isvc_cli_test(rules-explain ARGS rules explain kserve-replicas EXIT 0 STDOUT "Why: .*Fix: .*Example that triggers it")
isvc_cli_test(rules-explain-typo ARGS rules explain kserve-replica EXIT 2
  STDERR "did you mean 'kserve-replicas'")
add_test(NAME cli-lint-config-discovered
  COMMAND ${CMAKE_COMMAND} "-DBIN=${BIN}" "-DARGS=lint;bad.yaml" "-DEXIT=0" -P ${EXPECT}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/tests/cli/data/config-project/sub)

# Seed 003's hand-written ScaledObjects: bare query, deprecated metricName, and the
# same ScaledObject defined twice (the tutorial's two versions) are all reported with positions.
isvc_cli_test(lint-seed-003-scaledobjects ARGS lint tests/cli/data/seed-003-scaledobjects.yaml EXIT 1
  STDOUT "seed-003-scaledobjects.yaml:18:9: warning: metricName \"vllm:num_requests_waiting\" is deprecated.*seed-003-scaledobjects.yaml:19:16: error: query \"vllm:num_requests_waiting\" is not aggregated to one series.*\\[promql-not-single-series\\].*seed-003-scaledobjects.yaml:27:9: error: ScaledObject 'vllm-scaledobject' is defined again \\(first at [^)]*seed-003-scaledobjects.yaml:5:9\\).*\\[keda-workload-multiple-scalers\\]")

isvc_cli_test(render-include-input ARGS render --include-input samples/prometheus-authentication-ref.yaml
  EXIT 0 STDOUT "kind: ScaledObject.*kind: TriggerAuthentication")
isvc_cli_test(render-refuses-scale-to-zero-without-activation ARGS render tests/cli/data/scale-to-zero-no-activation.yaml
  EXIT 1 STDOUT_EMPTY STDERR "scale-to-zero-no-activation.yaml:11:18: error: minReplicas: 0 needs an activation source.*fix: Add isvc-scale.io/activation-preset \\(vllm-router, istio\\) or")

# The whole InferenceService is checked (KServe v0.20 CRD), and render refuses what fails it.
set(SCHEMA_ERRORS "isvc-schema-errors.yaml:9:3: error: unknown field \"foo\" in /spec \\[schema-unknown-field\\].*isvc-schema-errors.yaml:11:5: error: unknown field \"bar\" in /spec/predictor \\[schema-unknown-field\\].*isvc-schema-errors.yaml:18:16: error: /spec/predictor/model/resources/limits/cpu has the wrong type \\(want an integer or a string: a quantity such as 0.1 must be quoted, \"0.1\", or written 100m\\) \\[schema-type\\]")
isvc_cli_test(lint-isvc-schema ARGS lint --no-config tests/cli/data/isvc-schema-errors.yaml
  EXIT 1 STDOUT "${SCHEMA_ERRORS}")
isvc_cli_test(render-refuses-isvc-schema ARGS render tests/cli/data/isvc-schema-errors.yaml
  EXIT 1 STDOUT_EMPTY STDERR "${SCHEMA_ERRORS}")
isvc_cli_test(render-refuses-unserved-version ARGS render --include-input tests/rules/kserve-api-version/fires.yaml
  EXIT 1 STDOUT_EMPTY STDERR "fires.yaml:1:13: error: apiVersion serving.kserve.io/v1alpha2 is not served by KServe v0.20.*\\[kserve-api-version\\]")

# A TriggerAuthentication absent from every input is a note (KEDA looks it up at run time);
# one the inputs place elsewhere stays an error.
isvc_cli_test(lint-auth-ref-absent-is-note ARGS lint --no-config --fail-on error tests/rules/keda-auth-ref-unresolved/fires.yaml
  EXIT 1 STDOUT "fires.yaml:26:13: note: TriggerAuthentication \"prom-aut\" is not among the inputs \\(did you mean 'prom-auth'\\?\\).*fires.yaml:30:31: note: ClusterTriggerAuthentication.*fires.yaml:34:31: error: ClusterTriggerAuthentication \"prom-auth\" not found.*fires.yaml:48:31: error: TriggerAuthentication \"prom-auth\" not found in namespace \"prod\".*fires.yaml:78:21: note: TriggerAuthentication \"prometheus-auth\" is not among the inputs")

isvc_cli_test(render-kserve-config ARGS render --mode kserve -v --kserve-config tests/cli/data/kserve-config.yaml samples/keda-cpu-utilization.yaml
  EXIT 0 STDOUT "scaleUp:\n          stabilizationWindowSeconds: 15\n        scaleDown:\n          stabilizationWindowSeconds: 45"
  STDERR "KServe settings from tests/cli/data/kserve-config.yaml")
# With a Standard cluster default, the Knative sample gets an HPA without metrics
# (scaleMetric concurrency has no HPA metric, and no class means no validation).
isvc_cli_test(render-kserve-config-default-mode ARGS render --mode kserve --kserve-config tests/cli/data/kserve-config.yaml samples/knative-kpa-gpu.yaml
  EXIT 0 STDOUT "kind: HorizontalPodAutoscaler.*  maxReplicas: 1\n  behavior: {}\n$")
isvc_cli_test(render-kserve-config-broken ARGS render --mode kserve --kserve-config tests/cli/data/kserve-config-broken.yaml samples/keda-cpu-utilization.yaml
  EXIT 2 STDOUT_EMPTY STDERR "kserve-config-broken.yaml:6:15: unable to parse autoscaler config json")
isvc_cli_test(render-namespace-override ARGS render --namespace prod samples/keda-cpu-utilization.yaml
  EXIT 0 STDOUT "name: sklearn-v2-iris-predictor\n  namespace: prod")
# --disable takes one id per occurrence: the paths after it stay paths.
isvc_cli_test(lint-disable-then-paths ARGS lint --disable kserve-replicas tests/cli/data/pre-commit-bad.yaml samples/keda-cpu-utilization.yaml
  EXIT 0 STDOUT "samples/keda-cpu-utilization.yaml:7:39: note: ")

# A file reached twice (through its directory and by name) is linted once, not reported as a
# second definition of itself.
isvc_cli_test(lint-repeated-input ARGS lint tests/cli/data/repeat tests/cli/data/repeat/so.yaml
  tests/cli/data/repeat//so.yaml EXIT 0 STDOUT_EMPTY STDERR "1 file, 1 document: 0 errors")

# An annotation value render would emit as broken output is refused where it is written,
# by render (nothing on stdout) and lint alike.
isvc_cli_test(render-refuses-bad-activation-threshold ARGS render tests/cli/data/bad-activation-threshold.yaml
  EXIT 1 STDOUT_EMPTY STDERR "bad-activation-threshold.yaml:10:41: error: annotation isvc-scale.io/activation-threshold must be a non-negative number, not \"abc\" \\[isvc-annotation-value\\]")
isvc_cli_test(lint-bad-activation-threshold ARGS lint tests/cli/data/bad-activation-threshold.yaml
  EXIT 1 STDOUT "bad-activation-threshold.yaml:10:41: error: annotation isvc-scale.io/activation-threshold must be a non-negative number")

# autoscalerClass kpa: KServe's message, and a fix that says where KPA comes from.
isvc_cli_test(lint-kpa-class ARGS lint --no-config tests/rules/kserve-autoscaler-class/fires.yaml EXIT 1
  STDOUT "error: \\[kpa\\] is not a supported autoscaler class type \\[kserve-autoscaler-class\\].*fix: KPA is not selected with this annotation: in Knative mode it is the default")
# The summary counts notes too (seed 003's timing settings KEDA calls not relevant).
# seed 003 scales to zero with no initialCooldownPeriod: keda-initial-cooldown-unset is the 7th warning.
isvc_cli_test(lint-summary-notes ARGS lint tests/cli/data/seed-003-scaledobjects.yaml EXIT 1
  STDERR "1 file, 2 documents: 3 errors, 7 warnings, 2 notes")
# One finding per field: KServe's webhook rule covers the schema's enum finding on scaleMetric,
# which comes back when that rule is disabled.
isvc_cli_test(lint-webhook-covers-schema ARGS lint --disable kserve-kpa-scalemetric samples/knative-kpa-qps.yaml
  EXIT 1 STDOUT "10:18: error: /spec/predictor/scaleMetric must be one of cpu, memory, concurrency, rps \\[schema-enum\\]")

# Input that does not parse is never a clean result, whatever is disabled.
isvc_cli_test(lint-yaml-syntax-not-disablable ARGS lint --no-config --disable yaml-syntax tests/cli/data/broken-second-doc.yaml
  EXIT 2 STDERR "yaml-syntax cannot be disabled")
# Config files: fail-on takes error or warning only, severity is a mapping; positions given.
isvc_cli_test(lint-config-bad-fail-on ARGS lint --config tests/cli/data/config-bad-fail-on.yaml samples/keda-cpu-utilization.yaml
  EXIT 2 STDERR "config-bad-fail-on.yaml:2:10: fail-on must be error, warning or never")
isvc_cli_test(lint-config-severity-list ARGS lint --config tests/cli/data/config-severity-list.yaml samples/keda-cpu-utilization.yaml
  EXIT 2 STDERR "config-severity-list.yaml:2:11: severity must map rule ids to error, warning or note")
# A v1 List (kubectl get -o yaml) is linted item by item, positions in the file, pointers under
# /items/N; render names the item in its Source comment.
isvc_cli_test(lint-kubectl-list ARGS lint --no-config -f json tests/cli/data/kubectl-list.yaml EXIT 1
  STDOUT "\"line\": 16,.*\"rule\": \"kserve-replicas\",.*\"pointer\": \"/items/0/spec/predictor/minReplicas\",.*\"pointer\": \"/items/1/spec/triggers/0/metadata/query\"")
isvc_cli_test(render-kubectl-list ARGS render tests/cli/data/kubectl-list.yaml EXIT 1 STDOUT_EMPTY
  STDERR "kubectl-list.yaml:16:20: error: 'MinReplicas' cannot be greater than MaxReplicas")
# "did you mean" at every level, not only for the first word.
isvc_cli_test(rules-subcommand-typo ARGS rules lst EXIT 2 STDERR "unknown argument 'lst' \\(did you mean 'list'\\?\\)")
isvc_cli_test(rules-list-flag-typo ARGS rules list --fromat json EXIT 2 STDERR "unknown argument '--fromat' \\(did you mean '--format'\\?\\)")
isvc_cli_test(root-flag-typo ARGS --verison EXIT 2 STDERR "unknown argument '--verison' \\(did you mean '--version'\\?\\)")
# Range findings name the bounds, not valijson's "less than or equal to 2147483647.000000".
isvc_cli_test(lint-int32-range ARGS lint --no-config tests/cli/data/int32-overflow.yaml EXIT 1
  STDOUT "int32-overflow.yaml:10:18: error: /spec/predictor/maxReplicas must be between -2147483648 and 2147483647 \\[schema-range\\]")
# simulate: bad traces and shapes are usage errors with a position; flapping only fails when asked.
isvc_cli_test(simulate-bad-shape ARGS simulate samples/seed-003-scale-to-zero.yaml --shape idle:1m,step:5
  EXIT 2 STDOUT_EMPTY STDERR "--shape at character 9: 'step:5' should be step:LOAD@DURATION")
isvc_cli_test(simulate-bad-csv ARGS simulate samples/seed-003-scale-to-zero.yaml
  --trace tests/cli/data/simulate-bad.csv EXIT 2 STDOUT_EMPTY
  STDERR "simulate-bad.csv: line 3 column 2: 'x' is not a number")
isvc_cli_test(simulate-missing-column ARGS simulate samples/seed-002-three-triggers.yaml
  --trace samples/traces/seed-003-replay.csv EXIT 2 STDOUT_EMPTY
  STDERR "the trace has no column `1` for trigger 1 \\(prometheus\\).*columns: t,0,activation")
isvc_cli_test(simulate-needs-a-trace ARGS simulate samples/seed-003-scale-to-zero.yaml EXIT 2
  STDERR "exactly one of --trace FILE, --shape SPEC or --prometheus URL")
isvc_cli_test(simulate-from-needs-prometheus ARGS simulate samples/seed-003-scale-to-zero.yaml
  --shape idle:1m --from 0 --to 60 EXIT 2 STDOUT_EMPTY
  STDERR "--from and --to go with --prometheus, both of them")
isvc_cli_test(simulate-prometheus-bad-time ARGS simulate samples/seed-003-scale-to-zero.yaml
  --prometheus http://127.0.0.1:1 --from yesterday --to 60 EXIT 2 STDOUT_EMPTY
  STDERR "--from 'yesterday' and --to '60' must be RFC 3339")
isvc_cli_test(simulate-no-autoscaler ARGS simulate samples/keda-no-metrics.yaml --shape step:1@1m
  EXIT 1 STDOUT_EMPTY STDERR "KEDA needs at least one trigger.*nothing simulated")
isvc_cli_test(simulate-fail-on-flapping ARGS simulate samples/seed-003-scale-to-zero.yaml
  --trace samples/traces/seed-003-replay.csv --fail-on-flapping EXIT 1 STDOUT "finding flapping")
isvc_cli_test(simulate-compare ARGS simulate samples/seed-003-scale-to-zero.yaml
  --compare samples/seed-003-queue-depth.yaml --shape idle:10m,step:12@10m --format json
  EXIT 0 STDOUT "\"delta\": {")
isvc_cli_test(simulate-csv ARGS simulate samples/keda-cpu-utilization.yaml --shape step:30@1m --format csv
  EXIT 0 STDOUT "^config,t,replicas,ready,active,load,queue,0\n0,0,2,1,1,30,20,100\n")
isvc_cli_test(simulate-kserve-mode ARGS simulate --mode kserve samples/memory-averagevalue-hpa.yaml
  --shape step:5@1m EXIT 0 STDOUT "HorizontalPodAutoscaler memory-averagevalue-hpa-predictor")
# GitHub drops annotations whose file starts with "./": github and SARIF paths are repository-relative.
isvc_cli_test(lint-github-path-no-dot-slash ARGS lint --no-config --format github ./tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "^::error file=tests/cli/data/duplicate-key.yaml,line=10,col=5,title=yaml-duplicate-key::")
isvc_cli_test(lint-sarif-path-no-dot-slash ARGS lint --no-config --format sarif ./tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "\"uri\": \"tests/cli/data/duplicate-key.yaml\"")
# Under GitHub Actions lint writes annotations unless --format says otherwise.
isvc_cli_test(lint-github-actions-default SET_ENV GITHUB_ACTIONS=true
  ARGS lint --no-config tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "^::error file=tests/cli/data/duplicate-key.yaml,line=10,col=5,")
isvc_cli_test(lint-github-actions-explicit-format SET_ENV GITHUB_ACTIONS=true
  ARGS lint --no-config --format text tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "^tests/cli/data/duplicate-key.yaml:10:5: error: ")
isvc_cli_test(lint-fail-on-never ARGS lint --no-config --fail-on never tests/cli/data/duplicate-key.yaml
  EXIT 0 STDOUT "duplicate-key.yaml:10:5: error: duplicate key" STDERR "1 file, 1 document: 1 error, 0 warnings")
isvc_cli_test(lint-fail-on-never-input-error ARGS lint --no-config --fail-on never tests/cli/data/broken-second-doc.yaml
  EXIT 2)
isvc_cli_test(lint-quiet ARGS lint --no-config -q tests/cli/data/duplicate-key.yaml EXIT 1 STDERR "^$"
  STDOUT "duplicate-key.yaml:10:5: error: duplicate key")
isvc_cli_test(lint-disable-comma-list
  ARGS lint --no-config --disable isvc-deprecated-deployment-mode,isvc-deployment-mode-unset samples/keda-cpu-utilization.yaml
  EXIT 0 STDOUT_EMPTY STDERR "0 errors, 0 warnings\n$")
isvc_cli_test(lint-disable-comma-list-unknown
  ARGS lint --no-config --disable isvc-deployment-mode-unset,kserv-name samples/keda-cpu-utilization.yaml
  EXIT 2 STDERR "--disable: unknown rule 'kserv-name' \\(did you mean 'kserve-name'\\?\\)")
add_test(NAME cli-lint-config-yml
  COMMAND ${CMAKE_COMMAND} "-DBIN=${BIN}" "-DARGS=lint;duplicate-key.yaml" -DEXIT=0 -DSTDOUT_EMPTY=TRUE
          "-DSTDERR=1 file, 1 document: 0 errors, 0 warnings" -P ${EXPECT}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/tests/cli/data/yml-config)
# Nothing lintable (an LLMInferenceService, kinds lint does not check) is a note, and exit 1
# with --fail-if-no-objects.
isvc_cli_test(lint-no-objects-note ARGS lint --no-config tests/cli/data/no-objects EXIT 0 STDOUT_EMPTY
  STDERR "2 files, 2 documents: 0 errors, 0 warnings\nisvc-scale: note: nothing to lint: no InferenceService \\(serving.kserve.io\\), ScaledObject, TriggerAuthentication, HorizontalPodAutoscaler, PodMonitor or OpenTelemetryCollector in the inputs\n$")
isvc_cli_test(lint-fail-if-no-objects ARGS lint --no-config --fail-if-no-objects tests/cli/data/no-objects
  EXIT 1 STDOUT_EMPTY STDERR "nothing to lint")
isvc_cli_test(lint-fail-if-no-objects-found ARGS lint --no-config --fail-if-no-objects -q tests/cli/data/duplicate-key.yaml
  EXIT 1 STDERR "^$")
# Colour only when asked or on a terminal (ctest's pipe is none), never with NO_COLOR.
isvc_cli_test(lint-color-always ARGS lint --no-config --color always tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "duplicate-key.yaml:10:5: .\\[1;31merror.\\[0m: duplicate key")
isvc_cli_test(lint-color-auto-pipe ARGS lint --no-config tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "^tests/cli/data/duplicate-key.yaml:10:5: error: duplicate key")
isvc_cli_test(lint-no-color-env SET_ENV NO_COLOR=1 ARGS lint --no-config --color always tests/cli/data/duplicate-key.yaml
  EXIT 1 STDOUT "^tests/cli/data/duplicate-key.yaml:10:5: error: duplicate key")
isvc_cli_test(render-no-path ARGS render EXIT 2 STDOUT_EMPTY
  STDERR "render needs a PATH \\(or - for stdin\\), or --post-render")
isvc_cli_test(render-post-render-with-path ARGS render --post-render samples/fallback.yaml EXIT 2
  STDOUT_EMPTY)
isvc_cli_test(render-post-render-kserve-mode ARGS render --post-render --mode kserve
  STDIN samples/fallback.yaml EXIT 2 STDOUT_EMPTY STDERR "--post-render reads standard input only")
isvc_cli_test(simulate-hpa-direct ARGS simulate tests/simulate/hpa-cpu.yaml --shape step:40@3m
  --capacity 10 EXIT 0 STDOUT "^tests/simulate/hpa-cpu.yaml: HorizontalPodAutoscaler web \\(min 2, max 8\\)")
isvc_cli_test(simulate-scaling-modifiers ARGS simulate tests/simulate/scaling-modifiers.yaml
  --shape step:1@1m EXIT 2 STDOUT_EMPTY
  STDERR "scaling-modifiers.yaml: advanced.scalingModifiers is not simulated: KEDA serves one composite metric")
isvc_cli_test(simulate-start-replicas ARGS simulate tests/simulate/hpa-cpu.yaml --shape step:0@1m
  --replicas 5 --format csv EXIT 0 STDOUT "^config,t,replicas,ready,active,load,queue,0\n0,0,5,5,")
isvc_cli_test(simulate-nothing-to-simulate ARGS simulate tests/simulate/no-autoscaler.txt
  --shape step:1@1m EXIT 2 STDOUT_EMPTY STDERR "no-autoscaler.txt: no InferenceService, ScaledObject or autoscaling/v2 HorizontalPodAutoscaler to simulate")

# Exact output: stdout (and STDERR, when named) byte for byte a file under tests/cli/expected/.
set(EXACT ${CMAKE_CURRENT_SOURCE_DIR}/cli/exact.cmake)
function(isvc_exact_test name)
  cmake_parse_arguments(T "" "EXIT;EXPECTED;STDERR;WORKDIR" "ARGS" ${ARGN})
  set(dir ${PROJECT_SOURCE_DIR})
  if(T_WORKDIR)
    set(dir ${T_WORKDIR})
  endif()
  set(stderr_file "")
  if(T_STDERR)
    set(stderr_file ${CMAKE_CURRENT_SOURCE_DIR}/cli/expected/${T_STDERR})
  endif()
  add_test(NAME exact-${name}
    COMMAND ${CMAKE_COMMAND} "-DBIN=${BIN}" "-DARGS=${T_ARGS}" "-DEXIT=${T_EXIT}"
            "-DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/cli/expected/${T_EXPECTED}"
            "-DSTDERR=${stderr_file}" "-DVERSION=${PROJECT_VERSION}"
            "-DWORK=${PROJECT_BINARY_DIR}" -P ${EXACT}
    WORKING_DIRECTORY ${dir})
endfunction()
# lint --format json: the versioned envelope (isvc-scale-lint(1), JSON OUTPUT).
isvc_exact_test(lint-json ARGS lint --no-config -q -f json tests/cli/data/seed-003-scaledobjects.yaml
  EXIT 1 EXPECTED lint-json.json)
isvc_exact_test(lint-json-clean ARGS lint --no-config -q -f json samples/keda-cpu-utilization.yaml
  tests/cli/data/null-values.yaml EXIT 0 EXPECTED lint-json-clean.json)
# .isvc-scale.yaml exclude: globs relative to the config's directory, from any current directory,
# for files found in directories and files named alike; the JUnit report names every file linted.
isvc_exact_test(config-exclude ARGS lint . WORKDIR ${PROJECT_SOURCE_DIR}/tests/cli/data/exclude-project
  EXIT 1 EXPECTED config-exclude.txt STDERR config-exclude.err)
isvc_exact_test(config-exclude-from-root
  ARGS lint -f junit --config tests/cli/data/exclude-project/.isvc-scale.yaml tests/cli/data/exclude-project
  EXIT 1 EXPECTED config-exclude-from-root.xml STDERR config-exclude-from-root.err)
isvc_exact_test(config-exclude-named-files
  ARGS lint --config tests/cli/data/exclude-project/.isvc-scale.yaml
  tests/cli/data/exclude-project/vendor/x/bad.yaml tests/cli/data/exclude-project/out.generated.yaml
  EXIT 0 EXPECTED empty.txt STDERR config-exclude-named.err)
isvc_cli_test(config-exclude-climbs ARGS lint --config tests/cli/data/config-exclude-bad.yaml samples
  EXIT 2 STDOUT_EMPTY STDERR "^isvc-scale: error: tests/cli/data/config-exclude-bad.yaml:3:3: exclude globs are relative to the directory of tests/cli/data/config-exclude-bad.yaml, without '..' or a leading '/': '../elsewhere/\\*.yaml'\n$")
# fail-on: never in the config: findings reported, exit 0; --fail-on overrides it; input that
# does not parse still exits 2.
isvc_exact_test(config-fail-on-never ARGS lint --config tests/cli/data/config-fail-on-never.yaml
  tests/cli/data/duplicate-key.yaml EXIT 0 EXPECTED duplicate-key.txt STDERR config-fail-on-never.err)
isvc_exact_test(config-fail-on-never-flag-wins ARGS lint --config tests/cli/data/config-fail-on-never.yaml
  --fail-on error tests/cli/data/duplicate-key.yaml EXIT 1 EXPECTED duplicate-key.txt
  STDERR config-fail-on-never.err)
isvc_cli_test(config-fail-on-never-input-error ARGS lint --config tests/cli/data/config-fail-on-never.yaml
  tests/cli/data/broken-second-doc.yaml EXIT 2 STDOUT "\\[yaml-syntax\\]")
# GitLab Code Quality: every severity mapping (note info, warning minor, error major, input that
# does not parse blocker), repository-relative paths without ./, fingerprints.
isvc_exact_test(lint-codequality ARGS lint --no-config -q -f codequality ./tests/cli/data/duplicate-key.yaml
  tests/cli/data/broken-second-doc.yaml samples/keda-cpu-utilization.yaml
  tests/cli/data/bad-activation-threshold.yaml EXIT 2 EXPECTED lint-codequality.json)
