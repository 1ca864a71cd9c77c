# needs: db
# needs: net
# `colophon import doi` against the fixture server (tests/support/httpd.py
# --run points COLOPHON_DOI_URL and COLOPHON_CROSSREF_URL at
# tests/fixtures/http/doi and .../crossref; never the internet).
# 10.5555/colo.0001: doi.org answers CSL-JSON.  0002: doi.org answers 500
# on every try, 0003: 429 with Retry-After on every try, 0004: a landing
# page instead of CSL-JSON; for each the client retries (500, 429) and
# then asks Crossref, which answers.

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.0001 https://doi.org/10.5555/COLO.0002 doi:10.5555/colo.0003 10.5555/colo.0004
> imported $HTTPD/svc/doi/10.5555/colo.0001 $HTTPD/svc/crossref/works/10.5555/colo.0002 $HTTPD/svc/crossref/works/10.5555/colo.0003 $HTTPD/svc/crossref/works/10.5555/colo.0004: 4 works (4 new, 0 merged, 0 versions linked); 0 skipped
! colophon: cannot fetch $HTTPD/svc/doi/10.5555/colo.0002: HTTP 500 (gave up after 3 retries)
! colophon: DOI 10.5555/colo.0002: trying Crossref
! colophon: cannot fetch $HTTPD/svc/doi/10.5555/colo.0003: HTTP 429 (gave up after 3 retries)
! colophon: DOI 10.5555/colo.0003: trying Crossref
! colophon: $HTTPD/svc/doi/10.5555/colo.0004: not CSL-JSON (text/html; charset=utf-8)
! colophon: DOI 10.5555/colo.0004: trying Crossref

$ colophon db status | grep -E '^(people|works):'
> people:       3
> works:        4

# What was stored: CSL types mapped from Crossref's, DOIs lower-case,
# inline markup dropped from titles, the ISBN as ISBN-13, editors kept.
$ colophon export csljson --all
> [
>   {
>     "id": "devries2019coastal",
>     "type": "chapter",
>     "author": [
>       {"family": "de Vries", "given": "Anneke"}
>     ],
>     "editor": [
>       {"family": "Okafor", "given": "Miriam"}
>     ],
>     "title": "Coastal Forts and the Jeune École: Doctrine on a Budget",
>     "title-short": "Coastal Forts and the Jeune École",
>     "container-title": "Navies Between the Wars",
>     "publisher": "Colophon Test Press",
>     "publisher-place": "Lexington",
>     "issued": {"date-parts": [[2019]]},
>     "page": "45-67",
>     "DOI": "10.5555/colo.0002",
>     "ISBN": "9781555500092",
>     "URL": "https://doi.org/10.5555/colo.0002"
>   },
>   {
>     "id": "ibarra2021convoys",
>     "type": "article-journal",
>     "author": [
>       {"family": "Ibarra", "given": "Tomás"}
>     ],
>     "title": "Convoys and Commerce",
>     "container-title": "Journal of Maritime Studies",
>     "publisher": "Colophon Test Press",
>     "issued": {"date-parts": [[2021, 12, 20]]},
>     "volume": "13",
>     "issue": "1",
>     "page": "1-19",
>     "DOI": "10.5555/colo.0003",
>     "ISSN": "1234-5679",
>     "URL": "https://doi.org/10.5555/colo.0003"
>   },
>   {
>     "id": "okafor2020lighthouses",
>     "type": "paper-conference",
>     "author": [
>       {"family": "Okafor", "given": "Miriam"}
>     ],
>     "title": "Lighthouses as Infrastructure",
>     "container-title": "Proceedings of the Harbour History Workshop",
>     "publisher": "Colophon Test Press",
>     "issued": {"date-parts": [[2020, 7]]},
>     "page": "88-97",
>     "DOI": "10.5555/colo.0004",
>     "URL": "https://doi.org/10.5555/colo.0004"
>   },
>   {
>     "id": "okafor2021sea",
>     "type": "article-journal",
>     "author": [
>       {"family": "Okafor", "given": "Miriam"},
>       {"family": "Ibarra", "given": "Tomás"}
>     ],
>     "title": "The Sea Lanes of Salt: Trade Routes and Naval Power in the Baltic",
>     "container-title": "Journal of Maritime Studies",
>     "publisher": "Colophon Test Press",
>     "issued": {"date-parts": [[2021, 9, 1]]},
>     "volume": "12",
>     "issue": "3",
>     "page": "201-224",
>     "DOI": "10.5555/colo.0001",
>     "ISSN": "1234-5679",
>     "URL": "https://doi.org/10.5555/colo.0001"
>   }
> ]

