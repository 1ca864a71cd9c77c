# needs: db
# Cross-linking on fixtures written for this test: works and venues from a
# bio, a review article that names them, `link` recording cites and
# mentions (nothing from the reader comment, nothing twice), a work
# imported later found by the next link, cites / cited-by, the graph
# around a work, and the errors.

$ printf 'About the Author\nDr. Jane Roe is the author of Tides of Trade: Ports and Power (Harbor Press, 2019) and Salt Roads (Wildside, 2016). She has contributed to the Diplomat and World Politics Review.\n' > bio.txt; colophon import bio bio.txt
> imported bio.txt: 1 people (1 new), 2 works (2 new), 2 venues (2 new), 2 links (2 new); 0 skipped

$ cp "$SRC/tests/golden/article/review.txt" .; colophon import article review.txt
> imported review.txt: 1 people (1 new), 2 works (2 new), 1 venues (1 new), 1 links (1 new); 0 skipped

$ colophon link --text review.txt
> linked 1 texts (284 bytes): 5 links (5 new)

$ colophon link
> linked 1 texts (284 bytes): 5 links (0 new)

$ colophon cites "Reading the Sea: Three Books"
> cites     roe2019tides                 Tides of Trade: Ports and Power (2019)
> cites     roe2016salt                  Salt Roads (2016)
> mentions  venue                        Lawyers Guns And Money
> mentions  venue                        The Diplomat
> mentions  venue                        World Politics Review

# The Long Quay is named in the review (and in the comment, which is not
# scanned); once it is in the store, the next link finds it.
$ printf 'About the Author\nDr. Lee Park is the author of The Long Quay (Harbor Press, 2025).\n' > bio2.txt; colophon import bio bio2.txt
> imported bio2.txt: 1 people (1 new), 1 works (1 new), 0 venues (0 new), 0 links (0 new); 0 skipped

$ colophon link "Reading the Sea" --json
> {
>   "texts": 1,
>   "bytes": 284,
>   "links": {
>     "new": 1,
>     "merged": 5
>   }
> }

$ colophon cites costa2024reading | head -2
> cites     park2025long                 The Long Quay (2025)
> cites     roe2019tides                 Tides of Trade: Ports and Power (2019)

$ colophon cited-by "Tides of Trade"
> cites     costa2024reading             Reading the Sea: Three Books (2024)

$ colophon cited-by "Reading the Sea"
> cites     anoncosta                    Costa on Books - Lawyers Guns And Money

$ colophon cites "Tides of Trade" --json
> []

$ colophon graph "Reading the Sea" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([n["kind"][0] + " " + n["label"] for n in d["nodes"]]); print(sorted(e["rel"] for e in d["edges"]))'
> ['p Ana Costa', 'p Jane Roe', 'p Lee Park', 'w Costa on Books', 'w Reading the Sea: Three Books (2024)', 'w Salt Roads (2016)', 'w The Long Quay (2025)', 'w Tides of Trade (2019)', 'v Lawyers Guns And Money', 'v The Diplomat', 'v World Politics Review']
> ['author', 'author', 'author', 'author', 'cites', 'cites', 'cites', 'cites', 'mentions', 'mentions', 'mentions', 'published-in']

$ colophon db status | grep -E '^(people|links):'
> people:       3
> links:        9

$ colophon cites "No Such Work"
! colophon: no work matches 'No Such Work'
? 6

$ colophon graph "Nobody At All"
! colophon: no person or work matches 'Nobody At All'
? 6

$ colophon graph "Ana Costa" --format svg
! colophon: unknown format 'svg' (dot or json)
? 2

$ printf '# Never Imported\nBy Nobody Here\n' > new.txt; colophon link --text new.txt
! colophon: new.txt: the article 'Never Imported' is not in the store; import it first with 'colophon import article'
? 6

$ colophon cites
! usage: colophon cites WORK [--json]
? 2
