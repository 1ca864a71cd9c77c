# needs: db
# needs: net
# `colophon enrich` against the fixture server (tests/support/httpd.py
# --run points COLOPHON_CROSSREF_URL and COLOPHON_OPENLIBRARY_URL at
# tests/fixtures/http/crossref and .../openlibrary; never the internet).
# Three of Robert Farley's books without identifiers: Crossref knows
# Grounded, Open Library knows Patents for Power, and for The Battleship
# Book both offer only other works.

$ colophon import csljson - >/dev/null
< [
<  {"id": "farley2014grounded", "type": "book",
<   "title": "Grounded: The Case for Abolishing the United States Air Force",
<   "author": [{"family": "Farley", "given": "Robert"}],
<   "issued": {"date-parts": [[2014]]}, "publisher": "University Press of Kentucky"},
<  {"id": "farley2016battleship", "type": "book", "title": "The Battleship Book",
<   "author": [{"family": "Farley", "given": "Robert"}],
<   "issued": {"date-parts": [[2016]]}, "publisher": "Wildside"},
<  {"id": "farley2020patents", "type": "book",
<   "title": "Patents for Power: Intellectual Property Law and the Diffusion of Military Technology",
<   "author": [{"family": "Farley", "given": "Robert"}],
<   "issued": {"date-parts": [[2020]]}, "publisher": "University of Chicago"}
< ]

# --dry-run: every candidate with its score (0.6 title + 0.2 year + 0.2
# names; accepted at 0.85 with a title of at least 0.75), nothing written.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich --dry-run
> farley2014grounded: Grounded: The Case for Abolishing the United States Air Force (2014)
>   1.00 accept crossref    doi 10.5555/colo.grounded  Grounded: The Case for Abolishing the United States Air Force (2014)  [title 1.00, year 1.00, names 1.00]
>   0.31 -      crossref    doi 10.5555/colo.0099  Should the Air Force Be Abolished? A Reply (2015)  [title 0.35, year 0.50, names 0.00]
>   1.00 -      openlibrary isbn 9781555500016  Grounded: The Case for Abolishing the United States Air Force (2014)  [title 1.00, year 1.00, names 1.00]
> farley2016battleship: The Battleship Book (2016)
>   0.33 -      crossref    doi 10.5555/colo.0098  Battleship Diplomacy in the Pacific, 1905-1922 (2016)  [title 0.22, year 1.00, names 0.00]
>   0.30 -      openlibrary isbn 9781555500023  Battleship Builders: Constructing and Arming British Capital Ships (2011)  [title 0.50, year 0.00, names 0.00]
> farley2020patents: Patents for Power: Intellectual Property Law and the Diffusion of Military Technology (2020)
>   1.00 accept openlibrary isbn 9781555500030  Patents for Power: Intellectual Property Law and the Diffusion of Military Technology (2020)  [title 1.00, year 1.00, names 1.00]
> would enrich 2 of 3 works; 1 unmatched

$ colophon export csljson --all | grep -c -E '"(DOI|ISBN)"'
> 0
? 1

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich --author Farley
> matched   farley2014grounded: crossref doi 10.5555/colo.grounded (score 1.00)
> unmatched farley2016battleship: The Battleship Book (2016)
> matched   farley2020patents: openlibrary isbn 9781555500030 (score 1.00)
> enriched 2 of 3 works; 1 unmatched
> imported $HTTPD/svc/crossref/works?query.bibliographic=Grounded%3A%20The%20Case%20for%20Abolishing%20the%20United%20States%20Air%20Force&query.author=Farley&filter=from-pub-date:2013,until-pub-date:2015&rows=5 $HTTPD/svc/openlibrary/search.json?title=Patents%20for%20Power%3A%20Intellectual%20Property%20Law%20and%20the%20Diffusion%20of%20Military%20Technology&author=Farley&fields=key,title,subtitle,author_name,first_publish_year,publisher,publish_place,isbn&limit=5: 2 works (0 new, 2 merged, 0 versions linked); 0 skipped

# Merged into the stored works (no second work, no new person): the DOI,
# ISBN, place and a fuller date added; the stored title, publisher and
# names kept (Open Library's "University of Chicago Press" is kept as an
# alternative).
$ colophon db status | grep -E '^(people|works):'
> people:       1
> works:        3

