#!/usr/bin/env python3
"""httpd.py PORTFILE [PAGE] - the local HTTP fixture server for net tests.
   httpd.py --run PAGE -- COMMAND [ARGS...]     (PAGE may be '-')

Listens on 127.0.0.1 on an ephemeral port, writes the port number to
PORTFILE once it is listening, and serves until killed.  Never used with
anything but 127.0.0.1.  With --run it serves while COMMAND runs with
HTTPD=http://127.0.0.1:PORT in its environment, copies COMMAND's stdout
and stderr with that URL written back as "$HTTPD" (so transcripts do not
depend on the port), exits with COMMAND's exit code, and stops.  --run
also points every service at its fixtures and makes fetching fast:

  COLOPHON_DOI_URL=$HTTPD/svc/doi          COLOPHON_CROSSREF_URL=$HTTPD/svc/crossref
  COLOPHON_OPENLIBRARY_URL=$HTTPD/svc/openlibrary
  COLOPHON_ORCID_URL=$HTTPD/svc/orcid      COLOPHON_OPENALEX_URL=$HTTPD/svc/openalex
  COLOPHON_MIN_INTERVAL_MS=0   (no per-host spacing between requests)
  COLOPHON_MAX_BACKOFF_MS=200  (retries and Retry-After waits capped)
  COLOPHON_CONFIG=/dev/null    (unless already set: the user's config file
                                never leaks into a test)

It does not set COLOPHON_HTTP_ALLOW_HTTP: a step whose fixtures redirect
to another $HTTPD URL (plain http) sets COLOPHON_HTTP_ALLOW_HTTP=1 itself.

Service fixtures
----------------
A request for /svc/SERVICE/REST is answered from
tests/fixtures/http/SERVICE/routes.tsv (read again on every request), one
route per line, tab-separated, '#' starts a comment line, blank lines
ignored:

  PATTERN <TAB> STATUS <TAB> CONTENT-TYPE <TAB> BODY-FILE [<TAB> HEADERS]

  PATTERN       /REST with its ?QUERY, exactly as the client sends it but
                percent-decoded (/works/10.1000/xyz, /search?q=a b); a
                trailing '*' matches every request starting with what is
                before it.  The first matching line wins.
  STATUS        the HTTP status (200, 404, 429, 301...)
  CONTENT-TYPE  e.g. application/json; '-' sends none
  BODY-FILE     relative to tests/fixtures/http/SERVICE/, or '-' for an
                empty body
  HEADERS       optional: 'Name: value; Name: value' (Retry-After, ETag,
                Location...); '$HTTPD' in a value becomes the server's URL

A route with an ETag (or Last-Modified) header answers 304 without a body
when the request's If-None-Match (or If-Modified-Since) equals it.  A
request no route matches gets 404 with "no fixture route for SERVICE
PATTERN" as its body, so a missing route shows up in the failure (a
missing body file: 500 "fixture body missing").  HTTPD_FIXTURES=DIR
replaces tests/fixtures/http (the server's own tests use it).

Routes
------
  /article.html      PAGE's bytes (a recorded article page), text/html
  /ua                the request's User-Agent, as text
  /headers           the request's headers, one "Name: value" a line
  /chain/N           N redirects (302, http) ending at /article.html
  /loop              a redirect to itself, forever
  /to-http           a redirect to an http:// URL (a client that allows
                     only https redirects must refuse it)
  /big               20 MB with a Content-Length
  /big-chunked       20 MB, chunked, no Content-Length
  /gzip-chunked      a small gzip body that inflates to 20 MB, chunked
  /slow              a body that trickles one byte every 0.5 s
  /404, /500         those statuses
  /json/NAME         a small JSON object naming NAME, application/json
  /limited/N/NAME    the same, announcing Crossref-style rate-limit
                     headers: X-Rate-Limit-Limit: N, X-Rate-Limit-Interval: 1s
  /malformed.json    a JSON body cut off in the middle, application/json
  /fail/STATUS/N/NAME[?retry-after=R]
                     the first N requests for this exact path answer
                     STATUS (429, 500, 503...; with a Retry-After header
                     when R is given: seconds, or "date:S" for an HTTP
                     date S seconds ahead), later ones 200 with JSON
  /etag/NAME         200 with JSON, an ETag and a Last-Modified; 304 when
                     If-None-Match or If-Modified-Since matches
  /lastmod/NAME      the same with only a Last-Modified
  /_stats?prefix=P   JSON {"requests": R, "connections": C, "not_modified": M}
                     for the requests seen so far whose path starts with
                     P (C counts distinct TCP connections; /_stats itself
                     is never counted)
"""
import email.utils
import gzip
import http.server
import json
import os
import socketserver
import sys
import threading
import time
import urllib.parse

