#!/usr/bin/env bash
# The seed's author bio, end to end: import into the real test server,
# export BibTeX for Robert Farley, and let Debian's real bibtex with
# plain.bst judge it — any warning or error fails the test.
set -euo pipefail
bin=${COLOPHON_BIN:?}
if [ ! -f "${COLOPHON_SEED:-}" ]; then
  echo "seed document not present at ${COLOPHON_SEED:-?}; skipping"; exit 77
fi
if ! command -v bibtex >/dev/null || ! kpsewhich plain.bst >/dev/null 2>&1; then
  echo "bibtex or plain.bst missing: apt-get install texlive-binaries texlive-base" >&2
  exit 1
fi
base=$(cat "${COLOPHON_TEST_URI_FILE:?}")
export COLOPHON_DB="${base%/}/colophon_e2e_bibtex_$$"
work=$(mktemp -d "${COLOPHON_TEST_TMP:-/tmp}/bibtex.XXXXXX")
trap '"$bin" db drop --force >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

"$bin" import bio "$COLOPHON_SEED"
"$bin" export bibtex --author "Robert Farley" -o "$work/farley.bib"
cat "$work/farley.bib"

keys=$(sed -n 's/^@book{\([^,]*\),$/\1/p' "$work/farley.bib" | sort | tr '\n' ' ')
want="farley2014grounded farley2016battleship farley2020patents farley2023waging "
if [ "$keys" != "$want" ]; then
  echo "FAIL: keys are '$keys', want '$want'" >&2; exit 1
fi

cd "$work"
{
  for k in $keys; do printf '\\citation{%s}\n' "$k"; done
  printf '\\bibstyle{plain}\n\\bibdata{farley}\n'
} > paper.aux
set +e
bibtex paper > bibtex.out 2>&1
rc=$?
set -e
cat bibtex.out
# bibtex's own wording: "Warning--...", "(There were N error messages)",
# "I was expecting ...", "---line N of file ...".
if [ $rc -ne 0 ] || grep -qE 'Warning--|error message|I was expecting|I couldn.t|---line' bibtex.out paper.blg; then
  echo "FAIL: bibtex exited $rc or reported warnings/errors" >&2; exit 1
fi
items=$(grep -c '\\bibitem' paper.bbl)
if [ "$items" != 4 ]; then
  echo "FAIL: paper.bbl has $items \\bibitem entries, want 4" >&2; exit 1
fi
# The protected proper noun reaches the formatted bibliography intact.
tr -s '\n ' '  ' < paper.bbl | grep -q 'United States Air Force' || { echo 'FAIL: proper noun lost' >&2; exit 1; }
echo "bibtex accepted 4 entries with no warnings"
