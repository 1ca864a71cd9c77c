# bib → RIS → bib and bib → CSL-JSON → bib give the same BibTeX as
# bib → bib: suffixes ("King, Jr."), corporate authors, particles, accents,
# subtitles and protected capitals survive both formats.
$ colophon convert $SRC/tests/cli/data/roundtrip.bib --to bibtex > direct.bib; colophon convert $SRC/tests/cli/data/roundtrip.bib --to ris > r.ris; colophon convert r.ris --to bibtex | diff direct.bib - && echo same
> same

$ colophon convert $SRC/tests/cli/data/roundtrip.bib --to csljson > r.json; colophon convert r.json --to bibtex | diff direct.bib - && echo same
> same

$ grep -E '^(AU|ED)  - ' r.ris
> AU  - King, Martin Luther, Jr.
> AU  - World Health Organization
> AU  - van Gogh, Vincent
> AU  - Müller, Anna
