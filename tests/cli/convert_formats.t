# convert: bibliography formats to each other with no database (the
# unreachable URI proves none is opened).  Readers' diagnostics go to
# stderr as FILE:LINE:COL and the rest is converted.
$ cp "$SRC/tests/golden/bibtex/grammar.bib" "$SRC/tests/golden/bibtex/malformed.bib" "$SRC/tests/golden/ris/editors.ris" .

$ COLOPHON_DB=mongodb://127.0.0.1:1/ colophon convert grammar.bib --to ris | head -17
> TY  - JOUR
> ID  - farley2014
> AU  - Farley, Robert
> AU  - de la Fontaine, Jean
> AU  - King, Martin Luther, Jr.
> AU  - Barnes and Noble
> TI  - The Battleship Book: A History – 1906 to 1991
> T2  - Naval War College Review
> PY  - 2014
> DA  - 2014/09/15/
> VL  - 67
> IS  - 2
> SP  - 10
> EP  - 25
> DO  - 10.1000/NWCR.2014.2
> ER  - 
> 

# Round trips: BibTeX -> CSL-JSON -> BibTeX and BibTeX -> RIS -> CSL-JSON give the same records,
# but for "and others", which CSL-JSON cannot say (docs/EXPORT.md).
$ colophon convert grammar.bib --to csljson > g.json && colophon convert g.json --to bibtex > rt.bib && colophon convert grammar.bib --to bibtex | sed 's/ and others}/}/' | cmp - rt.bib && echo same
> same
! colophon: grammar.bib: @preamble not written: it is TeX code (--keep-preamble writes it back)

$ colophon convert editors.ris --to csljson > e.json && colophon convert e.json --to ris > e2.ris && colophon convert e2.ris --to csljson | cmp - e.json && echo same
> same

# Sniffed from the content, standard input, -o written atomically
$ colophon convert - --to csljson < editors.ris | grep -c '"editor"'
> 2

$ colophon convert malformed.bib --to bibtex -o out.bib; grep -c '^@' out.bib
> 4
! colophon: malformed.bib:3:28: unbalanced brace in field 'title'
! colophon: malformed.bib:6:27: undefined macro 'undefinedmacro'
! colophon: malformed.bib:7:18: expected ',' after the citation key
! colophon: malformed.bib:8:1: repeated entry 'good1' skipped
! colophon: malformed.bib:9:26: expected '=' after field name 'title'
! colophon: malformed.bib:11:33: unterminated quoted value in field 'title'

$ colophon convert grammar.bib --to biblatex | grep -E 'journaltitle|date ='| head -2
>   journaltitle = {Naval War College Review},
>   date = {2014-09-15},
! colophon: grammar.bib: @preamble not written: it is TeX code (--keep-preamble writes it back)

$ colophon convert grammar.bib
! colophon: convert: --to FORMAT is required (bibtex, biblatex, csljson, ris)
? 2

$ colophon convert grammar.bib --to xml
! colophon: unknown output format 'xml' (bibtex, biblatex, csljson, ris)
? 2

$ colophon convert grammar.bib --from refworks --to ris
! colophon: unknown input kind 'refworks' (bibtex, ris, csljson, bio)
? 2

$ colophon convert nope.bib --to ris
! colophon: nope.bib: cannot open: No such file or directory
? 3

$ printf 'hello there\n' > t.txt; colophon convert t.txt --to ris
! colophon: t.txt: cannot tell what format this is; name it: colophon convert --from KIND
? 3

$ : > empty.bib; colophon convert empty.bib --to ris
! colophon: empty.bib: empty input
? 3

$ printf '%% only a comment\n' > c.bib; colophon convert c.bib --from bibtex --to ris
! colophon: c.bib: no BibTeX entries found
? 3

