#!/usr/bin/env bash
# golden.sh COLOPHON IMPORTER INPUT
# Runs `colophon import IMPORTER --dry-run --json INPUT` and compares:
#   INPUT's .json sibling  with stdout (exit code must be 0), or
#   INPUT's .err sibling   with "exit N" + stderr, when the case must fail.
# COLOPHON_UPDATE_GOLDEN=1 rewrites the expectation instead (review the
# diff before committing it).
set -u
bin=$1 importer=$2 input=$3
base=${input%.*}
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# Run from the input's directory with a relative name so messages that
# name the file are the same on every machine.
cd "$(dirname "$input")" || exit 1
"$bin" import "$importer" --dry-run --json "$(basename "$input")" >"$out" 2>"$err"
rc=$?

if [ "${COLOPHON_UPDATE_GOLDEN:-0}" = 1 ]; then
  if [ $rc -eq 0 ]; then
    cp "$out" "$base.json"; rm -f "$base.err"
  else
    { echo "exit $rc"; cat "$err"; } >"$base.err"; rm -f "$base.json"
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
