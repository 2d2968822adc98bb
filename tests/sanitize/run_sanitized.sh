#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The main suite's `sanitizers-and-fuzz` test: configures and builds a sub-build with
# clang, ASan+UBSan (halt_on_error: any report fails the test) and the libFuzzer targets,
# then runs its whole CTest suite, which includes the 60 s fuzz smoke run per target.
# Usage: run_sanitized.sh <source dir> <build dir> <clang++> [compiler launcher]
set -eu
SRC=$1 BUILD=$2 CXX=$3 LAUNCHER=${4:-}
# -O1 and line tables only: the usual ASan setting, and half the build time of -O2 -g.
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER="$CXX" -DISVC_WERROR=ON \
  "-DISVC_SANITIZE=address;undefined" -DISVC_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
  ${LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$LAUNCHER}
cmake --build "$BUILD"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$BUILD" --output-on-failure -j2
