#!/usr/bin/env python3
"""fixture_server.py: the loopback HTTP server used by tidings' tests.

Usage:  python3 tests/fixture_server.py DIR [--port N] [--bind ADDR]

Listens on 127.0.0.1 (a random free port unless --port is given) and prints
"PORT n" as the first line on stdout once it accepts connections, so a test
can start it, read that line and point URLs at http://127.0.0.1:n/.
It serves the files in DIR and a set of scripted paths. It exits on SIGTERM,
on SIGINT, and by itself when the process that started it goes away, so a
crashed test never leaves a server behind. Python 3 standard library only.
HTTP/1.1 with keep-alive; every response carries a Content-Length unless the
endpoint says otherwise (then the connection is closed after it).

Endpoints (all GET; HEAD works for static files):

  /<path>                 a file under DIR (no "..", no hidden files). Files
                          are read on every request, so a test may rewrite
                          them between fetches. Sends ETag (a hash of the
                          content) and Last-Modified (the file's mtime) and
                          answers 304 to a matching If-None-Match or to an
                          If-Modified-Since at or after the mtime.
                          Content-Type by extension (.xml application/xml,
                          .rss application/rss+xml, .atom application/atom+xml,
                          .json application/feed+json, .html text/html;
                          charset=utf-8, else text/plain); ?type=T overrides.
  /status/<code>          that status with a short text body (?file=F sends
                          the file F instead, ?type=T sets Content-Type).
  /respond?status=N&header=Name:%20Value&body=text
                          a fully scripted answer; header may repeat, file=F
                          may replace body.
  /redirect/<code>?to=URL answers <code> (301, 302, 303, 307, 308) with
                          Location: URL (default /status/200). URL may be
                          relative, absolute, or another scheme (file:///...).
  /redirect-chain/<n>     n redirects in a row: .../<n> -> .../<n-1> -> ... ->
                          /redirect-chain/0, which answers 200 "end of chain".
                          ?code=C picks the redirect status (default 302).
  /etag?tag=T             ETag "T" (default "v1"); 304 when If-None-Match
                          lists it (or is *). ?file=F for the body.
  /lastmod?t=UNIX         Last-Modified of that time (default 1700000000);
                          304 when If-Modified-Since is at or after it.
  /gzip/<file>, /deflate/<file>
                          the file compressed, with Content-Encoding.
  /slow?seconds=S&bytes=B drips B bytes (default 64) of the /big pattern
                          evenly over S seconds (default 1); ?file=F drips
                          that file instead.
  /stall?seconds=S        sends headers and 4 body bytes, then nothing for S
                          seconds (default 600); /stall-headers sends nothing.
  /big?bytes=N            N bytes (default 1 MiB) of the pattern "abc...z"
                          repeated (byte i is chr(97 + i % 26)).
                          &length=M   claim Content-Length M (a lie);
                          &length=none  no length, close-delimited;
                          &chunked=1  chunked transfer encoding;
                          &gzip=1     gzip-compressed (length of the
                                      compressed form).
  /reset                  claims Content-Length 1000, sends 10 bytes, then
                          resets the connection (RST).
  /retry-after/<code>?s=N Retry-After: N (seconds).
  /retry-after/<code>?date=1    Retry-After as an HTTP-date 120 s from now;
                          ?at=UNIX gives that exact time instead.
  /headers                the request headers as a JSON object (names
                          lower-cased) plus "_method" and "_path".
  /count/<name>           counts the hit and answers its number as text;
                          ?etag=T makes it conditional like /etag (a 304 is
                          counted too, so a test can assert the server was
                          asked).
  /hits/<name>            the current count of <name>, not counted.
  /inflight?ms=M          sleeps M ms (default 200) while counted as in
                          flight; /inflight/max answers the highest number
                          seen at once (and /inflight/reset clears it).
  /log                    JSON array of every request so far except /log and
                          /hits: {"method","path","headers"}. /log?clear=1
                          empties it.
"""

import email.utils
import gzip
import hashlib
import http.server
import json
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
import zlib

