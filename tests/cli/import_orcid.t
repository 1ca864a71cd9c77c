# needs: db
# needs: net
# `colophon import orcid`, against ORCID fixtures replayed by
# tests/support/httpd.py on 127.0.0.1 (tests/fixtures/http/orcid/: a
# made-up researcher, Ingrid Halvorsen, 0000-0003-1234-5674).  --run points
# COLOPHON_ORCID_URL at $HTTPD/svc/orcid.

# A bio stored her under her name first.
$ colophon import bio - >/dev/null
< Ingrid Halvorsen is a maritime historian at Nordhavn University. She is the author of Harbour Ledgers: Trade and Memory in Bergen (2021).

# The ORCID import (her URL is accepted as well as the bare iD): the
# person, summaries, then full works in one bulk request; the put-code
# ORCID answers with an error is skipped.  She stays one person, and the
# bio's book is merged (same title, year and author), not duplicated.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid https://orcid.org/0000-0003-1234-5674; colophon db status | grep -E "^(people|works):"'
> imported $HTTPD/svc/orcid/v3.0/0000-0003-1234-5674: 3 works (2 new, 1 merged, 0 versions linked); 1 skipped
> people:       3
> works:        3

$ colophon works Halvorsen
> 2021  book             Harbour Ledgers: Trade and Memory in Bergen (Fjordline Academic)
> 2019  article-journal  Ballast and Bread: Grain Ships in the Baltic, 1720-1790 (Scandinavian Maritime Review)
> 2017  chapter          Salt Routes of the North Atlantic (Atlantic Exchanges: Essays in Economic History)

$ colophon export bibtex halvorsen2019ballast
> @article{halvorsen2019ballast,
>   author = {Halvorsen, Ingrid and Lindqvist, Tomas},
>   title = {Ballast and Bread: {Grain} Ships in the {Baltic}, 1720-1790},
>   journal = {Scandinavian Maritime Review},
>   year = {2019},
>   month = may,
>   volume = {12},
>   number = {2},
>   pages = {101--129},
>   doi = {10.5555/smr.2019.014},
>   issn = {2000-1231},
>   url = {https://doi.org/10.5555/smr.2019.014}
> }
>

# Importing again changes nothing, also with --refresh (asking ORCID
# again instead of the cache); the person is found by the ORCID now.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid --refresh 0000-0003-1234-5674; colophon db status | grep -E "^(people|works|venues|links):"; python3 -c "import urllib.request, os; print(urllib.request.urlopen(os.environ[\"HTTPD\"] + \"/_stats?prefix=/svc/orcid/\").read().decode())"'
> imported $HTTPD/svc/orcid/v3.0/0000-0003-1234-5674: 3 works (0 new, 3 merged, 0 versions linked); 1 skipped
> people:       3
> works:        3
> venues:       1
> links:        0
> {"requests": 3, "connections": 1, "not_modified": 0}

# --dry-run asks the database and writes nothing (the book is found as
# the duplicate of the bio's, which keeps its title-based key).
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid -n 0000-0003-1234-5674'
> merged    - (stored as halvorsen2019ballast): Ballast and Bread: Grain Ships in the Baltic, 1720-1790
> duplicate - (stored as halvorsen2021harbour): Harbour Ledgers
> merged    - (stored as halvorsen2017salt): Salt Routes of the North Atlantic
> would import $HTTPD/svc/orcid/v3.0/0000-0003-1234-5674: 3 works (0 new, 3 merged, 0 versions linked); 1 skipped

# An iD ORCID does not know: one line, exit 6.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid 0000-0001-0000-4042'
! colophon: ORCID record not found ($HTTPD/svc/orcid/v3.0/0000-0001-0000-4042/person)
? 6

# The full works arrive cut off: a clear error, exit 3, nothing stored.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid 0000-0001-0000-5002; echo "exit $?"; colophon db status | grep -E "^(people|works|venues|links|sources):"'
> exit 3
> people:       3
> works:        3
> venues:       1
> links:        0
> sources:      2
! colophon: $HTTPD/svc/orcid/v3.0/0000-0001-0000-5002/works/11001,11002,11003,11004:6: ORCID works answer is not valid JSON: '}' expected near end of file

# A record whose name is private cannot name the author: exit 3.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid 0000-0001-0000-4296'
! colophon: $HTTPD/svc/orcid/v3.0/0000-0001-0000-4296/person: the ORCID record 0000-0001-0000-4296 shows no name (it may be private)
? 3

# Rate limited on every try: Retry-After is honoured (capped in tests),
# then the client gives up with exit 5.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import orcid 0000-0002-9876-5436'
! colophon: cannot fetch $HTTPD/svc/orcid/v3.0/0000-0002-9876-5436/person: HTTP 429 (gave up after 3 retries)
? 5

# A wrong check digit, and something that is no iD at all: exit 2, no
# request made.
$ colophon import orcid 0000-0003-1234-5675
! colophon: '0000-0003-1234-5675' is not a valid ORCID iD: the check digit is 4, not 5
? 2

$ colophon import orcid https://example.org/someone
! colophon: 'https://example.org/someone' is not an ORCID iD (16 digits, the last may be X: 0000-0002-1825-0097)
? 2

# --offline fails at once, before any request.  (No config file: the
# public address is named.)
$ COLOPHON_CONFIG=/dev/null colophon import orcid --offline 0000-0003-1234-5674 --refresh
! colophon: offline: would fetch https://pub.orcid.org/v3.0/0000-0003-1234-5674/person
? 5

$ colophon import orcid
! usage: colophon import orcid ORCID [--dry-run] [--json] [--offline] [--refresh]
? 2

$ colophon import orcid --help | grep -E "^(usage|exit codes: 0 stored)"
> usage: colophon import orcid ORCID [--dry-run] [--json] [--offline] [--refresh]
> exit codes: 0 stored; 2 bad ORCID iD; 3 the service answered
