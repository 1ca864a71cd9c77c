#!/usr/bin/env bash
# [BASE=REV] [RUNS=3] [PARSE_ONLY=1] bench_import.sh [BUILD_DIR] [ENTRIES] [IMPORT_ENTRIES]
#
# The structured-import benchmark (issue 5), one run, all figures on the
# same machine at the same time:
#   1. generates a realistic .bib with bench/gen_bib.py (ENTRIES, default
#      25000: about 15-17 MB; see that script for what is in it);
#   2. times Colophon's full BibTeX parse alone (bench_parse.c, built here
#      against BUILD_DIR's core library and the reader sources) against
#      reading the bytes, best of RUNS rounds of 5, by the wall clock and
#      by CPU time, and its peak RSS; with BASE=<git revision> the readers
#      at that revision are built too and take turns with these, so the
#      before/after figures come from the same run;
#   3. times `colophon convert` bib→bib and bib→csljson against the Debian
#      peers that are installed: bibclean, bibtool -s, bibutils
#      (bib2xml | xml2bib), pandoc -f bibtex -t csljson, pybtex (parse
#      only); wall seconds (best of RUNS=3) and peak RSS (/usr/bin/time);
#   4. imports IMPORT_ENTRIES (default 25000) entries into a private test
#      server (tests/support/testdb.sh), then the same file again, and
#      reports records/s and the share of wall time Colophon spent on the
#      CPU versus waiting for the database, for each.
# PARSE_ONLY=1 stops after step 2.
# The peers are for this benchmark only (apt-get install bibclean bibtool
# bibutils pandoc python3-pybtex); they are not build dependencies.
# Never run as a test.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
n=${2:-25000}
nimport=${3:-25000}
runs=${RUNS:-3}
bin=$build/colophon
work=$(mktemp -d "${TMPDIR:-/tmp}/colo-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$src/bench/gen_bib.py" "$n" 1 >"$work/refs.bib"
bytes=$(stat -c %s "$work/refs.bib")
echo "input: $n entries, $bytes bytes (bench/gen_bib.py, seed 1)"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# bench_parse against the reader sources in $2 (a tree with importers/).
build_parse() {
  cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$src/core/include" \
    -I"$2/importers/include" -I"$2/importers" "$src/bench/bench_parse.c" \
    "$2/importers/bibtex.c" "$2/importers/latex.c" "$2/importers/ris.c" \
    "$2/importers/csljson.c" "$build/libcolophon_core.a" \
    $(pkg-config --libs libmongoc-1.0 libbson-1.0 libcurl libutf8proc libcrypto jansson) \
    -lpthread -o "$1"
}
build_parse "$work/bench_parse" "$src" || exit 1
variants=this
if [ -n "${BASE:-}" ]; then
  # The readers as they were at $BASE, timed in the same run.
  mkdir -p "$work/base"
  git -C "$src" archive "$BASE" importers | tar -x -C "$work/base" &&
    build_parse "$work/bench_parse_base" "$work/base" || exit 1
  variants="base this"
fi
cat "$work/refs.bib" >/dev/null # warm the page cache
# RUNS rounds, the variants taking turns, 5 parses each; the best parse and
# the best read (the same code in every variant) over all of them.
for r in $(seq "$runs"); do
  for v in $variants; do
    exe=$work/bench_parse; [ "$v" = base ] && exe=$work/bench_parse_base
    "$exe" "$work/refs.bib" bibtex 5 >"$work/parse.$v.$r"
  done
done
best() { # key files...
  local k=$1; shift
  awk -v k="$k" '$1 == k { if (b == "" || $2 < b) b = $2 } END { print b }' "$@"
}
read_s=$(best read_seconds "$work"/parse.*.*)
read_c=$(best read_cpu_seconds "$work"/parse.*.*)
for v in $variants; do
  exe=$work/bench_parse; [ "$v" = base ] && exe=$work/bench_parse_base
  parse_s=$(best parse_seconds "$work"/parse.$v.*)
  parse_c=$(best parse_cpu_seconds "$work"/parse.$v.*)
  /usr/bin/time -f "%M" -o "$work/parse.mem" "$exe" "$work/refs.bib" bibtex 1 >/dev/null
  label="colophon parse only"; [ "$v" = base ] && label="colophon parse only at $BASE"
  printf '%s: %.3f s, reading the bytes %.3f s (%.1fx); CPU %.3f s vs %.3f s (%.1fx); peak %d MB (%.2fx the file)\n' \
    "$label" "$parse_s" "$read_s" "$(echo "$parse_s / $read_s" | bc -l)" \
    "$parse_c" "$read_c" "$(echo "$parse_c / $read_c" | bc -l)" \
    $(( $(cat "$work/parse.mem") / 1024 )) "$(echo "$(cat "$work/parse.mem") * 1024 / $bytes" | bc -l)"
done

[ -n "${PARSE_ONLY:-}" ] && exit 0

# best-of-$runs wall time and the peak RSS of that run: "secs kb"
measure() {
  local best="" mem=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c "$1" >/dev/null 2>&1
    read -r s m <"$work/t"
    if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then best=$s mem=$m; fi
  done
  echo "$best $mem"
}

row() { # name command
  local r s m
  r=$(measure "$2"); s=${r% *}; m=${r#* }
  printf '| %-40s | %6.2f | %6d | %5.1f |\n' "$1" "$s" $((m / 1024)) "$(echo "$m * 1024 / $bytes" | bc -l)"
}

echo
echo "| tool (same run, best of $runs) | wall s | peak MB | peak/file |"
echo "|---|---:|---:|---:|"
f=$work/refs.bib
row "colophon convert --to bibtex" "'$bin' convert '$f' --to bibtex"
row "colophon convert --to csljson" "'$bin' convert '$f' --to csljson"
command -v bibclean >/dev/null && row "bibclean" "bibclean '$f'"
command -v bibtool >/dev/null && row "bibtool -s" "bibtool -s '$f'"
command -v bib2xml >/dev/null && row "bibutils bib2xml | xml2bib" "bib2xml '$f' | xml2bib"
command -v pandoc >/dev/null && row "pandoc -f bibtex -t csljson" "pandoc -f bibtex -t csljson '$f'"
# Debian's pybtex is for Debian's python3 (not a pyenv one on PATH).
/usr/bin/python3 -c 'import pybtex' 2>/dev/null &&
  row "pybtex (parse_file)" "/usr/bin/python3 -c 'import pybtex.database as d; d.parse_file(\"$f\")'"

# Import into a private server.
echo
python3 "$src/bench/gen_bib.py" "$nimport" 7 >"$work/import.bib"
"$src/tests/support/testdb.sh" start "$work/server" >/dev/null 2>&1 || { echo "no test server: import not measured"; exit 0; }
uri=$(cat "$work/server/uri")
export COLOPHON_DB="${uri%/}/colophon_bench_$$"
# import_once LABEL: one import of import.bib, timed, reported.
import_once() {
  /usr/bin/time -f "%e %U %S" -o "$work/imp" "$bin" import bibtex "$work/import.bib" >"$work/imp.out" 2>&1
  read -r wall user sys <"$work/imp"
  records=$(awk '/^imported/ {print $3}' "$work/imp.out")
  people=$("$bin" db status | awk '/^people:/ {print $2}')
  cpu=$(echo "$user + $sys" | bc -l)
  printf '%s: %s works + %s people in %.1f s: %.0f works/s, %.0f records/s; Colophon on the CPU %.2f s (%.1f%%), waiting for the database %.1f s (%.1f%%)\n' \
    "$1" "$records" "$people" "$wall" "$(echo "$records / $wall" | bc -l)" \
    "$(echo "($records + $people) / $wall" | bc -l)" "$cpu" \
    "$(echo "100 * $cpu / $wall" | bc -l)" "$(echo "$wall - $cpu" | bc -l)" \
    "$(echo "100 * ($wall - $cpu) / $wall" | bc -l)"
  sed -n 's/^imported [^:]*: /  (/p' "$work/imp.out" | sed 's/$/)/'
}
echo "server: $(cat "$work/server/binary")"
import_once "import into an empty database"
import_once "the same file again"
"$bin" db drop --force >/dev/null 2>&1
"$src/tests/support/testdb.sh" stop "$work/server" >/dev/null 2>&1