ROOT = "."
LOCK = threading.Lock()
COUNTS = {}
LOG = []
INFLIGHT = {"now": 0, "max": 0}
LOG_MAX = 10000
REDIRECT_CODES = (301, 302, 303, 307, 308)

TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".opml": "text/x-opml",
    ".txt": "text/plain; charset=utf-8",
}


def pattern(start, n):
    """Bytes start..start+n of the /big pattern."""
    alpha = b"abcdefghijklmnopqrstuvwxyz"
    out = bytearray()
    off = start % 26
    while len(out) < n:
        take = min(26 - off, n - len(out))
        out += alpha[off:off + take]
        off = 0
    return bytes(out)


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)


def parse_http_date(s):
    try:
        d = email.utils.parsedate_to_datetime(s)
        return d.timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def safe_file(rel):
    """Path of rel under ROOT, or None when it escapes or is hidden."""
    rel = urllib.parse.unquote(rel).lstrip("/")
    parts = [p for p in rel.split("/") if p]
    if not parts or any(p.startswith(".") for p in parts):
        return None
    path = os.path.join(ROOT, *parts)
    if not os.path.isfile(path):
        return None
    return path


def count(name):
    with LOCK:
        COUNTS[name] = COUNTS.get(name, 0) + 1
        return COUNTS[name]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tidings-fixture/1"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    # -- helpers ---------------------------------------------------------

    def send(self, code, body=b"", ctype="text/plain; charset=utf-8",
             headers=(), head_only=False):
        self.send_response(code)
        if code != 304 and ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code != 304 and not head_only and self.command != "HEAD":
            self.wfile.write(body)

    def param(self, name, default=None):
        v = self.query.get(name)
        return v[0] if v else default

    def int_param(self, name, default):
        try:
            return int(self.param(name, default))
        except ValueError:
            return default

    def file_body(self, default=b"ok\n"):
        f = self.param("file")
        if f is None:
            return default, None
        path = safe_file(f)
        if path is None:
            return None, None
        with open(path, "rb") as fh:
            return fh.read(), path

    def etag_matches(self, tag):
        inm = self.headers.get("If-None-Match")
        if inm is None:
            return False
        for t in inm.split(","):
            t = t.strip()
            if t.startswith("W/"):
                t = t[2:]
            if t == "*" or t == '"%s"' % tag:
                return True
        return False

    def not_modified_since(self, mtime):
        ims = self.headers.get("If-Modified-Since")
        if ims is None:
            return False
        t = parse_http_date(ims)
        return t is not None and int(mtime) <= int(t)

    # -- dispatch ---------------------------------------------------------

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        self.upath = u.path
        self.query = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        if u.path not in ("/log", "/hits") and not u.path.startswith("/hits/"):
            with LOCK:
                if len(LOG) < LOG_MAX:
                    LOG.append({"method": self.command, "path": self.path,
                                "headers": {k.lower(): v for k, v
                                            in self.headers.items()}})
        seg = [s for s in u.path.split("/") if s]
        head = seg[0] if seg else ""
        fn = getattr(self, "ep_" + head.replace("-", "_"), None)
        try:
            if fn is not None and head:
                fn(seg[1:])
            else:
                self.ep_file(u.path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # -- endpoints --------------------------------------------------------

    def ep_file(self, path):
        p = safe_file(path)
        if p is None:
            self.send(404, b"not found\n")
            return
        with open(p, "rb") as fh:
            data = fh.read()
        mtime = os.stat(p).st_mtime
        tag = hashlib.sha1(data).hexdigest()[:16]
        ext = os.path.splitext(p)[1].lower()
        ctype = self.param("type", TYPES.get(ext, "text/plain"))
        hdrs = [("ETag", '"%s"' % tag), ("Last-Modified", http_date(mtime))]
        if self.etag_matches(tag) or (
                "If-None-Match" not in self.headers
                and self.not_modified_since(mtime)):
            self.send(304, headers=hdrs)
            return
        self.send(200, data, ctype, hdrs)

    def ep_status(self, seg):
        code = int(seg[0]) if seg and seg[0].isdigit() else 200
        body, _ = self.file_body(("status %d\n" % code).encode())
        if body is None:
            self.send(404, b"no such file\n")
            return
        self.send(code, body, self.param("type", "text/plain; charset=utf-8"))

    def ep_respond(self, seg):
        code = self.int_param("status", 200)
        body, _ = self.file_body(self.param("body", "").encode())
        if body is None:
            self.send(404, b"no such file\n")
            return
        hdrs = []
        for h in self.query.get("header", []):
            k, _, v = h.partition(":")
            hdrs.append((k.strip(), v.strip()))
        ctype = None if any(k.lower() == "content-type" for k, _ in hdrs) \
            else "text/plain"
        self.send(code, body, ctype, hdrs)

    def ep_redirect(self, seg):
        code = int(seg[0]) if seg and seg[0].isdigit() else 302
        to = self.param("to", "/status/200")
        self.send(code, b"moved\n", headers=[("Location", to)])

    def ep_redirect_chain(self, seg):
        n = int(seg[0]) if seg and seg[0].isdigit() else 0
        code = self.int_param("code", 302)
        if n <= 0:
            self.send(200, b"end of chain\n")
            return
        self.send(code, b"moved\n", headers=[
            ("Location", "/redirect-chain/%d?code=%d" % (n - 1, code))])

    def ep_etag(self, seg):
        tag = self.param("tag", "v1")
        body, _ = self.file_body(("etag %s\n" % tag).encode())
        if body is None:
            self.send(404, b"no such file\n")
            return
        hdrs = [("ETag", '"%s"' % tag)]
        if self.etag_matches(tag):
            self.send(304, headers=hdrs)
        else:
            self.send(200, body, self.param("type", "application/xml"), hdrs)

    def ep_lastmod(self, seg):
        t = self.int_param("t", 1700000000)
        body, _ = self.file_body(b"lastmod\n")
        if body is None:
            self.send(404, b"no such file\n")
            return
        hdrs = [("Last-Modified", http_date(t))]
        if self.not_modified_since(t):
            self.send(304, headers=hdrs)
        else:
            self.send(200, body, self.param("type", "application/xml"), hdrs)

    def compressed(self, seg, enc):
        p = safe_file("/".join(seg))
        if p is None:
            self.send(404, b"not found\n")
            return
        with open(p, "rb") as fh:
            data = fh.read()
        if enc == "gzip":
            data = gzip.compress(data)
        else:
            data = zlib.compress(data)
        ext = os.path.splitext(p)[1].lower()
        self.send(200, data, TYPES.get(ext, "text/plain"),
                  [("Content-Encoding", enc)])

    def ep_gzip(self, seg):
        self.compressed(seg, "gzip")

    def ep_deflate(self, seg):
        self.compressed(seg, "deflate")

    def ep_slow(self, seg):
        try:
            secs = float(self.param("seconds", "1"))
        except ValueError:
            secs = 1.0
        if self.param("file"):
            data = self.file_body()[0] or b""
            ctype = "application/xml"
        else:
            data = pattern(0, max(1, self.int_param("bytes", 64)))
            ctype = "text/plain"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.flush()
        # At most 64 writes, so a large file drips as evenly as a small one.
        steps = min(64, len(data))
        chunk = -(-len(data) // steps)
        for i in range(0, len(data), chunk):
            time.sleep(secs / steps)
            self.wfile.write(data[i:i + chunk])
            self.wfile.flush()

    def ep_stall(self, seg):
        secs = self.int_param("seconds", 600)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(pattern(0, 4))
        self.wfile.flush()
        self.hold(secs)

    def ep_stall_headers(self, seg):
        self.hold(self.int_param("seconds", 600))

    def hold(self, secs):
        """Keep the connection open and silent for secs, or until the
        client goes away."""
        end = time.time() + secs
        self.connection.settimeout(0.2)
        while time.time() < end:
            try:
                if self.connection.recv(1, socket.MSG_PEEK) == b"":
                    break
            except socket.timeout:
                continue
            except OSError:
                break
            time.sleep(0.2)
        self.close_connection = True

    def ep_big(self, seg):
        n = max(0, self.int_param("bytes", 1 << 20))
        length = self.param("length")
        chunked = self.param("chunked") == "1"
        zipped = self.param("gzip") == "1"
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if zipped:
            data = gzip.compress(pattern(0, n))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", length or str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            if length:
                self.close_connection = True
            return
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif length == "none":
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", length or str(n))
            if length:
                self.close_connection = True
        self.end_headers()
        sent = 0
        while sent < n:
            k = min(65536, n - sent)
            data = pattern(sent, k)
            if chunked:
                self.wfile.write(b"%x\r\n" % k + data + b"\r\n")
            else:
                self.wfile.write(data)
            sent += k
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def ep_reset(self, seg):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(pattern(0, 10))
        self.wfile.flush()
        time.sleep(0.05)
        # SO_LINGER with a zero timeout turns close() into a reset.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        self.close_connection = True

    def ep_retry_after(self, seg):
        code = int(seg[0]) if seg and seg[0].isdigit() else 503
        if self.param("at") is not None:
            value = http_date(self.int_param("at", 0))
        elif self.param("date") is not None:
            value = http_date(time.time() + 120)
        else:
            value = str(self.int_param("s", 120))
        self.send(code, b"try later\n", headers=[("Retry-After", value)])

    def ep_headers(self, seg):
        d = {k.lower(): v for k, v in self.headers.items()}
        d["_method"] = self.command
        d["_path"] = self.path
        self.send(200, json.dumps(d, indent=1).encode(), "application/json")

    def ep_count(self, seg):
        name = "/".join(seg) or "default"
        n = count(name)
        tag = self.param("etag")
        if tag is not None:
            hdrs = [("ETag", '"%s"' % tag)]
            if self.etag_matches(tag):
                self.send(304, headers=hdrs)
            else:
                self.send(200, ("%d\n" % n).encode(), headers=hdrs)
            return
        self.send(200, ("%d\n" % n).encode())

    def ep_hits(self, seg):
        name = "/".join(seg) or "default"
        with LOCK:
            n = COUNTS.get(name, 0)
        self.send(200, ("%d\n" % n).encode())

    def ep_inflight(self, seg):
        if seg and seg[0] == "max":
            with LOCK:
                n = INFLIGHT["max"]
            self.send(200, ("%d\n" % n).encode())
            return
        if seg and seg[0] == "reset":
            with LOCK:
                INFLIGHT["max"] = 0
            self.send(200, b"0\n")
            return
        with LOCK:
            INFLIGHT["now"] += 1
            INFLIGHT["max"] = max(INFLIGHT["max"], INFLIGHT["now"])
        try:
            time.sleep(self.int_param("ms", 200) / 1000.0)
        finally:
            with LOCK:
                INFLIGHT["now"] -= 1
        self.send(200, b"done\n")

    def ep_log(self, seg):
        with LOCK:
            data = json.dumps(LOG, indent=1).encode()
            if self.param("clear") is not None:
                LOG.clear()
        self.send(200, data, "application/json")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def watch_parent(ppid):
    while True:
        time.sleep(0.5)
        if os.getppid() != ppid:
            os._exit(0)


def main(argv):
    global ROOT
    port = 0
    bind = "127.0.0.1"
    args = []
    i = 1
    while i < len(argv):
        if argv[i] == "--port" and i + 1 < len(argv):
            port = int(argv[i + 1])
            i += 2
        elif argv[i] == "--bind" and i + 1 < len(argv):
            bind = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 1 or not os.path.isdir(args[0]):
        sys.stderr.write("usage: fixture_server.py DIR [--port N]\n")
        return 2
    ROOT = os.path.abspath(args[0])
    srv = Server((bind, port), Handler)
    threading.Thread(target=watch_parent, args=(os.getppid(),),
                     daemon=True).start()
    sys.stdout.write("PORT %d\n" % srv.server_address[1])
    sys.stdout.flush()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
