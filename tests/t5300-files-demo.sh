#!/usr/bin/env bash
# serve.files_dir and the demo: a directory served read-only at /files/
# (types, no listings, no way out of it), then tools/demo.sh itself on a
# free port, twice: the sample feeds come in over HTTP from the site's own
# /files/, and their images load from the same site.
. "$TIDINGS_SRCDIR/tests/lib.sh"

code() { curl -s -o /dev/null -w '%{http_code}' --path-as-is "$@"; }
ctype() { curl -s -o /dev/null -w '%{content_type}' "$@"; }

mkdir -p files/sub && echo hello > files/sub/a.txt && echo '<svg xmlns="http://www.w3.org/2000/svg"/>' > files/i.svg
echo secret > outside.txt && echo hidden > files/.hidden && echo '<p>x</p>' > files/page.html
ln -s ../outside.txt files/link.txt
port=$(free_port)
B="http://127.0.0.1:$port"
TIDINGS_SERVE_CACHE_MS=60000 TIDINGS_SERVE_FILES_DIR="$PWD/files" $TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve.out 2> serve.err &
pid=$!
at_exit "kill $pid 2>/dev/null"
for _ in $(seq 1 100); do curl -s -o /dev/null "$B/healthz" && break; sleep 0.1; done

is "a file is served" "$(curl -s "$B/files/sub/a.txt")" "hello"
is "with its type" "$(ctype "$B/files/sub/a.txt")" "text/plain; charset=utf-8"
is "SVG as an image" "$(ctype "$B/files/i.svg")" "image/svg+xml"
is "HTML only as text" "$(ctype "$B/files/page.html")" "text/plain; charset=utf-8"
check "under the site's CSP" bash -c "curl -s -D - -o /dev/null '$B/files/i.svg' | grep -qi '^Content-Security-Policy: default-src'"
is "no listing of the root" "$(code "$B/files/")" "404"
is "no listing of a folder" "$(code "$B/files/sub")" "404"
is "no listing with a slash" "$(code "$B/files/sub/")" "404"
is "no dot-dot" "$(code "$B/files/../outside.txt")" "404"
is "no encoded dot-dot" "$(code "$B/files/%2e%2e/outside.txt")" "404"
is "no encoded slash trick" "$(code "$B/files/sub%2f..%2f..%2foutside.txt")" "404"
is "no hidden files" "$(code "$B/files/.hidden")" "404"
is "no symlink out of the folder" "$(code "$B/files/link.txt")" "404"
is "no empty segment" "$(code "$B/files/sub//a.txt")" "404"
is "a missing file is 404" "$(code "$B/files/nope.txt")" "404"
is "POST is 405" "$(code -X POST "$B/files/sub/a.txt")" "405"
# The rendered-page cache (60 s here): the same URL gets the same bytes
# even after the file changed; a conditional request renders afresh.
echo changed > files/sub/a.txt
is "a cached page is reused" "$(curl -s "$B/files/sub/a.txt")" "hello"
is "a conditional request is not served from the cache" "$(curl -s -H 'If-None-Match: "old"' "$B/files/sub/a.txt")" "changed"
is "gzip and plain clients have their own entries" "$(curl -s --compressed -H 'Accept-Encoding: gzip' "$B/files/sub/a.txt")" "changed"
echo hello > files/sub/a.txt
kill "$pid"; wait "$pid" 2>/dev/null
port=$(free_port)
B="http://127.0.0.1:$port"
TIDINGS_SERVE_CACHE_MS=0 $TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve2.out 2> serve2.err &
pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "$B/healthz" && break; sleep 0.1; done
is "off by default" "$(code "$B/files/sub/a.txt")" "404"
kill "$pid"; wait "$pid" 2>/dev/null

