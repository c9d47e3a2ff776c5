#!/bin/sh
# The README's main job: a fresh database filled from the sample feeds
# bundled in samples/, served as the reader's site on 127.0.0.1:8080.
#
#   tools/demo.sh [PATH/TO/tidings]      (make demo; Ctrl-C stops it)
#
# The site itself serves samples/ read-only at /files/ (serve.files_dir),
# and the sources are added by their http://.../files/feeds/... URLs, so
# the feeds' relative image references resolve to images the browser can
# load from the same site. Loopback is a private address, which fetching
# refuses by default; the demo allows it for its own commands only.
#
# Safe to run again: each run starts from an empty database. Set
# DEMO_LISTEN=ADDR:PORT to use another address, DEMO_DIR to keep the
# database elsewhere than build/demo.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/tidings}
listen=${DEMO_LISTEN:-127.0.0.1:8080}
demo=${DEMO_DIR:-$root/build/demo}
mkdir -p "$demo"
export TIDINGS_DB="$demo/tidings.db"
export TIDINGS_SERVE_FILES_DIR="$root/samples"
export TIDINGS_FETCH_ALLOW_PRIVATE=true
# The publishers are fictional: their article pages do not exist, so no
# full text is fetched for teaser items.
export TIDINGS_FETCH_FULL_TEXT_MAX=0
rm -f "$TIDINGS_DB" "$TIDINGS_DB-wal" "$TIDINGS_DB-shm"
base="http://$listen"

if command -v curl > /dev/null && curl -s -o /dev/null "$base/healthz"; then
	echo "demo: something already answers on $listen (an earlier demo?);" \
	    "stop it or set DEMO_LISTEN=127.0.0.1:PORT" >&2
	exit 1
fi

# The server comes first: adding a source fetches it.
"$bin" serve --listen "$listen" --no-fetch > "$demo/serve.out" 2> "$demo/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; exit 0' INT TERM
trap 'kill "$pid" 2>/dev/null || true' EXIT
up=no
for _ in $(seq 1 100); do
	if grep -q "serving" "$demo/serve.out" 2>/dev/null; then
		up=yes
		break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if [ "$up" != yes ]; then
	echo "demo: the server did not start; see $demo/serve.log" >&2
	cat "$demo/serve.log" >&2
	exit 1
fi

# samples/sources.txt: one feed per line, "PATH [GROUP...]".
while read -r path group; do
	case "$path" in ''|'#'*) continue ;; esac
	if [ -n "$group" ]; then
		"$bin" source add "$base/files/$path" --group "$group" > /dev/null
	else
		"$bin" source add "$base/files/$path" > /dev/null
	fi
done < "$root/samples/sources.txt"
"$bin" fetch
echo
"$bin" source list
echo
echo "The demo site: $base/   (Ctrl-C stops it)"
echo "  API:   $base/api/v1/articles      feeds: $base/source/1.atom"
echo "  data:  $TIDINGS_DB   server log: $demo/serve.log"
wait "$pid"