MB = 1 << 20
PAGE = b"<html><head><title>fixture</title></head><body>fixture</body></html>"
FIXTURES = os.environ.get("HTTPD_FIXTURES") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "http")

LOCK = threading.Lock()
SEEN = {}      # path (no query) -> [requests, set of connection ids, 304s]
FAILS = {}     # /fail/... path -> requests so far
NEXT_CONN = [0]


def note(path, conn):
    """Counts a request before it is answered, so a client that asks
    /_stats right after its answer always sees it."""
    with LOCK:
        e = SEEN.setdefault(path, [0, set(), 0])
        e[0] += 1
        e[1].add(conn)


def note_not_modified(path):
    with LOCK:
        SEEN.setdefault(path, [0, set(), 0])[2] += 1


def stats(prefix):
    with LOCK:
        req = nm = 0
        conns = set()
        for path, (n, c, m) in SEEN.items():
            if path.startswith(prefix):
                req += n
                nm += m
                conns |= c
        return {"requests": req, "connections": len(conns), "not_modified": nm}


def load_routes(service):
    """The routes of tests/fixtures/http/SERVICE/routes.tsv, in order."""
    if not service or "/" in service or service.startswith("."):
        return None, []
    d = os.path.join(FIXTURES, service)
    try:
        with open(os.path.join(d, "routes.tsv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return d, []
    routes = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            continue
        headers = []
        if len(cols) > 4 and cols[4].strip():
            for h in cols[4].split(";"):
                if ":" in h:
                    k, v = h.split(":", 1)
                    headers.append((k.strip(), v.strip()))
        try:
            status = int(cols[1])
        except ValueError:
            continue
        routes.append((cols[0], status, cols[2].strip(), cols[3].strip(),
                       headers))
    return d, routes


def match(pattern, key):
    if pattern.endswith("*"):
        return key.startswith(pattern[:-1])
    return key == pattern


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        with LOCK:  # one handler per TCP connection
            NEXT_CONN[0] += 1
            self.conn = NEXT_CONN[0]

    def log_message(self, *args):  # quiet: the tests read stderr
        pass

    def send_body(self, body, ctype="text/plain; charset=utf-8", status=200,
                  headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def not_modified(self, headers):
        note_not_modified(self.path.partition("?")[0])
        self.send_response(304)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def conditional_hit(self, headers):
        """Whether the request's validators match the response's."""
        h = {k.lower(): v for k, v in headers}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None and "etag" in h:
            return inm.strip() == h["etag"]
        if ims is not None and "last-modified" in h:
            return ims.strip() == h["last-modified"]
        return False

    def redirect(self, where):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def chunked(self, pieces, extra_headers=()):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in extra_headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            for p in pieces:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(p), p))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def service(self, base, rest):
        service, _, sub = rest.partition("/")
        key = urllib.parse.unquote("/" + sub)
        d, routes = load_routes(service)
        for pattern, status, ctype, body, headers in routes:
            if not match(pattern, key):
                continue
            headers = [(k, v.replace("$HTTPD", base)) for k, v in headers]
            data = b""
            if body != "-":
                try:
                    with open(os.path.join(d, body), "rb") as f:
                        data = f.read()
                except OSError as e:
                    self.send_body(("fixture body missing: %s\n" % e).encode(),
                                   status=500)
                    return
            if status == 200 and self.conditional_hit(headers):
                self.not_modified(headers)
                return
            self.send_body(data, None if ctype == "-" else ctype, status, headers)
            return
        self.send_body(("no fixture route for %s %s\n" % (service, key)).encode(),
                       status=404)

    def fail_route(self, path, query):
        parts = path.split("/")  # '', 'fail', STATUS, N, NAME
        status, n = int(parts[2]), int(parts[3])
        with LOCK:
            seen = FAILS.get(path, 0)
            FAILS[path] = seen + 1
        if seen < n:
            headers = []
            ra = urllib.parse.parse_qs(query).get("retry-after")
            if ra:
                ra = ra[0]
                if ra.startswith("date:"):
                    ra = email.utils.formatdate(time.time() + float(ra[5:]),
                                                usegmt=True)
                headers.append(("Retry-After", ra))
            self.send_body(b'{"error": "try again"}\n', "application/json",
                           status, headers)
        else:
            self.send_body(json.dumps({"path": path, "attempt": seen + 1}).encode(),
                           "application/json")

    def validated(self, path, etag):
        headers = [("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")]
        if etag:
            headers.append(("ETag", '"v1-%s"' % path.rsplit("/", 1)[-1]))
        if self.conditional_hit(headers):
            self.not_modified(headers)
            return
        self.send_body(json.dumps({"path": path, "version": 1}).encode(),
                       "application/json", headers=headers)

    def do_GET(self):
        raw = self.path
        path, _, query = raw.partition("?")
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        if path == "/_stats":
            prefix = urllib.parse.parse_qs(query).get("prefix", [""])[0]
            self.send_body(json.dumps(stats(prefix)).encode(), "application/json")
            return
        note(path, self.conn)
        if path.startswith("/svc/"):
            self.service(base, raw[len("/svc/"):])
        elif path.startswith("/fail/"):
            self.fail_route(path, query)
        elif path.startswith("/etag/"):
            self.validated(path, True)
        elif path.startswith("/lastmod/"):
            self.validated(path, False)
        elif path.startswith("/json/"):
            self.send_body(json.dumps({"name": path[6:]}).encode(), "application/json")
        elif path.startswith("/limited/"):
            self.send_body(json.dumps({"name": path}).encode(), "application/json",
                           headers=[("X-Rate-Limit-Limit", path.split("/")[2]),
                                    ("X-Rate-Limit-Interval", "1s")])
        elif path == "/malformed.json":
            self.send_body(b'{"message": {"title": ["Harbours of', "application/json")
        elif path == "/headers":
            self.send_body("".join("%s: %s\n" % (k, v) for k, v in self.headers.items())
                           .encode())
        else:
            self.classic(path, base)

    def classic(self, path, base):
        if path == "/article.html":
            self.send_body(PAGE, "text/html; charset=utf-8")
        elif path == "/ua":
            self.send_body(self.headers.get("User-Agent", "").encode())
        elif path.startswith("/chain/"):
            n = int(path.split("/")[2])
            self.redirect(base + ("/chain/%d" % (n - 1) if n > 1 else "/article.html"))
        elif path == "/loop":
            self.redirect(base + "/loop")
        elif path == "/to-http":
            self.redirect("http://127.0.0.1:%d/article.html" % self.server.server_address[1])
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(20 * MB))
            self.end_headers()
            try:
                for _ in range(20):
                    self.wfile.write(b"a" * MB)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/big-chunked":
            self.chunked(b"b" * (256 * 1024) for _ in range(80))
        elif path == "/gzip-chunked":
            body = gzip.compress(b" " * (20 * MB))
            self.chunked([body[i:i + 4096] for i in range(0, len(body), 4096)],
                         [("Content-Encoding", "gzip")])
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"s")
                    self.wfile.flush()
                    time.sleep(0.5)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/404":
            self.send_body(b"not here\n", status=404)
        elif path == "/500":
            self.send_body(b"broken\n", status=500)
        else:
            self.send_body(b"no such route\n", status=404)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up on purpose (caps, timeouts) are expected


