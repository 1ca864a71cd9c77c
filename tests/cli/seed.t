# needs: db
# needs: seed
# The seed document, end to end on the real test server: only the author
# bio becomes records; importing twice changes nothing; the works query
# accepts name variants; the export is stable.

# Bad input first: it must leave the store as it was (empty).
$ printf 'About the Author\n\x00\x01' > bad.bin; colophon import bio bad.bin
! colophon: bad.bin:2:1: binary data, not text (NUL byte)
? 3

$ colophon db status | grep -E '^(people|works|venues|links|sources):'
> people:       0
> works:        0
> venues:       0
> links:        0
> sources:      0

$ cp "$SEED" seed.txt; colophon import bio seed.txt
> imported seed.txt: 1 people (1 new), 4 works (4 new), 5 venues (5 new), 6 links (6 new); 0 skipped

$ colophon import bio seed.txt --json | grep -A2 -E '"(people|works|venues|links)"' | grep -v -- -- | tr -d ' \n'; echo
> "people":{"new":0,"merged":1"works":{"new":0,"merged":4"venues":{"new":0,"merged":5"links":{"new":0,"merged":6

$ colophon db status | grep -E '^(people|works|venues|links|sources):'
> people:       1
> works:        4
> venues:       5
> links:        6
> sources:      1

$ colophon works "Robert Farley"
> 2023  book             Waging War with Gold: National Security and the Finance Domain Across the Ages (Lynne Rienner)
> 2020  book             Patents for Power: Intellectual Property Law and the Diffusion of Military Technology (University of Chicago)
> 2016  book             The Battleship Book (Wildside)
> 2014  book             Grounded: The Case for Abolishing the United States Air Force (University Press of Kentucky)

$ for n in Farley "R. Farley" "Farley, Robert" "Dr. Robert Farley" "farley"; do colophon works "$n" | md5sum; done | uniq | wc -l
> 1

$ colophon works "Jane Farley"
! colophon: no person matches 'Jane Farley'
? 6

$ colophon works Farley --json | grep -E '"(citation-key|title|publisher)"' | sed 's/^ *//'
> "citation-key": "farley2023waging",
> "title": "Waging War with Gold",
> "publisher": "Lynne Rienner"
> "citation-key": "farley2020patents",
> "title": "Patents for Power",
> "publisher": "University of Chicago"
> "citation-key": "farley2016battleship",
> "title": "The Battleship Book",
> "publisher": "Wildside"
> "citation-key": "farley2014grounded",
> "title": "Grounded",
> "publisher": "University Press of Kentucky"

$ colophon export bibtex --author "Robert Farley"
> @book{farley2023waging,
>   author = {Farley, Robert},
>   title = {Waging War with Gold: {National} Security and the Finance Domain Across the Ages},
>   publisher = {Lynne Rienner},
>   year = {2023}
> }
>
> @book{farley2020patents,
>   author = {Farley, Robert},
>   title = {Patents for Power: {Intellectual} Property Law and the Diffusion of Military Technology},
>   publisher = {University of Chicago},
>   year = {2020}
> }
>
> @book{farley2016battleship,
>   author = {Farley, Robert},
>   title = {The Battleship Book},
>   publisher = {Wildside},
>   year = {2016}
> }
>
> @book{farley2014grounded,
>   author = {Farley, Robert},
>   title = {Grounded: {The} Case for Abolishing the {United States Air Force}},
>   publisher = {University Press of Kentucky},
>   year = {2014}
> }
>

# -o writes the same bytes atomically; a failed write keeps the old file.
$ colophon export bibtex --author Farley -o out.bib && colophon export bibtex --author Farley | cmp - out.bib && echo same
> same

$ echo old > keep.bib; colophon export bibtex --author "Nobody Here" -o keep.bib; rc=$?; cat keep.bib; exit $rc
> old
! colophon: no person matches 'Nobody Here'
? 6

# A write that fails at the rename leaves the target and no temp file.
$ mkdir dir.bib; colophon export bibtex --author Farley -o dir.bib 2>&1 | sed 's/tmp[A-Za-z0-9]*/tmpX/'; ls -a dir.bib | wc -l; ls | grep -c tmp
> colophon: dir.bib: cannot replace: Is a directory
> 2
> 0
? 1
