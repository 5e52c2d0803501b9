#!/bin/sh
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer in a build directory of
# its own, then runs the whole test suite. Any sanitizer report fails the test that caused it.
#
#   .ci/sanitize.sh            build into build-asan/ and run ctest
#   SCANNER_SANITIZE_DIR=dir   build elsewhere
#   SCANNER_JOBS=n             parallel build and test jobs (default 2)
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SCANNER_SANITIZE_DIR:-$source_dir/build-asan}
jobs=${SCANNER_JOBS:-2}

cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSCANNER_WERROR=ON \
    -DSCANNER_SANITIZE=address,undefined
cmake --build "$build_dir" -j "$jobs"

# Stop at the first report of either sanitizer, with a stack trace; look for leaks at exit.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
LSAN_OPTIONS=${LSAN_OPTIONS:-fast_unwind_on_malloc=0}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
