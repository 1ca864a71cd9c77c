#!/usr/bin/env bash
# test.sh - the README's second command: set up and run the whole test
# suite (unit, golden, CLI transcripts, fuzz-corpus replays, integration
# tests against a real FerretDB/MongoDB server, real bibtex).
#
#   scripts/test.sh              build in build/ with -Werror, run everything
#   scripts/test.sh --sanitize   the same under AddressSanitizer and
#                                UndefinedBehaviorSanitizer, in build-asan/
#   scripts/test.sh -L unit      extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
cmake_args=(-DCOLOPHON_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build=build-asan
  cmake_args=(-DCOLOPHON_WERROR=ON -DCOLOPHON_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi

scripts/install-deps.sh --test
if ! command -v mongod >/dev/null && [ -z "${COLOPHON_FERRETDB:-}" ]; then
  export COLOPHON_FERRETDB=$(scripts/get-ferretdb.sh | tail -n 1)
fi

cmake -S . -B "$build" "${cmake_args[@]}"
cmake --build "$build" -j"$(nproc)"
# A test that fails is run once more before it counts as failed, so a
# one-off caused by the machine (not the code) does not fail the run.  A
# real regression fails both runs; ctest prints every failure.
ctest --test-dir "$build" --output-on-failure -j2 --repeat until-pass:2 "$@"
