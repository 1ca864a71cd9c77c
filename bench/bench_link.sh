#!/usr/bin/env bash
# bench_link.sh [PATTERNS] - builds bench/bench_link.c with -O2 straight
# from the sources it needs (the linker, buffers, allocation; utf8proc)
# and runs it: 10,000 articles of ~5 KB against PATTERNS/10, PATTERNS and
# 2*PATTERNS known titles and venue names (default 100,000).  Prints MB/s
# of text scanned and links/s.  Not a test; run it by hand.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${TMPDIR:-/tmp}/bench_link.$$
trap 'rm -f "$out"' EXIT
cc -std=c11 -O2 -DNDEBUG -D_POSIX_C_SOURCE=200809L -I"$src/core/include" \
  "$src/bench/bench_link.c" "$src/core/linker.c" "$src/core/buf.c" \
  "$src/core/mem.c" $(pkg-config --cflags --libs libutf8proc) -o "$out"
"$out" "$@"
