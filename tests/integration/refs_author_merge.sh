#!/usr/bin/env bash
# A merge keeps who a stored work's creators are (end to end against the
# test server): a reference imported with `import refs --author "Robert
# Farley"` has its creator "R. Farley" linked to Robert Farley; the same
# reference imported again without --author merges into it by DOI, and the
# work stays Robert Farley's, with no extra "R. Farley" person left behind.
set -euo pipefail
bin=${COLOPHON_BIN:?}
base=$(cat "${COLOPHON_TEST_URI_FILE:?}")
export COLOPHON_DB="${base%/}/colophon_e2e_refs_author_$$"
work=$(mktemp -d "${COLOPHON_TEST_TMP:-/tmp}/refsauthor.XXXXXX")
drop() {
  "$bin" db drop --force >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap drop EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

printf '%s\n' 'Farley, R. (2014). Grounded: The Case for Reform. University Press of Kentucky. https://doi.org/10.1000/grounded' >"$work/refs.txt"

"$bin" import refs --author "Robert Farley" "$work/refs.txt"
"$bin" import refs "$work/refs.txt" | tee "$work/second.out"
grep -q '1 works (0 new, 1 merged' "$work/second.out" ||
  fail "the second import did not merge: $(cat "$work/second.out")"

"$bin" works "Robert Farley" >"$work/works.out"
grep -q 'Grounded: The Case for Reform' "$work/works.out" ||
  fail "the work left Robert Farley: $(cat "$work/works.out")"
"$bin" db status >"$work/status.out"
grep -Eq '^people: +1$' "$work/status.out" ||
  fail "expected one person: $(grep '^people' "$work/status.out")"
grep -Eq '^works: +1$' "$work/status.out" ||
  fail "expected one work: $(grep '^works' "$work/status.out")"
echo ok
