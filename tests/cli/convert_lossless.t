# convert keeps what issue 5 found lost: keywords (every format), a
# truncated name list ("and others": BibTeX and BibLaTeX only) and, with
# --keep-preamble, the file's @preamble (BibTeX to BibTeX/BibLaTeX only,
# verbatim: it is TeX code).  bib -> bib -> bib is stable.
$ colophon convert $SRC/tests/cli/data/lossless.bib --to bibtex --keep-preamble > a.bib; cat a.bib
> @preamble{{\newcommand{\noopsort}[1]{}\providecommand{\url}[1]{#1}}}
> 
> @article{farley2014air,
>   author = {Farley, Robert and Doe, Jane and others},
>   title = {Air Power},
>   journal = {Naval War College Review},
>   year = {2014},
>   keywords = {air power, naval\_war, {Smith, John}, Müller}
> }
> 
> @book{roe2001essays,
>   editor = {Roe, Richard and others},
>   title = {Collected Essays},
>   publisher = {P},
>   year = {2001}
> }
> 

$ colophon convert a.bib --to bibtex --keep-preamble | diff a.bib - && echo same
> same

$ colophon convert a.bib --to biblatex --keep-preamble | grep -E '^@preamble|and others|keywords'
> @preamble{{\newcommand{\noopsort}[1]{}\providecommand{\url}[1]{#1}}}
>   author = {Farley, Robert and Doe, Jane and others},
>   keywords = {air power, naval\_war, {Smith, John}, Müller}
>   editor = {Roe, Richard and others},

# Without --keep-preamble the preamble is left out, and said so.
$ colophon convert a.bib --to bibtex | grep -c preamble
> 0
! colophon: a.bib: @preamble not written: it is TeX code (--keep-preamble writes it back)
? 1

# RIS and CSL-JSON carry the keywords; neither has "and others" nor a
# preamble, and neither says anything about them.
$ colophon convert a.bib --to ris | grep -E '^(AU|KW)  - '
> AU  - Farley, Robert
> AU  - Doe, Jane
> KW  - air power
> KW  - naval_war
> KW  - Smith, John
> KW  - Müller

$ colophon convert a.bib --to csljson --keep-preamble | grep -E 'keyword|others|preamble'
>     "keyword": "air power, naval_war, Smith, John, Müller"

# The keywords survive RIS both ways.
$ colophon convert a.bib --to ris > a.ris; colophon convert a.ris --to bibtex | grep keywords
>   keywords = {air power, naval\_war, {Smith, John}, Müller}
