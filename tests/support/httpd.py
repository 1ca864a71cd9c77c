#!/usr/bin/env python3
"""httpd.py PORTFILE [PAGE] - the local HTTP fixture server for net tests.
   httpd.py --run PAGE -- COMMAND [ARGS...]

Listens on 127.0.0.1 on an ephemeral port, writes the port number to
PORTFILE once it is listening, and serves until killed.  Never used with
anything but 127.0.0.1.  With --run it serves while COMMAND runs with
HTTPD=http://127.0.0.1:PORT in its environment, copies COMMAND's stdout
and stderr with that URL written back as "$HTTPD" (so transcripts do not
depend on the port), exits with COMMAND's exit code, and stops.  Routes:

  /article.html      PAGE's bytes (a recorded article page), text/html
  /ua                the request's User-Agent, as text
  /chain/N           N redirects (302, http) ending at /article.html
  /loop              a redirect to itself, forever
  /to-http           a redirect to an http:// URL (a client that allows
                     only https redirects must refuse it)
  /big               20 MB with a Content-Length
  /big-chunked       20 MB, chunked, no Content-Length
  /gzip-chunked      a small gzip body that inflates to 20 MB, chunked
  /slow              a body that trickles one byte every 0.5 s
  /404, /500         those statuses
"""
import gzip
import http.server
import os
import socketserver
import sys
import time

MB = 1 << 20
PAGE = b"<html><head><title>fixture</title></head><body>fixture</body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the tests read stderr
        pass

    def send_body(self, body, ctype="text/plain; charset=utf-8", status=200):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

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

    def do_GET(self):
        path = self.path
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
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


def run(page, cmd):
    import subprocess
    import threading
    global PAGE
    with open(page, "rb") as f:
        PAGE = f.read()
    srv = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    env = dict(os.environ, HTTPD=base)
    p = subprocess.run(cmd, env=env, capture_output=True)
    sys.stdout.buffer.write(p.stdout.replace(base.encode(), b"$HTTPD"))
    sys.stderr.buffer.write(p.stderr.replace(base.encode(), b"$HTTPD"))
    sys.stdout.flush()
    sys.stderr.flush()
    srv.shutdown()
    return p.returncode


def main():
    global PAGE
    if sys.argv[1] == "--run":
        sys.exit(run(sys.argv[2], sys.argv[4:]))
    portfile = sys.argv[1]
    if len(sys.argv) > 2:
        with open(sys.argv[2], "rb") as f:
            PAGE = f.read()
    srv = Server(("127.0.0.1", 0), Handler)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
