#!/usr/bin/env bash
# bench_bio.sh BUILD_DIR [N] - builds bench/bench_bio.c with -O2 against the
# static libraries in BUILD_DIR (libcolophon_importers.a, libcolophon_core.a:
# build them first with cmake --build BUILD_DIR) and runs it: N (default
# 10,000) generated bios parsed in memory, no database.  Prints bios/s and
# MB/s.  Not a test; run it by hand.
set -euo pipefail
if [ $# -lt 1 ] || [ ! -f "$1/libcolophon_core.a" ]; then
  echo "usage: bench/bench_bio.sh BUILD_DIR [N]  (BUILD_DIR holds libcolophon_core.a)" >&2
  exit 2
fi
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
shift
out=${TMPDIR:-/tmp}/bench_bio.$$
trap 'rm -f "$out"' EXIT
cc -std=c11 -O2 -DNDEBUG -D_POSIX_C_SOURCE=200809L \
  -I"$src/core/include" -I"$src/importers/include" \
  "$src/bench/bench_bio.c" "$build/libcolophon_importers.a" "$build/libcolophon_core.a" \
  $(pkg-config --libs libmongoc-1.0 libbson-1.0 libutf8proc libcurl openssl) -lm -o "$out"
"$out" "$@"
