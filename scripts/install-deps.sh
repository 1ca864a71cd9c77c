#!/usr/bin/env bash
# install-deps.sh - installs the Debian packages Colophon builds and tests
# with, when any is missing.  Safe to run again: it does nothing when all
# are present.  Needs root (or sudo) only when something must be installed.
#
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also what the test suite uses
set -euo pipefail

pkgs=(build-essential cmake pkg-config
      libmongoc-dev libbson-dev libcurl4-openssl-dev libutf8proc-dev libssl-dev
      libjansson-dev)
if [ "${1:-}" = "--test" ]; then
  # cmocka: unit tests; texlive-*, biber: real bibtex/plain.bst, pdflatex
  # and biber/biblatex judge the BibTeX we write; pandoc reads our
  # CSL-JSON; poppler-utils (pdftotext) checks compiled PDFs; python3 runs
  # the local HTTP fixture and the bio scorer; graphviz renders graphs.
  # Recommended packages are installed too: the TeX tests were verified
  # with them.
  pkgs+=(libcmocka-dev texlive-binaries texlive-base
         texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber pandoc poppler-utils
         python3 graphviz)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps.sh: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps.sh: run as root or install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q "${missing[@]}" >/dev/null
