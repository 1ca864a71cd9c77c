# needs: db
# bib -> store -> bib keeps keywords and "and others" (issue 5); a
# re-import adds new keywords (a union, no repeats) and changes nothing
# the second time; the store keeps no @preamble.
$ cp "$SRC/tests/cli/data/lossless.bib" "$SRC/tests/cli/data/lossless-more.bib" .; colophon import bibtex lossless.bib
> imported lossless.bib: 2 works (2 new, 0 merged, 0 versions linked); 0 skipped

$ colophon export bibtex farley2014air roe2001essays
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

# Export, import the export, export again: the same BibTeX.
$ colophon export bibtex --all > one.bib; colophon import bibtex one.bib > /dev/null; colophon export bibtex --all | diff one.bib - && echo same
> same

# The same work from a source without the mark and with one new keyword.
$ colophon import bibtex lossless-more.bib
> imported lossless-more.bib: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ colophon import bibtex lossless-more.bib > /dev/null; colophon export bibtex farley2014air | grep -E 'author|keywords'
>   author = {Farley, Robert and Doe, Jane and others},
>   keywords = {air power, naval\_war, {Smith, John}, Müller, drones}

$ colophon export ris farley2014air | grep -c '^KW  - '
> 5

$ colophon export csljson farley2014air | grep keyword
>     "keyword": "air power, naval_war, Smith, John, Müller, drones"

# Another source's different creator list is kept as an alternative, and
# its "and others" with it: the stored list gains no mark.
$ cp "$SRC/tests/cli/data/lossless-alt.bib" .; colophon import bibtex lossless-alt.bib
> imported lossless-alt.bib: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ colophon export bibtex roe2001essays
> @book{roe2001essays,
>   editor = {Roe, Richard and others},
>   title = {Collected Essays},
>   publisher = {P},
>   year = {2001},
>   keywords = {essays}
> }
> 

$ colophon export bibtex --all | grep -c preamble
> 0
? 1