# (The Open Library URL names the fixture server's port.)
$ colophon export csljson --all | sed 's#http://127.0.0.1:[0-9]*#$HTTPD#'
> [
>   {
>     "id": "farley2014grounded",
>     "type": "book",
>     "author": [
>       {"family": "Farley", "given": "Robert"}
>     ],
>     "title": "Grounded: The Case for Abolishing the United States Air Force",
>     "publisher": "University Press of Kentucky",
>     "publisher-place": "Lexington",
>     "issued": {"date-parts": [[2014, 2, 5]]},
>     "DOI": "10.5555/colo.grounded",
>     "ISBN": "9781555500016",
>     "URL": "https://doi.org/10.5555/colo.grounded"
>   },
>   {
>     "id": "farley2016battleship",
>     "type": "book",
>     "author": [
>       {"family": "Farley", "given": "Robert"}
>     ],
>     "title": "The Battleship Book",
>     "publisher": "Wildside",
>     "issued": {"date-parts": [[2016]]}
>   },
>   {
>     "id": "farley2020patents",
>     "type": "book",
>     "author": [
>       {"family": "Farley", "given": "Robert"}
>     ],
>     "title": "Patents for Power: Intellectual Property Law and the Diffusion of Military Technology",
>     "publisher": "University of Chicago",
>     "publisher-place": "Chicago",
>     "issued": {"date-parts": [[2020]]},
>     "ISBN": "9781555500030",
>     "URL": "$HTTPD/svc/openlibrary/works/OL90000005W"
>   }
> ]

# The DOI found is the work's: importing it lands on the same work.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.grounded
> imported $HTTPD/svc/doi/10.5555/colo.grounded: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ colophon db status | grep -E '^(works):'
> works:        3

# Again: only the work still without an identifier is looked up.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich
> unmatched farley2016battleship: The Battleship Book (2016)
> enriched 0 of 1 works; 1 unmatched

# Citation keys: one that names nothing (exit 6), one that needs nothing.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich nosuch farley2014grounded
! colophon: no work with citation key 'nosuch'
! colophon: farley2014grounded already has DOI 10.5555/colo.grounded; skipped
? 6

# Lookups that fail: Crossref answers 500 on every try (exit 5), or
# malformed JSON (nothing from it is used).  Open Library is still asked
# for the book.
$ colophon import csljson - >/dev/null
< [
<  {"id": "farley2018tide", "type": "article-journal", "title": "Tide Tables and Naval Planning",
<   "author": [{"family": "Farley", "given": "Robert"}], "issued": {"date-parts": [[2018]]}},
<  {"id": "farley2012salt", "type": "book", "title": "Salt Marsh Warfare",
<   "author": [{"family": "Farley", "given": "Robert"}], "issued": {"date-parts": [[2012]]}}
< ]

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich farley2018tide farley2012salt
> enriched 0 of 2 works; 0 unmatched, 2 with lookup errors (above)
! colophon: $HTTPD/svc/crossref/works?query.bibliographic=Salt%20Marsh%20Warfare&query.author=Farley&filter=from-pub-date:2011,until-pub-date:2013&rows=5:1:97: not a Crossref response: premature end of input near '"Harbours of'
! colophon: cannot fetch $HTTPD/svc/crossref/works?query.bibliographic=Tide%20Tables%20and%20Naval%20Planning&query.author=Farley&filter=from-pub-date:2017,until-pub-date:2019&rows=5: HTTP 500 (gave up after 3 retries)
? 3

$ colophon db status | grep -E '^(people|works):'
> people:       1
> works:        5

# --offline with nothing cached: fails at once, exit 5.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich --offline farley2018tide
> enriched 0 of 1 works; 0 unmatched, 1 with lookup errors (above)
! colophon: offline: would fetch $HTTPD/svc/crossref/works?query.bibliographic=Tide%20Tables%20and%20Naval%20Planning&query.author=Farley&filter=from-pub-date:2017,until-pub-date:2019&rows=5
? 5

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich --json --dry-run farley2016battleship | grep -E '"(status|accepted|matched|unmatched|failed)"'
>       "status": "unmatched",
>           "accepted": false,
>           "accepted": false,
>   "matched": 0,
>   "unmatched": 1,
>   "failed": 0

# A match that is already another stored work (here by its DOI) is not
# merged: two works would carry one DOI.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.0004 2>/dev/null
> imported $HTTPD/svc/crossref/works/10.5555/colo.0004: 1 works (1 new, 0 merged, 0 versions linked); 0 skipped

$ colophon import csljson - >/dev/null
< [{"id": "okafor2020public", "type": "paper-conference",
<   "title": "Lighthouses as Public Infrastructure",
<   "author": [{"family": "Okafor", "given": "Miriam"}], "issued": {"date-parts": [[2020]]}}]

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich --dry-run okafor2020public
> okafor2020public: Lighthouses as Public Infrastructure (2020)
>   0.91 -      crossref    doi 10.5555/colo.0004  Lighthouses as Infrastructure (2020)  [title 0.86, year 1.00, names 1.00]
>   (the best match is already okafor2020lighthouses: not merged)
> would enrich 0 of 1 works; 1 unmatched

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon enrich okafor2020public
> unmatched okafor2020public: Lighthouses as Public Infrastructure (2020); its best match is already okafor2020lighthouses
> enriched 0 of 1 works; 1 unmatched

$ colophon export csljson okafor2020public | grep -c DOI
> 0
? 1

$ colophon enrich --author Farley farley2016battleship
! colophon: enrich: give --author NAME or citation keys, not both
? 2
