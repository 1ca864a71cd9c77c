#!/usr/bin/env bash
# golden.sh COLOPHON IMPORTER INPUT
# Text inputs (INPUT.txt) run `colophon import IMPORTER --dry-run --json
# INPUT`; structured inputs (INPUT.bib, .ris, .csl.json) run `colophon
# convert INPUT --from IMPORTER --to csljson`, which shows every record the
# reader produced and needs no database.  Then compares:
#   INPUT's .json sibling  with stdout (exit code must be 0), and for
#                          structured inputs its .diag sibling (absent:
#                          none) with stderr, the reader's diagnostics; or
#   INPUT's .err sibling   with "exit N" + stderr, when the case must fail.
# COLOPHON_UPDATE_GOLDEN=1 rewrites the expectation instead (review the
# diff before committing it).
set -u
bin=$1 importer=$2 input=$3
case "$input" in
  *.csl.json) base=${input%.csl.json} structured=1 ;;
  *.bib|*.ris) base=${input%.*} structured=1 ;;
  *) base=${input%.*} structured=0 ;;
esac
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# Run from the input's directory with a relative name so messages that
# name the file are the same on every machine.
cd "$(dirname "$input")" || exit 1
if [ $structured = 1 ]; then
  "$bin" convert "$(basename "$input")" --from "$importer" --to csljson >"$out" 2>"$err"
else
  "$bin" import "$importer" --dry-run --json "$(basename "$input")" >"$out" 2>"$err"
fi
rc=$?

if [ "${COLOPHON_UPDATE_GOLDEN:-0}" = 1 ]; then
  if [ $rc -eq 0 ]; then
    cp "$out" "$base.json"; rm -f "$base.err" "$base.diag"
    if [ $structured = 1 ] && [ -s "$err" ]; then cp "$err" "$base.diag"; fi
  else
    { echo "exit $rc"; cat "$err"; } >"$base.err"; rm -f "$base.json" "$base.diag"
  fi
  echo "updated expectation for $input"
  exit 0
fi

if [ -f "$base.err" ]; then
  if diff -u "$base.err" <(echo "exit $rc"; cat "$err"); then exit 0; fi
  echo "golden: $input: exit code or stderr differs from $base.err" >&2
  exit 1
fi
if [ ! -f "$base.json" ]; then
  echo "golden: no $base.json or $base.err for $input (run with COLOPHON_UPDATE_GOLDEN=1)" >&2
  exit 1
fi
if [ $rc -ne 0 ]; then
  echo "golden: $input: exit $rc" >&2; cat "$err" >&2; exit 1
fi
diff -u "$base.json" "$out" || { echo "golden: $input: output differs from $base.json" >&2; exit 1; }
if [ $structured = 1 ]; then
  if [ -f "$base.diag" ]; then want=$base.diag; else want=/dev/null; fi
  diff -u "$want" "$err" || { echo "golden: $input: diagnostics differ from $base.diag" >&2; exit 1; }
fi
exit 0
