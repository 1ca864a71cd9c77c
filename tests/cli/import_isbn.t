# needs: db
# needs: net
# `colophon import isbn` against the fixture server (tests/support/httpd.py
# --run points COLOPHON_OPENLIBRARY_URL at tests/fixtures/http/openlibrary;
# never the internet).  The ISBNs are made up, with valid check digits.

# An ISBN-10 with an X check digit, and an ISBN-13 with spaces: both
# looked up (and stored) as ISBN-13.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn 1-55550-003-X '978 1 55550 004 7'
> imported $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500030&jscmd=data&format=json $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500047&jscmd=data&format=json: 2 works (2 new, 0 merged, 0 versions linked); 0 skipped

# publish_date "March 2023" gives the year; number_of_pages is not read.
$ colophon export csljson --all
> [
>   {
>     "id": "farley2020patents",
>     "type": "book",
>     "author": [
>       {"family": "Farley", "given": "Robert"}
>     ],
>     "title": "Patents for Power: Intellectual Property Law and the Diffusion of Military Technology",
>     "title-short": "Patents for Power",
>     "publisher": "University of Chicago Press",
>     "publisher-place": "Chicago",
>     "issued": {"date-parts": [[2020]]},
>     "ISBN": "9781555500030",
>     "URL": "https://openlibrary.org/books/OL90000001M/Patents_for_Power"
>   },
>   {
>     "id": "farley2023waging",
>     "type": "book",
>     "author": [
>       {"family": "Farley", "given": "Robert"}
>     ],
>     "title": "Waging War with Gold: National Security and the Finance Domain Across the Ages",
>     "title-short": "Waging War with Gold",
>     "publisher": "Lynne Rienner Publishers",
>     "publisher-place": "Boulder, Colo",
>     "issued": {"date-parts": [[2023]]},
>     "ISBN": "9781555500047",
>     "URL": "https://openlibrary.org/books/OL90000002M/Waging_War_with_Gold"
>   }
> ]

# Again, as ISBN-13 this time: nothing changes.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn 9781555500030 9781555500047
> imported $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500030&jscmd=data&format=json $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500047&jscmd=data&format=json: 2 works (0 new, 2 merged, 0 versions linked); 0 skipped

$ colophon db status | grep -E '^(people|works):'
> people:       1
> works:        2

# A wrong check digit is named, exit 3; the valid ISBN on the line is
# still imported.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn 978-1-55550-003-1 9781555500030
> imported $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500030&jscmd=data&format=json: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped
! colophon: invalid ISBN '978-1-55550-003-1': check digit is 1, expected 0
? 3

$ colophon import isbn 1555500014 155550001 97915555000X
! colophon: invalid ISBN '1555500014': check digit is 4, expected 3
! colophon: invalid ISBN '155550001': expected 10 or 13 digits
! colophon: invalid ISBN '97915555000X': expected 10 or 13 digits
? 3

# Open Library does not know the ISBN: exit 6.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn 9781555500054
! colophon: ISBN 9781555500054 not found in Open Library
? 6

# Malformed JSON: one line naming the URL, exit 3, nothing stored.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn 9781555500061
! colophon: $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500061&jscmd=data&format=json:1:53: not an Open Library books response: premature end of input near '"Harbours of the Nor'
? 3

# Rate limited (429 with Retry-After) and unavailable (503) on every try:
# retried (four requests in all, over one kept-alive connection), then
# given up with exit 5.
$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn 9781555500078
! colophon: cannot fetch $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500078&jscmd=data&format=json: HTTP 429 (gave up after 3 retries)
? 5

$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import isbn 9781555500085; echo "exit $?"; python3 -c "import os, urllib.request; print(urllib.request.urlopen(os.environ[\"HTTPD\"] + \"/_stats?prefix=/svc/openlibrary/api/books\").read().decode())"'
> exit 5
> {"requests": 4, "connections": 1, "not_modified": 0}
! colophon: cannot fetch $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500085&jscmd=data&format=json: HTTP 503 (gave up after 3 retries)

$ colophon db status | grep -E '^(people|works):'
> people:       1
> works:        2

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn --offline 9781555500023
! colophon: offline: would fetch $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500023&jscmd=data&format=json
? 5

$ python3 "$SRC/tests/support/httpd.py" --run - -- colophon import isbn --dry-run 1555500048
> merged    - (stored as farley2023waging): Waging War with Gold
> would import $HTTPD/svc/openlibrary/api/books?bibkeys=ISBN:9781555500047&jscmd=data&format=json: 1 works (0 new, 1 merged, 0 versions linked); 0 skipped

$ colophon import isbn --help | head -3
> usage: colophon import isbn ISBN... [--dry-run] [--json] [--offline] [--refresh]
>
> Look each ISBN up in Open Library and store the books, merged with
