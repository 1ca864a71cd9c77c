#!/usr/bin/env bash
# transcript.sh COLOPHON FILE.t
# Replays a CLI transcript and compares stdout, stderr and exit codes.
#
# A transcript is a list of steps:
#   $ command line          run with bash; `colophon` is the binary under test
#   < line                  a line of standard input for the step
#   > line                  an expected stdout line (exact)
#   ! line                  an expected stderr line (exact)
#   ? N                     the expected exit code (default 0)
# Lines starting with '#' are comments.  "# needs: db" gives the steps a
# fresh database on the test server (COLOPHON_DB) that is dropped at the
# end; "# needs: localdb" lets the steps start Colophon's own local server
# (XDG_DATA_HOME is always a private directory; the server is stopped at
# the end).  "# needs: seed" skips the transcript (exit 77) when the shared seed
# document is absent.  Variables: $SRC (source tree), $SEED (the shared seed document),
# $TMP (a scratch directory for this transcript).
set -u
bin=$1 file=$2
name=$(basename "$file" .t)
TMP=$(mktemp -d "${COLOPHON_TEST_TMP:-/tmp}/t-$name.XXXXXX")
mkdir -p "$TMP/bin"
ln -s "$bin" "$TMP/bin/colophon"
export PATH="$TMP/bin:$PATH" TMP SRC="${COLOPHON_SOURCE_DIR:-}" SEED="${COLOPHON_SEED:-}"
# A private data directory: a transcript never touches the user's local
# server, and one that starts a local server gets its own.
export XDG_DATA_HOME="$TMP/xdg"
unset COLOPHON_DB
# libmongoc sets up shared-memory counters when it loads and, when
# /dev/shm is short under a parallel test run, says so on stderr
# ("Falling back to malloc for counters"), which a transcript would read
# as output.  Colophon never reads the counters.
export MONGOC_DISABLE_SHM=1

if grep -q '^# needs: seed' "$file" && [ ! -f "$SEED" ]; then
  echo "$name: the seed document is not present at '$SEED'; skipping"
  exit 77
fi
if grep -q '^# needs: db' "$file"; then
  base=$(cat "${COLOPHON_TEST_URI_FILE:?test server not running}")
  export COLOPHON_DB="${base%/}/colophon_t_${name//[^A-Za-z0-9]/_}_$$"
fi

cleanup() {
  if [ -n "${COLOPHON_DB:-}" ]; then "$bin" db drop --force >/dev/null 2>&1; fi
  if [ -d "$XDG_DATA_HOME/colophon" ]; then (unset COLOPHON_DB; "$bin" db stop >/dev/null 2>&1); fi
  rm -rf "$TMP"
}
trap cleanup EXIT

failures=0 step=0
cmd="" stdin="" want_out="" want_err="" want_rc=0 have_cmd=0

run_step() {
  [ $have_cmd = 1 ] || return 0
  step=$((step + 1))
  local got_out got_err got_rc
  got_out=$(mktemp) got_err=$(mktemp)
  (cd "$TMP" && printf '%s' "$stdin" | bash -c "$cmd" >"$got_out" 2>"$got_err")
  got_rc=$?
  local ok=1
  if ! diff -u <(printf '%s' "$want_out") "$got_out" >"$TMP/diff.out"; then ok=0; fi
  if ! diff -u <(printf '%s' "$want_err") "$got_err" >"$TMP/diff.err"; then ok=0; fi
  if [ "$got_rc" != "$want_rc" ]; then ok=0; fi
  if [ $ok = 0 ]; then
    failures=$((failures + 1))
    echo "--- step $step: \$ $cmd"
    echo "exit: want $want_rc, got $got_rc"
    echo "stdout diff (want → got):"; cat "$TMP/diff.out"
    echo "stderr diff (want → got):"; cat "$TMP/diff.err"
  fi
  rm -f "$got_out" "$got_err"
  cmd="" stdin="" want_out="" want_err="" want_rc=0 have_cmd=0
}

while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '$ '*) run_step; cmd=${line#\$ }; have_cmd=1 ;;
    '< '*) stdin+="${line#< }"$'\n' ;;
    '<') stdin+=$'\n' ;;
    '> '*) want_out+="${line#> }"$'\n' ;;
    '>') want_out+=$'\n' ;;
    '! '*) want_err+="${line#! }"$'\n' ;;
    '!') want_err+=$'\n' ;;
    '? '*) want_rc=${line#? } ;;
    '#'*|'') ;;
    *) echo "transcript: $file: cannot read line: $line" >&2; exit 2 ;;
  esac
done <"$file"
run_step

echo "$name: $step steps, $failures failed"
[ $failures = 0 ]
