# needs: db
# import refs: a CV's publication list stored, a second import changing
# nothing, --author linking the list's owner (and the CV's books that name
# nobody) to one person whom `works` then finds, the same works met again
# in another style merged, and an entry that is not a reference reported
# with its position, skipped and counted.
$ cp "$SRC/examples/refs-cv.txt" "$SRC/tests/golden/refs/skipped.txt" "$SRC/tests/golden/refs/prose.txt" .

$ colophon import refs --author "Robert Farley" refs-cv.txt
> imported refs-cv.txt: 7 works (7 new, 0 merged, 0 versions linked); 0 skipped

$ colophon import refs --author "Robert Farley" refs-cv.txt
> imported refs-cv.txt: 7 works (0 new, 7 merged, 0 versions linked); 0 skipped

$ colophon works "Robert Farley"
> 2023  article-newspaper Why navies still need shipyards (The Diplomat)
> 2023  book             Waging War with Gold: National Security and the Finance Domain Across the Ages (Lynne Rienner)
> 2020  book             Patents for Power: Intellectual Property Law and the Diffusion of Military Technology (University of Chicago)
> 2019  article-journal  Naval power after the missile age (Journal of Maritime Strategy)
> 2018  article-journal  Drones over the littoral (Journal of Maritime Strategy)
> 2016  book             The Battleship Book (Wildside)
> 2014  book             Grounded: The Case for Abolishing the United States Air Force (University Press of Kentucky)

# "Farley, R." and "Farley, R. M." in the list are the same person
$ colophon author show "Robert Farley" | sed -n '1,5p'
> Robert Farley
> id:           name:farley|robert
> variants:     Robert Farley
>               R. Farley
>               R. M. Farley

# The same article cited in IEEE style is the same work (same DOI).
$ printf '[1] R. Farley and A. Okafor, "Naval power after the missile age," J. Marit. Strateg., vol. 12, no. 3, pp. 45-67, 2019, doi: 10.5555/jms.2019.0045.\n' > ieee.txt
$ colophon import refs --dry-run ieee.txt
> merged    - (stored as farley2019naval): Naval power after the missile age
> would import ieee.txt: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ colophon import refs --author "Robert Farley" --json ieee.txt
> {
>   "source": "sha256:162bcdcbd4cdfd57edd0d5e7662ab5f96d999d0a301d56102ceeb6289022baf3",
>   "file": "ieee.txt",
>   "kind": "refs",
>   "works": {
>     "imported": 1,
>     "new": 0,
>     "merged": 1,
>     "duplicates": 0,
>     "versions": 0
>   },
>   "skipped": 0
> }

# a bad entry among good ones: reported with its position, skipped,
# counted; the Battleship Book is the one the CV already gave
# (the reason after "skipped:" depends on the labeller's model)
$ colophon import refs --author "Robert Farley" skipped.txt 2>err; cut -d: -f1-5 err
> imported skipped.txt: 2 works (1 new, 1 merged, 0 versions linked); 1 skipped
> colophon: skipped.txt:2:1: reference [2] skipped

# nothing that looks like a reference: one line, exit 3, nothing stored
$ colophon import refs prose.txt 2>err; echo "exit $?"; cut -d: -f1-5 err
> exit 3
> colophon: prose.txt:1:1: nothing that looks like a reference

# --author matches with accents and case folded, and initials
$ printf 'FARLÉY, R. (2020). Accents at sea. Harbor Academic Press.\nFarley, J. (2020). Another Farley. Harbor Academic Press.\n' > acc.txt
$ colophon import refs --author "Robert Farley" acc.txt
> imported acc.txt: 2 works (2 new, 0 merged, 0 versions linked); 0 skipped

$ colophon works "Robert Farley" | grep -c .
> 8

$ colophon works "Robert Farley" | grep -c 'Another Farley'
> 0
? 1

$ colophon works Okafor
> 2019  article-journal  Naval power after the missile age (Journal of Maritime Strategy)

# "et al." means the list of names goes on: BibTeX's "and others", not a note
$ printf 'Kowalski M, Brennan S, et al. Field hospitals at sea. Nav Med Rev. 2021;44(1):5-12.\n' > etal.txt; colophon import refs etal.txt
> imported etal.txt: 1 works (1 new, 0 merged, 0 versions linked); 0 skipped

$ colophon export bibtex --author Kowalski | grep -E 'author|note'
>   author = {Kowalski, M. and Brennan, S. and others},
