#!/bin/sh
# Builds the fuzz targets with clang, libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer in
# a build tree of their own, then runs each for a bounded time. A crash fails the run; the input
# that caused it is saved, and the message says how to keep it as a regression test.
#
#   fuzz/run.sh [SECONDS] [TARGET...]   SECONDS per target (default 30); TARGET without fuzz_
#   SCANNER_FUZZ_DIR=dir                build tree (default build-fuzz/)
#   SCANNER_FUZZ_SEED=n                 libFuzzer's random seed (default: a new one each run)
#   SCANNER_FUZZ_RUNS=n                 stop a target after n inputs (SECONDS still caps it)
#   SCANNER_JOBS=n                      build jobs (default 2)
#
# With a seed, a run count and an empty work directory, a run tries the same inputs every time
# on the same build: that is how CI runs it (.ci/run), so a CI failure reproduces here.
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SCANNER_FUZZ_DIR:-$source_dir/build-fuzz}
jobs=${SCANNER_JOBS:-2}
seconds=${1:-30}
[ $# -gt 0 ] && shift
repeatable=""
[ -n "${SCANNER_FUZZ_SEED:-}" ] && repeatable="$repeatable -seed=$SCANNER_FUZZ_SEED"
[ -n "${SCANNER_FUZZ_RUNS:-}" ] && repeatable="$repeatable -runs=$SCANNER_FUZZ_RUNS"

CC=${CC:-clang-14} CXX=${CXX:-clang++-14} cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSCANNER_FUZZ=ON \
    -DSCANNER_SANITIZE=address,undefined \
    -DSCANNER_BUILD_TESTS=OFF
cmake --build "$build_dir" --target fuzz_targets -j "$jobs"

targets=${*:-$(cd "$build_dir/fuzz" && ls fuzz_* | sed 's/^fuzz_//')}
failed=""
for name in $targets; do
    work="$build_dir/fuzz-work/$name"
    artifacts="$build_dir/fuzz-artifacts/$name"
    mkdir -p "$work" "$artifacts"
    echo "== fuzz_$name, $seconds s"
    # New inputs go to the work corpus; the seeds in the repository are only read.
    # shellcheck disable=SC2086 # $repeatable is a list of options
    if ! "$build_dir/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        $repeatable -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$source_dir/fuzz/corpus/$name"
    then
        echo "fuzz_$name crashed; the input is in $artifacts/. Fix the bug, then keep the input" \
            "as a regression test: cp $artifacts/<file> $source_dir/fuzz/regressions/$name/" >&2
        failed="$failed fuzz_$name"
    fi
done
if [ -n "$failed" ]; then
    echo "crashes found by:$failed" >&2
    exit 1
fi
