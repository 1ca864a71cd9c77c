# needs: net
# Importing an article from a URL, against tests/support/httpd.py on
# 127.0.0.1 (never the internet; --run serves while the command runs and
# writes its URL back as $HTTPD): a page, and the fetch failures as one
# line each with exit code 5.  --dry-run: no database needed.

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/article.html"'
> person       Miriam Okafor
>   article-newspaper Harbours of the North Sea: A Short History (2023)
> person       Tomás Ibarra
>   article-newspaper Harbours of the North Sea: A Short History (2023)
> person       Anneke de Vries
>   book         Salt and Silt: Ports of the Hanseatic League
> would store 3 people, 4 works, 2 venues, 3 links

# The same bytes from a file give the same records.
$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run --json "$HTTPD/article.html" | grep -v -e "\"origin\"" -e "\"id\""' > url.json; cp "$SRC/tests/golden/article/html_meta.txt" page.html; colophon import article --dry-run --json page.html | grep -v -e '"origin"' -e '"id"' | diff - url.json && echo same
> same

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/404"'
! colophon: $HTTPD/404: HTTP 404
? 5

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/500"'
! colophon: $HTTPD/500: HTTP 500
? 5

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/to-http"'
! colophon: $HTTPD/to-http: redirect to non-https URL $HTTPD/article.html refused
? 5

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/big"'
! colophon: $HTTPD/big: response body larger than 10485760 bytes; refused
? 5

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/big-chunked"'
! colophon: $HTTPD/big-chunked: response body larger than 10485760 bytes; refused
? 5

$ python3 "$SRC/tests/support/httpd.py" --run "$SRC/tests/golden/article/html_meta.txt" -- sh -c 'colophon import article --dry-run "$HTTPD/gzip-chunked"'
! colophon: $HTTPD/gzip-chunked: response body larger than 10485760 bytes; refused
? 5

$ colophon import article --dry-run ftp://example.invalid/x
! colophon: ftp://example.invalid/x: only http and https URLs are supported
? 5

# Nothing listens on port 1: curl's message (its timing varies).
$ colophon import article --dry-run http://127.0.0.1:1/page 2>err; echo "exit $?"; sed 's/after [0-9]* ms/after N ms/' err
> exit 5
> colophon: http://127.0.0.1:1/page: Failed to connect to 127.0.0.1 port 1 after N ms: Couldn't connect to server
