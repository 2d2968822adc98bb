# libFuzzer targets (tests/fuzz/fuzz_*.cpp): load -> lint, load -> render, and the
# render -> re-parse round trip. Every build replays the seed corpus and
# tests/fuzz/regressions/ through each target's LLVMFuzzerTestOneInput (no libFuzzer
# needed, so the gcc build runs them too); -DISVC_FUZZ=ON (clang) also builds the real
# fuzzers and runs each for ISVC_FUZZ_SECONDS (CI smoke: 60 s per target).
set(ISVC_FUZZ_SECONDS 60 CACHE STRING "Seconds per libFuzzer target in the fuzz-run-* tests")
set(ISVC_FUZZ_TARGETS lint render roundtrip)

# Seeds: the samples and every rule fixture, flattened to unique names in the build tree.
set(ISVC_FUZZ_SEEDS ${PROJECT_BINARY_DIR}/fuzz-seeds)
file(REMOVE_RECURSE ${ISVC_FUZZ_SEEDS})
file(GLOB _seeds RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/samples/*.yaml ${PROJECT_SOURCE_DIR}/tests/rules/*/*.yaml)
foreach(seed IN LISTS _seeds)
  string(REPLACE "/" "_" flat "${seed}")
  configure_file(${PROJECT_SOURCE_DIR}/${seed} ${ISVC_FUZZ_SEEDS}/${flat} COPYONLY)
endforeach()
set(ISVC_FUZZ_REGRESSIONS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions)

add_library(isvc_fuzz_support STATIC fuzz/roundtrip.cpp)
target_compile_options(isvc_fuzz_support PRIVATE ${ISVC_WARNINGS})
target_link_libraries(isvc_fuzz_support PUBLIC isvc_lib)

foreach(t IN LISTS ISVC_FUZZ_TARGETS)
  add_executable(isvc_fuzz_replay_${t} fuzz/fuzz_${t}.cpp fuzz/replay_main.cpp)
  target_compile_options(isvc_fuzz_replay_${t} PRIVATE ${ISVC_WARNINGS})
  target_link_libraries(isvc_fuzz_replay_${t} PRIVATE isvc_fuzz_support)
  add_test(NAME fuzz-replay-${t}
    COMMAND isvc_fuzz_replay_${t} ${ISVC_FUZZ_SEEDS} ${ISVC_FUZZ_REGRESSIONS})
endforeach()

# YAML 1.1 half of the round trip: PyYAML reads back every tree the emitter wrote.
add_executable(isvc_emit_corpus fuzz/emit_corpus.cpp)
target_compile_options(isvc_emit_corpus PRIVATE ${ISVC_WARNINGS})
target_link_libraries(isvc_emit_corpus PRIVATE isvc_fuzz_support)
add_test(NAME fuzz-roundtrip-pyyaml
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/check_pyyaml.py
          $<TARGET_FILE:isvc_emit_corpus> ${ISVC_FUZZ_SEEDS} ${ISVC_FUZZ_REGRESSIONS}
          ${PROJECT_BINARY_DIR}/fuzz-corpus/roundtrip)

if(ISVC_FUZZ)
  foreach(t IN LISTS ISVC_FUZZ_TARGETS)
    add_executable(fuzz_${t} fuzz/fuzz_${t}.cpp)
    target_compile_options(fuzz_${t} PRIVATE ${ISVC_WARNINGS})
    target_link_libraries(fuzz_${t} PRIVATE isvc_fuzz_support)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    set(corpus ${PROJECT_BINARY_DIR}/fuzz-corpus/${t})
    file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz-artifacts)
    # Each smoke run starts from the committed seeds and regressions only (the corpus dir of
    # an earlier run is emptied first) with a fixed -seed, so the sequence of inputs is the
    # same every time; only how far it gets in 60 s depends on the machine's load.
    add_test(NAME fuzz-reset-${t}
      COMMAND sh -c "rm -rf '${corpus}' && mkdir -p '${corpus}'")
    set_tests_properties(fuzz-reset-${t} PROPERTIES FIXTURES_SETUP fuzz-corpus-${t})
    # New inputs land in the corpus dir; a crash lands in fuzz-artifacts/ and fails the test.
    # -max_len=4096: an exec costs about 1-3 us per input byte under ASan+UBSan (yaml-cpp's
    # scanner, the JSON conversion, valijson's patterns), so 64 KB inputs ran at ~100
    # execs/s; the seeds are at most 4.5 KB, and huge inputs are the hostile corpus' job.
    # -entropic=0: libFuzzer's default entropic scheduler spent 78% of each exec in
    # InputCorpus::UpdateFeatureFrequency (perf; ~65k features, as nlohmann/valijson/std::regex
    # templates are all instrumented): 57 -> 376 execs/s on fuzz_lint, same coverage growth.
    # run_fuzz.sh keeps libFuzzer's log in a file and prints its figures, or on failure the
    # log's tail and the crashing input.
    add_test(NAME fuzz-run-${t}
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run_fuzz.sh
              ${PROJECT_BINARY_DIR}/fuzz-artifacts/${t}.log
              ${PROJECT_BINARY_DIR}/fuzz-artifacts/${t}-
              $<TARGET_FILE:fuzz_${t}> -entropic=0 -seed=1 -max_total_time=${ISVC_FUZZ_SECONDS}
              -timeout=20 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1
              -dict=${CMAKE_CURRENT_SOURCE_DIR}/fuzz/yaml.dict
              ${corpus} ${ISVC_FUZZ_SEEDS} ${ISVC_FUZZ_REGRESSIONS})
    set_tests_properties(fuzz-run-${t} PROPERTIES TIMEOUT 600 FIXTURES_REQUIRED fuzz-corpus-${t})
  endforeach()
  set_tests_properties(fuzz-roundtrip-pyyaml PROPERTIES DEPENDS fuzz-run-roundtrip)
endif()
