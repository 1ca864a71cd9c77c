#!/usr/bin/env bash
# bench_query.sh [SIZE...] - query latency and import rate (issue 7).
#
# Starts a private test server (tests/support/testdb.sh: FerretDB or
# mongod on a Unix socket), and for each SIZE (default 10000 100000)
# loads a generated library of SIZE works, SIZE/5 people and SIZE/50
# venues into its own database with bulk inserts (`bench_query load`),
# then runs `bench_query query` in a fresh process: plans, p50/p99 of
# `works AUTHOR`, `search` (1, 2, 3 words) and `show`, and peak RSS.
# Each size's database is dropped afterwards (the server is stopped).
# Never a test.
#
#   BUILD=build bench/bench_query.sh 10000 100000 1000000
#   Q=200 SECONDS_PER_KIND=120 ...   queries per kind, time cap per kind
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
bench=$build/bench/bench_query
[ -x "$bench" ] || { echo "build first: cmake --build $build" >&2; exit 1; }
[ $# -gt 0 ] || set -- 10000 100000
dir=$(mktemp -d /tmp/colo-bench.XXXXXX)
trap '"$here/tests/support/testdb.sh" stop "$dir/server" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$here/tests/support/testdb.sh" start "$dir/server" >/dev/null
echo "server: $(basename "$(cat "$dir/server/binary")")"
rows=()
for n in "$@"; do
  uri="$(cat "$dir/server/uri")/colophon_bq_$n"
  echo "== $n works"
  "$bench" load "$uri" "$n" "$dir/sample.$n"
  "$bench" query "$uri" "$dir/sample.$n" "${Q:-200}" "${SECONDS_PER_KIND:-120}" | tee "$dir/out.$n"
  rows+=("$(tail -n 1 "$dir/out.$n")")
  header=$(tail -n 2 "$dir/out.$n" | head -n 1)
done
echo
echo "$header"
echo "$header" | sed 's/[^|]/-/g; s/--*/---/g'
printf '%s\n' "${rows[@]}"