def load_page(page):
    global PAGE
    if page and page != "-":
        with open(page, "rb") as f:
            PAGE = f.read()


def run(page, cmd):
    import subprocess
    load_page(page)
    srv = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    env = dict(os.environ, HTTPD=base,
               COLOPHON_MIN_INTERVAL_MS="0", COLOPHON_MAX_BACKOFF_MS="200")
    for svc in ("doi", "crossref", "openlibrary", "orcid", "openalex"):
        env["COLOPHON_%s_URL" % svc.upper()] = "%s/svc/%s" % (base, svc)
    env.setdefault("COLOPHON_CONFIG", "/dev/null")
    p = subprocess.run(cmd, env=env, capture_output=True)
    sys.stdout.buffer.write(p.stdout.replace(base.encode(), b"$HTTPD"))
    sys.stderr.buffer.write(p.stderr.replace(base.encode(), b"$HTTPD"))
    sys.stdout.flush()
    sys.stderr.flush()
    srv.shutdown()
    return p.returncode


def main():
    if sys.argv[1] == "--run":
        sys.exit(run(sys.argv[2], sys.argv[4:]))
    portfile = sys.argv[1]
    if len(sys.argv) > 2:
        load_page(sys.argv[2])
    srv = Server(("127.0.0.1", 0), Handler)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
