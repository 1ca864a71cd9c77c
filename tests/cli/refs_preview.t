# import refs --dry-run --json: the parsed works as a CSL-JSON array,
# with no database (the command the reference scorer runs); --lines;
# headings as type hints; the errors and their exit codes.

$ printf '[1] R. Farley and A. Okafor, "Naval power after the missile age," J. Marit. Strateg., vol. 12, no. 3, pp. 45-67, 2019.\n[2] R. Farley, The Battleship Book. Rockville, MD, USA: Wildside, 2016.\n' | colophon import refs --dry-run --json -
> [
>   {
>     "id": "farley2019naval",
>     "type": "article-journal",
>     "author": [
>       {"family": "Farley", "given": "R."},
>       {"family": "Okafor", "given": "A."}
>     ],
>     "title": "Naval power after the missile age",
>     "container-title": "J. Marit. Strateg.",
>     "issued": {"date-parts": [[2019]]},
>     "volume": "12",
>     "issue": "3",
>     "page": "45-67"
>   },
>   {
>     "id": "farley2016battleship",
>     "type": "book",
>     "author": [
>       {"family": "Farley", "given": "R."}
>     ],
>     "title": "The Battleship Book",
>     "publisher": "Wildside",
>     "publisher-place": "Rockville, MD, USA",
>     "issued": {"date-parts": [[2016]]}
>   }
> ]

# --lines: the indented second line is a reference of its own (and not one)
$ printf 'Farley, R. (2014). Grounded. University Press of Kentucky.\n  Lexington.\n' | colophon import refs --lines --dry-run --json - | grep -c '"id"'
> 1
! colophon: -:2:3: reference skipped: no title found

# the same two lines without --lines are one reference
$ printf 'Farley, R. (2014). Grounded. University Press of Kentucky.\n  Lexington.\n' | colophon import refs --dry-run --json - | grep -c '"id"'
> 1

# a heading says what the entries under it are; --author fills in the
# owner of a CV line that names nobody; equal default keys get suffixes
$ printf 'Edited Volumes\n\nCoalitions at Sea (Harbor Academic Press, 2021)\nCoalitions at Sea (Harbor Academic Press, 2021)\n' | colophon import refs --author 'Dr. Amara Okafor' --dry-run --json - | grep -E '"(id|type|family)"'
>     "id": "okafor2021coalitions",
>     "type": "book",
>       {"family": "Okafor", "given": "Amara"}
>     "id": "okafor2021coalitionsa",
>     "type": "book",
>       {"family": "Okafor", "given": "Amara"}

$ printf 'Edited Volumes\n\nCoalitions at Sea (Harbor Academic Press, 2021)\n' | colophon import refs --author 'Amara Okafor' --dry-run --json - | grep -A2 '"editor"'
>     "editor": [
>       {"family": "Okafor", "given": "Amara"}
>     ],

$ printf 'Publications\n\nBooks\n' | colophon import refs --dry-run --json -
! colophon: -:1:1: no references found (only headings)
? 3

$ printf '' | colophon import refs --dry-run --json -
! colophon: -: empty input
? 3

$ printf 'Farley, R. (2014). \377Grounded.\n' | colophon import refs --dry-run --json -
! colophon: -:1:20: invalid UTF-8 (byte 0xff)
? 3

$ colophon import refs --dry-run --json missing.txt
! colophon: missing.txt: cannot open: No such file or directory
? 3

$ colophon import refs
! colophon: import refs: missing FILE (use - for standard input)
? 2

$ printf '@book{k, title={T}, year=2000}\n' > k.bib
$ colophon import bibtex --lines --dry-run --json k.bib
! colophon: --author and --lines are options of 'import refs', not of 'bibtex'
? 2
