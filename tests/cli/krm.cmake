# `isvc-scale krm`, both ways kustomize runs it.
#  MODE=resource-list: a KRM function (config.kubernetes.io/v1 ResourceList in and out) on
#    fixtures: items kept, the ScaledObject added, a second run byte-identical, findings in
#    results[] with resourceRef, field.path and file.path/index, exit 1 on errors.
#  MODE=kustomize: the real `kubectl kustomize --enable-alpha-plugins` runs the binary as a
#    legacy exec plugin from $XDG_CONFIG_HOME/kustomize/plugin/<group>/<version>/<lowercase
#    kind>/<Kind> (kustomize api/internal/plugins/loader/loader.go, AbsolutePluginPath).
# Every rendered manifest is validated by tests/fixtures/tools/validate-manifests (strict).
# Usage: cmake -DBIN=... -DSRC=... -DPYTHON=... -DWORK=... -DMODE=... -P krm.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(data "${SRC}/tests/cli/data/krm")
set(validator "${SRC}/tests/fixtures/tools/validate-manifests")

# --ignore-unknown: the ConfigMap passed through has no schema there; every other kind is checked.
function(validate file)
  execute_process(COMMAND "${PYTHON}" "${validator}" --ignore-unknown "${file}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${file} fails validate-manifests:\n${out}${err}")
  endif()
  if(NOT out MATCHES "[1-9][0-9]* passed, 0 failed")
    message(FATAL_ERROR "${file}: nothing validated:\n${out}")
  endif()
endfunction()

function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: no match for\n${regex}\nin:\n${text}")
  endif()
endfunction()

function(krm input rc_var out_var err_var)
  execute_process(COMMAND "${BIN}" krm INPUT_FILE "${input}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${rc_var} "${rc}" PARENT_SCOPE)
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "resource-list")
  krm("${data}/resource-list.yaml" rc first err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "krm exit ${rc}:\n${err}")
  endif()
  file(WRITE "${WORK}/first.yaml" "${first}")
  krm("${WORK}/first.yaml" rc second err)
  if(NOT rc EQUAL 0 OR NOT second STREQUAL first)
    file(WRITE "${WORK}/second.yaml" "${second}")
    message(FATAL_ERROR "second run (exit ${rc}) changed the output: diff ${WORK}/first.yaml ${WORK}/second.yaml")
  endif()
  # Items in order: the handed-over InferenceService in place, the ConfigMap kept, the
  # ScaledObject appended; functionConfig echoed; no results for a clean input.
  expect_match("${first}" "^apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: serving.kserve.io/v1beta1\n  kind: InferenceService\n  metadata:\n    name: llama\n    namespace: ml\n    annotations:\n      internal.config.kubernetes.io/index: \"0\"\n      internal.config.kubernetes.io/path: models/llama.yaml\n      isvc-scale.io/autoscaler: keda\n      serving.kserve.io/autoscalerClass: external\n" "handed-over InferenceService")
  expect_match("${first}" "\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: unrelated\n    namespace: ml\n  data:\n    keep: me\n- apiVersion: keda.sh/v1alpha1\n  kind: ScaledObject\n  metadata:\n    name: llama-predictor\n    namespace: ml\n" "ConfigMap kept, ScaledObject appended")
  expect_match("${first}" "\nfunctionConfig:\n  apiVersion: isvc-scale.io/v1alpha1\n  kind: IsvcScale\n" "functionConfig")
  if(first MATCHES "\nresults:")
    message(FATAL_ERROR "clean input has results:\n${first}")
  endif()
  # The items as a stream, validated like every rendered manifest.
  execute_process(COMMAND "${PYTHON}" -c "import sys,yaml; yaml.safe_dump_all(yaml.safe_load(open(sys.argv[1]))['items'], open(sys.argv[2],'w'))" "${WORK}/first.yaml" "${WORK}/items.yaml" RESULT_VARIABLE rc)
  validate("${WORK}/items.yaml")

  krm("${data}/resource-list-bad.yaml" rc out err)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "errors must exit 1, got ${rc}:\n${out}${err}")
  endif()
  expect_match("${out}" "\nresults:\n- message: \"'MinReplicas' cannot be greater than MaxReplicas\"\n  severity: error\n  resourceRef:\n    apiVersion: serving.kserve.io/v1beta1\n    kind: InferenceService\n    name: bad-model\n    namespace: ml\n  field:\n    path: spec.predictor.minReplicas\n  file:\n    path: models/bad.yaml\n    index: 1\n  tags:\n    rule: kserve-replicas\n" "error result")
  if(out MATCHES "kind: ScaledObject")
    message(FATAL_ERROR "a refused input still rendered:\n${out}")
  endif()
  expect_match("${err}" "isvc-scale: error: serving.kserve.io/v1beta1 InferenceService ml/bad-model: spec.predictor.minReplicas: 'MinReplicas' cannot be greater than MaxReplicas \\[kserve-replicas\\]" "stderr")

  krm("${data}/resource-list-conflict.yaml" rc out err)
  if(NOT rc EQUAL 1 OR NOT out MATCHES "this one is not managed by isvc-scale")
    message(FATAL_ERROR "a hand-written ScaledObject was not protected (exit ${rc}):\n${out}")
  endif()
  krm("${SRC}/samples/keda-cpu-utilization.yaml" rc out err)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "expected one config.kubernetes.io/v1 ResourceList")
    message(FATAL_ERROR "a plain stream was not refused (exit ${rc}):\n${err}")
  endif()
  message("krm: ResourceList rendered, second run identical, results with file and field")
  return()
