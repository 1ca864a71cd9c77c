# needs: db
# Choosing what to export (issue 4): keys as arguments and on stdin, a
# LaTeX .aux (BibTeX's \citation, biblatex's \abx@aux@cite, \@input
# followed, \citation{*} = all), --all; keys not in the store go to stderr
# with exit code 6 while the output is still written; -o is atomic; every
# format from one selection.

$ cp "$SRC/examples/bio-miriam-okafor.txt" bio.txt; colophon import bio bio.txt
> imported bio.txt: 1 people (1 new), 3 works (3 new), 4 venues (4 new), 5 links (5 new); 0 skipped

$ colophon export bibtex okafor2009salt
> @book{okafor2009salt,
>   author = {Okafor, Miriam},
>   title = {Salt Roads: {Shipping} and Empire in the {Gulf of Guinea}},
>   publisher = {Harbourline Press},
>   year = {2009}
> }
>

# Missing keys: listed, exit 6, and what was found is still written.
$ colophon export bibtex okafor2015lighthouse nosuchkey okafor2015lighthouse | grep '^@'
> @book{okafor2015lighthouse,
! colophon: not in the store: nosuchkey
! colophon: 1 of 3 keys not found; wrote 1 entries
? 0

$ colophon export bibtex okafor2015lighthouse nosuchkey >/dev/null
! colophon: not in the store: nosuchkey
! colophon: 1 of 2 keys not found; wrote 1 entries
? 6

# Keys on stdin, one per line; blank lines and spaces ignored.
$ colophon export bibtex - | grep '^@'
< okafor2021tidal
<
<   okafor2009salt  
> @book{okafor2021tidal,
> @book{okafor2009salt,

# A biblatex .aux that \@inputs a chapter's BibTeX-style .aux (paths are
# relative to the main .aux's directory, where LaTeX ran).
$ mkdir -p paper/ch; printf '\\relax\n\\abx@aux@cite{0}{okafor2021tidal}\n\\@input{ch/one.aux}\n\\@input{main.aux}\n' > paper/main.aux; printf '\\citation{okafor2009salt,okafor2021tidal}\n\\@input{main.aux}\n' > paper/ch/one.aux; colophon export biblatex --aux paper/main.aux | grep -E '^@|date'
> @book{okafor2021tidal,
>   date = {2021}
> @book{okafor2009salt,
>   date = {2009}

$ printf '\\citation{okafor2009salt}\n\n\\@input{ch/gone.aux}\n' > paper/bad.aux; colophon export bibtex --aux paper/bad.aux
! colophon: paper/bad.aux:3:1: cannot read 'paper/ch/gone.aux': No such file or directory
? 3

$ colophon export bibtex --aux nowhere.aux
! colophon: nowhere.aux: cannot read 'nowhere.aux': No such file or directory
? 3

# \citation{*} (\nocite{*}) exports everything, once.
$ printf '\\citation{*}\n\\citation{okafor2009salt}\n' > all.aux; colophon export bibtex --aux all.aux | grep '^@'
> @book{okafor2009salt,
> @book{okafor2015lighthouse,
> @book{okafor2021tidal,

$ colophon export ris --all | grep -E '^(TY|ID|TI|ER)'
> TY  - BOOK
> ID  - okafor2009salt
> TI  - Salt Roads: Shipping and Empire in the Gulf of Guinea
> ER  - 
> TY  - BOOK
> ID  - okafor2015lighthouse
> TI  - The Lighthouse Keepers
> ER  - 
> TY  - BOOK
> ID  - okafor2021tidal
> TI  - Tidal States: Ports, Customs and the Making of West African Trade
> ER  - 

$ colophon export csljson okafor2015lighthouse --author Okafor | grep '"id"'
>     "id": "okafor2021tidal",
>     "id": "okafor2015lighthouse",
>     "id": "okafor2009salt",

# -o is atomic: a failed export leaves the old file; a good one replaces it.
$ echo old > refs.bib; colophon export bibtex --all -o refs.bib --key-pattern '[nope]'; echo "exit $?"; cat refs.bib
> exit 2
> old
! colophon: --key-pattern '[nope]': column 2: unknown key-pattern token '[nope]' (auth, authors, authorsN, year, title, titleN, shorttitle, fulltitle)

$ colophon export bibtex okafor2009salt nosuchkey -o refs.bib; echo "exit $?"; grep -c '^@' refs.bib; ls | grep -c tmp || true
> exit 6
> 1
> 0
! colophon: not in the store: nosuchkey
! colophon: 1 of 2 keys not found; wrote 1 entries

$ colophon export endnote --all
! colophon: unknown export format 'endnote' (bibtex, biblatex, csljson, ris)
? 2

$ colophon export bibtex
! colophon: export: say which works: KEY..., '-', --aux FILE, --author NAME, --query TEXT or --all
? 2
