# needs: db
# needs: net
# `colophon import openalex`, against OpenAlex fixtures replayed by
# tests/support/httpd.py on 127.0.0.1 (tests/fixtures/http/openalex/:
# made-up authors Ingrid Halvorsen A5000000001 with three works on two
# pages, and Tomas Lindqvist A5000000002, whose one work her article
# cites).  --run points COLOPHON_OPENALEX_URL at $HTTPD/svc/openalex.
#
# Transient failures need a server that fails first and then answers:
# swap.py waits until the fixture server has seen N requests under a path
# and then drops the first route of a service in a private copy of the
# fixtures (HTTPD_FIXTURES; the server rereads routes.tsv per request).
$ cat > swap.py
< import json, os, sys, time, urllib.request
< fx, svc, prefix, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
< url = os.environ["HTTPD"] + "/_stats?prefix=" + prefix
< for _ in range(1000):
<     if json.load(urllib.request.urlopen(url))["requests"] >= n:
<         break
<     time.sleep(0.01)
< path = os.path.join(fx, svc, "routes.tsv")
< with open(path) as f:
<     lines = f.readlines()
< with open(path + ".new", "w") as f:
<     f.writelines(lines[1:])
< os.replace(path + ".new", path)
$ cat > stats.py
< import json, os, sys, urllib.request
< url = os.environ["HTTPD"] + "/_stats?prefix=" + sys.argv[1]
< print(sys.argv[1], "requests:", json.load(urllib.request.urlopen(url))["requests"])

# The first import.  The second page of works answers 500 once, then the
# page: the client retries and every page is read (4 requests: page 1,
# page 2 twice, the empty last page).  Her article cites her chapter (on
# page 2) and Lindqvist's work (not stored yet: kept for later); her book
# cites her article.
$ cp -r "$SRC/tests/fixtures/http" fx && { printf '/works?filter=author.id:A5000000001&per-page=200&cursor=IlsxNTU2NjY4ODAwMDAwLCAnVzUwMDAwMDAxMDInXSI=\t500\ttext/html\t-\n'; cat "$SRC/tests/fixtures/http/openalex/routes.tsv"; } > fx/openalex/routes.tsv && HTTPD_FIXTURES="$PWD/fx" python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'python3 swap.py fx openalex /svc/openalex/works 2 & COLOPHON_MAX_BACKOFF_MS=1000 colophon import openalex A5000000001; wait; python3 stats.py /svc/openalex/works; colophon db status | grep -E "^(people|works|venues|links):"'
> imported $HTTPD/svc/openalex/authors/A5000000001: 3 works (3 new, 0 merged, 0 versions linked); 0 skipped
> cites links: 2 new; 1 referenced works not in the store
> /svc/openalex/works requests: 4
> people:       2
> works:        3
> venues:       1
> links:        2

$ colophon works Halvorsen
> 2021  book             Harbour Ledgers: Trade and Memory in Bergen
> 2019  article-journal  Ballast and Bread: Grain Ships in the Baltic, 1720-1790 (Scandinavian Maritime Review)
> 2017  chapter          Salt Routes of the North Atlantic

$ colophon cites halvorsen2019ballast
> cites     halvorsen2017salt            Salt Routes of the North Atlantic (2017)

$ colophon cited-by halvorsen2019ballast
> cites     halvorsen2021harbour         Harbour Ledgers: Trade and Memory in Bergen (2021)

# Importing again changes nothing: no work, no link, no count.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import openalex A5000000001; colophon db status | grep -E "^(people|works|venues|links):"'
> imported $HTTPD/svc/openalex/authors/A5000000001: 3 works (0 new, 3 merged, 0 versions linked); 0 skipped
> cites links: 0 new; 1 referenced works not in the store
> people:       2
> works:        3
> venues:       1
> links:        2

# Lindqvist's author answer is rate limited once (429, Retry-After: 1),
# then answers.  His work, imported after the article that cites it, is
# linked to it.
$ cp -r "$SRC/tests/fixtures/http" fx2 && { printf '/authors/A5000000002\t429\tapplication/json\t-\tRetry-After: 1\n'; cat "$SRC/tests/fixtures/http/openalex/routes.tsv"; } > fx2/openalex/routes.tsv && HTTPD_FIXTURES="$PWD/fx2" python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'python3 swap.py fx2 openalex /svc/openalex/authors/A5000000002 1 & COLOPHON_MAX_BACKOFF_MS=1000 colophon import openalex A5000000002; wait; python3 stats.py /svc/openalex/authors/A5000000002'
> imported $HTTPD/svc/openalex/authors/A5000000002: 1 works (1 new, 0 merged, 0 versions linked); 0 skipped
> cites links: 1 new; 0 referenced works not in the store
> /svc/openalex/authors/A5000000002 requests: 2

$ colophon cited-by lindqvist2015tar
> cites     halvorsen2019ballast         Ballast and Bread: Grain Ships in the Baltic, 1720-1790 (2019) - Scandinavian Maritime Review

$ colophon cites halvorsen2019ballast
> cites     halvorsen2017salt            Salt Routes of the North Atlantic (2017)
> cites     lindqvist2015tar             Tar and Timber: Norwegian Forests and the Dutch Navy (2015) - Scandinavian Maritime Review

# By ORCID: the same author, the same records.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import openalex https://orcid.org/0000-0003-1234-5674; colophon db status | grep -E "^(people|works|venues|links):"'
> imported $HTTPD/svc/openalex/authors/A5000000001: 3 works (0 new, 3 merged, 0 versions linked); 0 skipped
> cites links: 0 new; 0 referenced works not in the store
> people:       2
> works:        4
> venues:       1
> links:        3

# An author OpenAlex does not know: one line, exit 6.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import openalex A5000000404'
! colophon: OpenAlex author not found ($HTTPD/svc/openalex/authors/A5000000404)
? 6

# The works arrive cut off: a clear error, exit 3, nothing stored.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import openalex A5000000500; echo "exit $?"; colophon db status | grep -E "^(people|works|venues|links|sources):"'
> exit 3
> people:       2
> works:        4
> venues:       1
> links:        3
> sources:      2
! colophon: $HTTPD/svc/openalex/works?filter=author.id:A5000000500&per-page=200&cursor=%2A:9: OpenAlex works answer is not valid JSON: ']' expected near end of file

# A server error on every try, and a rate limit on every try: exit 5.
$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import openalex A5000000503'
! colophon: cannot fetch $HTTPD/svc/openalex/authors/A5000000503: HTTP 500 (gave up after 3 retries)
? 5

$ python3 "$SRC/tests/support/httpd.py" --run - -- sh -c 'colophon import openalex A5000000429'
! colophon: cannot fetch $HTTPD/svc/openalex/authors/A5000000429: HTTP 429 (gave up after 3 retries)
? 5

# --offline fails at once, before any request.
$ COLOPHON_CONFIG=/dev/null colophon import openalex --offline A5000000002
! colophon: offline: would fetch https://api.openalex.org/authors/A5000000002
? 5

$ colophon import openalex W5000000101
! colophon: 'W5000000101' is neither an OpenAlex author id (A5023888391) nor an ORCID iD
? 2

$ colophon import openalex --help | grep -E "^(usage|exit codes: 0 stored)"
> usage: colophon import openalex AUTHOR-ID|ORCID [--dry-run] [--json] [--offline] [--refresh]
> exit codes: 0 stored; 2 bad id; 3 the service answered something that
