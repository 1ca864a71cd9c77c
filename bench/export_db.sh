#!/usr/bin/env bash
# export_db.sh [N] - export speed from the database (issue 4).
#
# Starts a private test server (tests/support/testdb.sh: FerretDB or
# mongod on a Unix socket), stores N generated works (default 100,000)
# with bulk inserts in save_batch's document shape (`bench_export
# --load`), then times
# `colophon export bibtex --all` and `colophon export csljson --all` to a
# file, and runs the writer-only benchmark on the same number of works for
# comparison.  Prints entries/s and MB/s for each.  Never a test.
#
#   BUILD=build bench/export_db.sh 100000
set -euo pipefail
n=${1:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
bin=$build/colophon
bench=$build/bench/bench_export
[ -x "$bin" ] && [ -x "$bench" ] || { echo "build first: cmake --build $build" >&2; exit 1; }
dir=$(mktemp -d /tmp/colo-bench.XXXXXX)
trap '"$here/tests/support/testdb.sh" stop "$dir/server" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$here/tests/support/testdb.sh" start "$dir/server" >/dev/null
export COLOPHON_DB="$(cat "$dir/server/uri")/colophon_bench"
echo "server: $("$bin" db status | sed -n 's/^backend: *//p') $("$bin" db status | sed -n 's/^version: *//p')"

t0=$(date +%s.%N)
"$bench" --load "$COLOPHON_DB" "$n" 2>/dev/null
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "load: %d works in %.1f s (%.0f works/s; bulk insert, batches of 1000)\n", n, b - a, n / (b - a) }'

for fmt in bibtex csljson; do
  t0=$(date +%s.%N)
  # bash's `time`: Colophon's own CPU (user + sys) beside the wall clock
  cpu=$( { TIMEFORMAT='%U %S'; time "$bin" export $fmt --all > "$dir/out.$fmt"; } 2>&1 )
  t1=$(date +%s.%N)
  bytes=$(stat -c %s "$dir/out.$fmt")
  entries=$(if [ $fmt = bibtex ]; then grep -c '^@' "$dir/out.$fmt"; else grep -c '^    "id": ' "$dir/out.$fmt"; fi)
  awk -v f=$fmt -v e="$entries" -v by="$bytes" -v a="$t0" -v b="$t1" -v cpu="$cpu" 'BEGIN {
    s = b - a; split(cpu, c, " ")
    printf "export %-8s from the database: %d entries in %.2f s: %.0f entries/s, %.1f MB/s; colophon CPU %.2f s\n", f, e, s, e / s, by / s / 1e6, c[1] + c[2] }'
done
echo "writers alone on $n generated works:"
"$bench" "$n" 3
