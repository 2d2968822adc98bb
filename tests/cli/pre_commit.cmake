# Runs Debian's real pre-commit against a throwaway git repo, using this
# checkout's .pre-commit-hooks.yaml (pre-commit try-repo), with the freshly
# built isvc-scale first on PATH. Good files pass, a bad one fails with line:col.
# Usage: cmake -DSRC=... -DBIN_DIR=... -DWORK=... -P pre_commit.cmake
find_program(PRE_COMMIT pre-commit REQUIRED)
find_program(GIT git REQUIRED)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/repo")
set(ENV{PATH} "${BIN_DIR}:$ENV{PATH}")
set(ENV{PRE_COMMIT_HOME} "${WORK}/cache")
set(ENV{GIT_AUTHOR_NAME} t)
set(ENV{GIT_AUTHOR_EMAIL} t@example.com)
set(ENV{GIT_COMMITTER_NAME} t)
set(ENV{GIT_COMMITTER_EMAIL} t@example.com)
set(repo "${WORK}/repo")

function(run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${repo}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(rc "${rc}" PARENT_SCOPE)
  set(out "${out}${err}" PARENT_SCOPE)
endfunction()

run(${GIT} init -q .)
file(COPY "${SRC}/samples/keda-cpu-utilization.yaml" DESTINATION "${repo}")
file(COPY "${SRC}/tests/cli/data/pre-commit-bad.yaml" DESTINATION "${repo}")
run(${GIT} add keda-cpu-utilization.yaml pre-commit-bad.yaml)

run(${PRE_COMMIT} try-repo "${SRC}" isvc-scale-lint --files keda-cpu-utilization.yaml)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "good file failed the hook (exit ${rc}):\n${out}")
endif()
if(NOT out MATCHES "isvc-scale lint[.]+Passed")
  message(FATAL_ERROR "hook did not report Passed:\n${out}")
endif()

run(${PRE_COMMIT} try-repo "${SRC}" isvc-scale-lint --files keda-cpu-utilization.yaml pre-commit-bad.yaml)
if(rc EQUAL 0)
  message(FATAL_ERROR "bad file passed the hook:\n${out}")
endif()
if(NOT out MATCHES "pre-commit-bad.yaml:[0-9]+:[0-9]+: error: ")
  message(FATAL_ERROR "hook output lacks file:line:col:\n${out}")
endif()
# A Helm template is a Go template, not YAML: the hooks leave chart templates alone.
file(MAKE_DIRECTORY "${repo}/chart/templates")
file(WRITE "${repo}/chart/templates/isvc.yaml" "metadata:\n  name: {{ .Release.Name }}\n  labels: {{- include \"x\" . | nindent 4 }}\n")
run(${GIT} add chart/templates/isvc.yaml)
run(${PRE_COMMIT} try-repo "${SRC}" isvc-scale-lint --files chart/templates/isvc.yaml)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Skipped")
  message(FATAL_ERROR "a Helm template was not skipped (exit ${rc}):\n${out}")
endif()
message("pre-commit: good passed, bad failed with positions, Helm templates skipped")
