# `render --post-render`, as `helm install --post-renderer` runs it: a `helm template`-like
# stream (Source comments, a template that renders to nothing, CRLF line ends) goes out byte
# for byte, the ScaledObject after it; refusals write nothing to stdout.
# Usage: cmake -DBIN=... -DSRC=... -DPYTHON=... -DWORK=... -P post_render.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(data "${SRC}/tests/cli/data/post-render")

function(post_render input rc_var err_var)
  execute_process(COMMAND "${BIN}" render --post-render INPUT_FILE "${input}"
                  OUTPUT_FILE "${WORK}/out.yaml" ERROR_VARIABLE err RESULT_VARIABLE rc)
  set(${rc_var} "${rc}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()

post_render("${data}/helm-template.yaml" rc err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--post-render exit ${rc}:\n${err}")
endif()
# Byte identity of the prefix, compared as hex so CR bytes count.
file(READ "${data}/helm-template.yaml" in_hex HEX)
file(READ "${WORK}/out.yaml" out_hex HEX)
string(FIND "${out_hex}" "${in_hex}" at)
string(LENGTH "${in_hex}" in_len)
string(LENGTH "${out_hex}" out_len)
if(NOT at EQUAL 0 OR NOT out_len GREATER in_len)
  message(FATAL_ERROR "the input is not passed through byte for byte at the start of the output")
endif()
file(READ "${WORK}/out.yaml" out)
string(LENGTH "${out}" n)
file(READ "${data}/helm-template.yaml" in)
string(LENGTH "${in}" m)
string(SUBSTRING "${out}" ${m} -1 appended)
set(want "---\n# Source: <stdin>#3\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: llm-predictor\n  namespace: ml\n  labels:\n    app.kubernetes.io/managed-by: isvc-scale\n")
string(FIND "${appended}" "${want}" p)
if(NOT p EQUAL 0)
  message(FATAL_ERROR "appended part does not start with the ScaledObject:\n${appended}")
endif()
# Only the ScaledObject is added: the handed-over InferenceService is already in the stream.
string(REGEX MATCHALL "\nkind: " kinds "${appended}")
list(LENGTH kinds k)
if(NOT k EQUAL 1)
  message(FATAL_ERROR "expected one appended object, got ${k}:\n${appended}")
endif()
# The whole stream as Helm would apply it, strict (ServiceAccount/ConfigMap have no schema there).
execute_process(COMMAND "${PYTHON}" "${SRC}/tests/fixtures/tools/validate-manifests" --ignore-unknown
                "${WORK}/out.yaml" RESULT_VARIABLE rc OUTPUT_VARIABLE vout ERROR_VARIABLE verr)
if(NOT rc EQUAL 0 OR NOT vout MATCHES "2 passed, 0 failed")
  message(FATAL_ERROR "validate-manifests (exit ${rc}):\n${vout}${verr}")
endif()

post_render("${data}/not-an-object.yaml" rc err)
file(READ "${WORK}/out.yaml" out)
if(NOT rc EQUAL 1 OR NOT out STREQUAL "" OR NOT err MATCHES "<stdin>:9:1: error: this document is a list, not a Kubernetes object with apiVersion and kind; nothing passed on \\[render-unrenderable\\]")
  message(FATAL_ERROR "a list document was passed on (exit ${rc}):\n${out}${err}")
endif()
post_render("${data}/not-handed-over.yaml" rc err)
file(READ "${WORK}/out.yaml" out)
if(NOT rc EQUAL 1 OR NOT out STREQUAL "" OR NOT err MATCHES "InferenceService llm is scaled by KServe; --post-render passes it on unchanged, so hand it over in the chart: set isvc-scale.io/autoscaler: \"keda\", serving.kserve.io/autoscalerClass: \"external\"")
  message(FATAL_ERROR "an InferenceService KServe scales passed (exit ${rc}):\n${out}${err}")
endif()
message("post-render: input passed through byte for byte, ScaledObject appended and valid")
