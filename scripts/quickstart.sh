#!/usr/bin/env bash
# quickstart.sh - the README's first command: from a fresh machine to an
# author's works and BibTeX on the local default database.
#
# Installs what is missing (Debian packages; FerretDB unless mongod is on
# PATH or COLOPHON_DB names a server), builds Colophon into build/, imports
# the example bio and shows what Colophon now knows.
set -euo pipefail
cd "$(dirname "$0")/.."

example=${1:-examples/bio-miriam-okafor.txt}
author=${2:-"Miriam Okafor"}

scripts/install-deps.sh
if [ -z "${COLOPHON_DB:-}" ] && ! command -v mongod >/dev/null && ! command -v ferretdb >/dev/null; then
  export COLOPHON_FERRETDB=$(scripts/get-ferretdb.sh | tail -n 1)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
colophon=build/colophon

echo "\$ colophon import bio $example"
$colophon import bio "$example"
echo
echo "\$ colophon works \"$author\""
$colophon works "$author"
echo
echo "\$ colophon export bibtex --author \"$author\""
$colophon export bibtex --author "$author"
echo "\$ colophon db status"
$colophon db status