# An expired page is still served to the next request, which hands its
# render to the refresher thread; the requests after get the new page.
# One that can no longer be kept is forgotten.
port=$(free_port)
B="http://127.0.0.1:$port"
TIDINGS_SERVE_CACHE_MS=300 TIDINGS_SERVE_FILES_DIR="$PWD/files" $TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve3.out 2> serve3.err &
pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "$B/healthz" && break; sleep 0.1; done
is "kept" "$(curl -s "$B/files/sub/a.txt")" "hello"
echo changed > files/sub/a.txt
sleep 0.5
is "expired: served once more while rendered again" "$(curl -s "$B/files/sub/a.txt")" "hello"
got=
for _ in $(seq 1 50); do
	got=$(curl -s "$B/files/sub/a.txt"); [ "$got" = changed ] && break; sleep 0.1
done
is "then the new page" "$got" "changed"
is "and kept again" "$(curl -s "$B/files/sub/a.txt")" "changed"
rm files/sub/a.txt
sleep 0.5
is "gone: served once more after expiry" "$(code "$B/files/sub/a.txt")" "200"
got=
for _ in $(seq 1 50); do
	got=$(code "$B/files/sub/a.txt"); [ "$got" = 404 ] && break; sleep 0.1
done
is "then the render says so" "$got" "404"
is "and the old page is not served any more" "$(code "$B/files/sub/a.txt")" "404"
echo hello > files/sub/a.txt
kill "$pid"; wait "$pid" 2>/dev/null

# The demo, as the README runs it, on a free port.
demo() {
	port=$(free_port)
	B="http://127.0.0.1:$port"
	DEMO_LISTEN="127.0.0.1:$port" DEMO_DIR="$PWD/demo" "$SRC/tools/demo.sh" "$TIDINGS" > demo.out 2>&1 &
	dpid=$!
	# Up to 2 minutes: under ASan on a loaded 2-core machine the demo's
	# first fetch of every sample has taken over the 30 s this once was.
	for _ in $(seq 1 1200); do
		grep -q "The demo site" demo.out && return 0
		kill -0 "$dpid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
for run in 1 2; do
	check "demo run $run: prints the site's URL" demo
	at_exit "kill $dpid 2>/dev/null"
	contains "demo run $run: the URL" "$(cat demo.out)" "The demo site: $B/"
	n=$(curl -s "$B/api/v1/sources" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['sources']))")
	is "demo run $run: every sample source" "$n" "$(grep -cv '^#' "$SRC/samples/sources.txt")"
	is "demo run $run: every source fetched" "$(curl -s "$B/api/v1/sources" | python3 -c "import json,sys; print(sorted(set(s['status'] for s in json.load(sys.stdin)['sources'])))")" "['ok']"
	img=$(curl -s "$B/" | grep -o 'class="thumb" src="[^"]*"' | head -1 | sed 's/.*src="//; s/"$//')
	contains "demo run $run: thumbnails come from the site itself" "$img" "$B/files/images/"
	is "demo run $run: and load" "$(ctype "$img")" "image/svg+xml"
	art=$(sqlite3 demo/tidings.db "select id from articles where content_html like '%<img%' limit 1")
	src=$(curl -s "$B/article/$art" | grep -o '<img [^>]*src="[^"]*"' | head -1 | sed 's/.*src="//; s/"$//')
	is "demo run $run: body images load" "$(ctype "$src")" "image/svg+xml"
	rel=$(sqlite3 demo/tidings.db "select url from articles where url like '%port-notices-for-saturday%' limit 1")
	is "demo run $run: relative item links still point at the publisher" "$rel" "https://harborlight.example/news/port-notices-for-saturday"
	# A script's background job ignores SIGINT; Ctrl-C reaches the demo
	# in a terminal, TERM here, and both take the same trap.
	kill -TERM "$dpid"; wait "$dpid"; rc=$?
	is "demo run $run: stopping it is clean" "$rc" "0"
	check "demo run $run: and the server with it" bash -c "! curl -s -o /dev/null '$B/healthz'"
done
done_testing
