# needs: db
# import bibtex|ris|csljson: records stored, duplicates merged (same DOI
# or ISBN; else same title, year within one and a shared author), a
# preprint linked to its published version, malformed entries reported
# and skipped.
$ cp "$SRC/tests/golden/bibtex/grammar.bib" "$SRC/tests/golden/bibtex/malformed.bib" "$SRC/tests/golden/ris/editors.ris" "$SRC/tests/cli/data/dups.bib" .

$ colophon import bibtex grammar.bib
> imported grammar.bib: 6 works (6 new, 0 merged, 0 versions linked); 0 skipped

$ colophon import grammar.bib
> imported grammar.bib: 6 works (0 new, 6 merged, 0 versions linked); 0 skipped

$ colophon import bibtex --dry-run dups.bib
> merged    same-doi (stored as farley2014): The battleship book: a history, 1906–1991
> duplicate fuzzy (stored as thesis): On NASA and DNA
> new       veto: On NASA and DNA
> version   preprint (stored as child): Sunflowers at Sea
> new       brandnew: Something Else Entirely
> would import dups.bib: 5 works (2 new, 2 merged, 1 versions linked); 0 skipped

$ colophon import bibtex --dry-run --json dups.bib
> {
>   "file": "dups.bib",
>   "kind": "bibtex",
>   "new": 2,
>   "merged": 2,
>   "versions": 1,
>   "skipped": 0,
>   "works": [
>     {
>       "status": "merged",
>       "citation-key": "same-doi",
>       "title": "The battleship book: a history, 1906–1991",
>       "year": 2014,
>       "stored": {
>         "id": "doi:10.1000/nwcr.2014.2",
>         "citation-key": "farley2014"
>       }
>     },
>     {
>       "status": "duplicate",
>       "citation-key": "fuzzy",
>       "title": "On NASA and DNA",
>       "year": 2000,
>       "stored": {
>         "id": "t:on nasa and dna|1999|roe",
>         "citation-key": "thesis"
>       }
>     },
>     {
>       "status": "new",
>       "citation-key": "veto",
>       "title": "On NASA and DNA",
>       "year": 1999
>     },
>     {
>       "status": "version",
>       "citation-key": "preprint",
>       "title": "Sunflowers at Sea",
>       "year": 2000,
>       "stored": {
>         "id": "t:sunflowers at sea|2001|gogh",
>         "citation-key": "child"
>       }
>     },
>     {
>       "status": "new",
>       "citation-key": "brandnew",
>       "title": "Something Else Entirely",
>       "year": 2020
>     }
>   ],
>   "diagnostics": []
> }

$ colophon import bibtex dups.bib --json
> {
>   "source": "sha256:5b292f1734204a94fb4c51d972785e0c5b32aebb41803f64b89f64177e06b80b",
>   "file": "dups.bib",
>   "kind": "bibtex",
>   "works": {
>     "imported": 5,
>     "new": 3,
>     "merged": 2,
>     "duplicates": 1,
>     "versions": 1
>   },
>   "skipped": 0
> }

$ colophon import bibtex dups.bib
> imported dups.bib: 5 works (0 new, 5 merged, 0 versions linked); 0 skipped

$ colophon import malformed.bib
> imported malformed.bib: 4 works (4 new, 0 merged, 0 versions linked); 6 skipped
! colophon: malformed.bib:3:28: unbalanced brace in field 'title'
! colophon: malformed.bib:6:27: undefined macro 'undefinedmacro'
! colophon: malformed.bib:7:18: expected ',' after the citation key
! colophon: malformed.bib:8:1: repeated entry 'good1' skipped
! colophon: malformed.bib:9:26: expected '=' after field name 'title'
! colophon: malformed.bib:11:33: unterminated quoted value in field 'title'

$ colophon import ris - < editors.ris
> imported -: 2 works (2 new, 0 merged, 0 versions linked); 0 skipped

$ colophon works Okafor
> 2020  book             Something Else Entirely
> 2019  chapter          A Chapter (Springer)
> 2018  book             An Edited Book
> 2001  book             Proceedings of the Naval Institute Press (Naval Institute Press)
> 2001  paper-conference Sunflowers at Sea (Naval Institute Press)