endif()

find_program(KUBECTL kubectl)
if(NOT KUBECTL)
  message("skipping: kubectl is not installed")
  return()
endif()
set(plugin_dir "${WORK}/xdg/kustomize/plugin/isvc-scale.io/v1alpha1/isvcscale")
file(MAKE_DIRECTORY "${plugin_dir}" "${WORK}/app")
file(COPY_FILE "${BIN}" "${plugin_dir}/IsvcScale")
file(CHMOD "${plugin_dir}/IsvcScale" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
file(COPY "${SRC}/samples/keda-cpu-utilization.yaml" DESTINATION "${WORK}/app")
file(WRITE "${WORK}/app/kustomization.yaml"
     "resources:\n- keda-cpu-utilization.yaml\ntransformers:\n- isvc-scale.yaml\n")
file(WRITE "${WORK}/app/isvc-scale.yaml"
     "apiVersion: isvc-scale.io/v1alpha1\nkind: IsvcScale\nmetadata:\n  name: autoscaling\nmode: external\n")
set(ENV{XDG_CONFIG_HOME} "${WORK}/xdg")
unset(ENV{KUSTOMIZE_PLUGIN_HOME})
execute_process(COMMAND "${KUBECTL}" kustomize --enable-alpha-plugins "${WORK}/app"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kubectl kustomize exit ${rc}:\n${err}")
endif()
file(WRITE "${WORK}/kustomized.yaml" "${out}")
expect_match("${out}" "kind: ScaledObject\nmetadata:\n  labels:\n    app.kubernetes.io/managed-by: isvc-scale\n" "rendered ScaledObject")
expect_match("${out}" "serving.kserve.io/autoscalerClass: external\n" "handed-over InferenceService")
if(out MATCHES "kustomize.config.k8s.io/id")
  message(FATAL_ERROR "kustomize's id annotation leaked:\n${out}")
endif()
validate("${WORK}/kustomized.yaml")

file(COPY_FILE "${SRC}/tests/cli/data/pre-commit-bad.yaml" "${WORK}/app/keda-cpu-utilization.yaml")
execute_process(COMMAND "${KUBECTL}" kustomize --enable-alpha-plugins "${WORK}/app"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "spec.predictor.minReplicas: 'MinReplicas' cannot be greater than MaxReplicas \\[kserve-replicas\\]")
  message(FATAL_ERROR "kustomize passed a refused input (exit ${rc}):\n${out}${err}")
endif()
message("kubectl kustomize ran isvc-scale as an exec plugin:\n${out}")