# Importing the same DOIs again changes nothing.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.0001 10.5555/colo.0002 10.5555/colo.0003 10.5555/colo.0004 2>/dev/null
> imported $HTTPD/svc/doi/10.5555/colo.0001 $HTTPD/svc/crossref/works/10.5555/colo.0002 $HTTPD/svc/crossref/works/10.5555/colo.0003 $HTTPD/svc/crossref/works/10.5555/colo.0004: 4 works (0 new, 4 merged, 0 versions linked); 0 skipped

$ colophon db status | grep -E '^(people|works):'
> people:       3
> works:        4

# --dry-run asks the store and writes nothing; --json gives the summary.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi --dry-run 10.5555/colo.0001
> merged    - (stored as okafor2021sea): The Sea Lanes of Salt: Trade Routes and Naval Power in the Baltic
> would import $HTTPD/svc/doi/10.5555/colo.0001: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi --json 10.5555/colo.0004 2>/dev/null | grep -v '"source"'
> {
>   "file": "$HTTPD/svc/crossref/works/10.5555/colo.0004",
>   "kind": "doi",
>   "works": {
>     "imported": 1,
>     "new": 0,
>     "merged": 1,
>     "duplicates": 0,
>     "versions": 0
>   },
>   "skipped": 0
> }

# A DOI that does not exist: not found, exit 6.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.missing
! colophon: DOI 10.5555/colo.missing: not found: $HTTPD/svc/doi/10.5555/colo.missing (HTTP 404)
? 6

# Malformed JSON from both services: one line each naming the URL, exit 3,
# nothing stored.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.broken
! colophon: $HTTPD/svc/doi/10.5555/colo.broken:1:57: not CSL-JSON: premature end of input near '"Harbours of the Nor'
! colophon: DOI 10.5555/colo.broken: trying Crossref
! colophon: $HTTPD/svc/crossref/works/10.5555/colo.broken:1:97: not a Crossref response: premature end of input near '"Harbours of'
? 3

$ colophon db status | grep -E '^(people|works):'
> people:       3
> works:        4

# Some found, some not: the found ones are stored, each failure is
# reported, and the exit code is the first failure's (every argument is
# checked before anything is fetched).
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.missing 10.5555/colo.0001 10.1/too-short
> imported $HTTPD/svc/doi/10.5555/colo.0001: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped
! colophon: not a DOI: '10.1/too-short' (expected 10.NNNN/SUFFIX)
! colophon: DOI 10.5555/colo.missing: not found: $HTTPD/svc/doi/10.5555/colo.missing (HTTP 404)
? 3

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi 10.5555/colo.missing 10.5555/colo.0001
> imported $HTTPD/svc/doi/10.5555/colo.0001: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped
! colophon: DOI 10.5555/colo.missing: not found: $HTTPD/svc/doi/10.5555/colo.missing (HTTP 404)
? 6

$ colophon import doi 'not a doi'
! colophon: not a DOI: 'not a doi' (expected 10.NNNN/SUFFIX)
? 3

# --offline: no request is made; an answer not in the cache fails at once.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import doi --offline 10.5555/colo.0009
! colophon: offline: would fetch $HTTPD/svc/doi/10.5555/colo.0009
? 5

# ... and one fetched before (by the same server) comes from the cache.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import doi 10.5555/colo.0001 >/dev/null && colophon import doi --offline 10.5555/colo.0001'
> imported $HTTPD/svc/doi/10.5555/colo.0001: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ colophon import doi
! usage: colophon import doi DOI... [--dry-run] [--json] [--offline] [--refresh]
? 2

$ colophon import doi --help | head -3
> usage: colophon import doi DOI... [--dry-run] [--json] [--offline] [--refresh]
>
> Fetch each DOI's metadata and store the works, merged with what is

$ colophon db status | grep -E '^(people|works):'
> people:       3
> works:        4
