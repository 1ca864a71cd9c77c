#!/usr/bin/env bash
# The import progress line (issue 5), end to end against the test server:
# a long structured import (500 works or more) whose stderr is a terminal
# redraws "N/M works, R/s, eta Ts" there, and ends it with a newline; the
# same import with stderr not a terminal writes no progress at all.
#
# The terminal is a pseudo-terminal from util-linux's script(1).  stdout is
# sent to a file inside the command, so what script copies from the
# terminal is stderr alone (with the terminal's \r\n for \n).
set -euo pipefail
bin=${COLOPHON_BIN:?}
if ! command -v script >/dev/null; then
  echo "script (util-linux) not installed; skipping"; exit 77
fi
base=$(cat "${COLOPHON_TEST_URI_FILE:?}")
db="${base%/}/colophon_e2e_progress_$$"
work=$(mktemp -d "${COLOPHON_TEST_TMP:-/tmp}/progress.XXXXXX")
drop() {
  for d in tty pipe; do
    COLOPHON_DB="${db}_$d" "$bin" db drop --force >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap drop EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 520 distinct works: none merges with another, so the batch is 520 long.
n=520
for i in $(seq "$n"); do
  printf '@article{work%d,\n  author = {Family%d, Given and Other%d, A.},\n' "$i" "$i" "$i"
  printf '  title = {Progress line test work number %d},\n' "$i"
  printf '  journal = {Journal of Tests},\n  year = %d\n}\n\n' $((1900 + i % 120))
done >"$work/refs.bib"

# On a terminal.
set +e
COLOPHON_DB="${db}_tty" script -qec \
  "'$bin' import bibtex '$work/refs.bib' >'$work/tty.stdout'" /dev/null \
  </dev/null >"$work/tty.stderr"
rc=$?
set -e
echo "--- stderr on a terminal (\\r shown as newlines):"
tr '\r' '\n' <"$work/tty.stderr" | grep -v '^$' | tail -n 5 || true
[ $rc -eq 0 ] || fail "import on a terminal exited $rc"
grep -q "^imported .*: $n works" "$work/tty.stdout" ||
  fail "summary missing from stdout: $(cat "$work/tty.stdout")"
! grep -q '^imported' "$work/tty.stderr" || fail "stdout reached the terminal capture"

# Every redraw, in order: "N/M works, R/s, eta Ts", N never going back and
# the last one complete.
tr '\r' '\n' <"$work/tty.stderr" | sed 's/ *$//' | { grep -v '^$' || true; } >"$work/lines"
grep -Eq "^[0-9]+/$n works, [0-9]+/s, eta [0-9]+s$" "$work/lines" ||
  fail "no progress line on the terminal"
bad=$(grep -Ev "^[0-9]+/$n works, [0-9]+/s, eta [0-9]+s$" "$work/lines" || true)
[ -z "$bad" ] || fail "unexpected text on the terminal: $bad"
awk -F/ -v n="$n" 'NR > 1 && $1 + 0 < last { bad = 1 } { last = $1 + 0 }
  $1 + 0 < 1 || $1 + 0 > n { bad = 1 }
  END { exit bad || last != n }' "$work/lines" ||
  fail "the counts go back, leave 1..$n, or never reach $n/$n"
last=$(tail -n 1 "$work/lines")
case "$last" in
"$n/$n works, "*"/s, eta 0s") ;;
*) fail "last progress line is '$last'" ;;
esac
# The finished line is ended, so what follows starts on a line of its own.
tail -c 2 "$work/tty.stderr" | od -An -c | grep -q '\\r  *\\n' ||
  fail "the progress line is not ended with a newline"

# Not a terminal: no progress, not even a carriage return.
COLOPHON_DB="${db}_pipe" "$bin" import bibtex "$work/refs.bib" \
  >"$work/pipe.stdout" 2>"$work/pipe.stderr" </dev/null ||
  fail "import without a terminal exited $?"
echo "--- stderr without a terminal:"
cat "$work/pipe.stderr"
grep -q "^imported .*: $n works" "$work/pipe.stdout" || fail "summary missing"
if grep -q 'works, .*/s, eta' "$work/pipe.stderr" || grep -q $'\r' "$work/pipe.stderr"; then
  fail "progress written to a stderr that is not a terminal"
fi
echo "progress shown on a terminal ($(wc -l <"$work/lines") redraws), none on a file"
