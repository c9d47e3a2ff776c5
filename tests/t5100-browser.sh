#!/usr/bin/env bash
# The reader's site in headless Chromium (tests/browser/run.mjs): a reader's
# path through the pages in light and dark mode at desktop and phone
# widths, failing on console errors, CSP violations or any script a page
# was not meant to run, on serious or critical axe-core findings and on
# invalid HTML. Screenshots land in BUILD/screenshots/ on every run.
#
# Needs /usr/bin/chromium (apt-get install -y chromium) and the npm
# packages of tests/browser (installed here when missing); skips, saying
# why, when neither can be had.
. "$TIDINGS_SRCDIR/tests/lib.sh"

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# Minutes of Chromium per run: once, against the plain build, is enough
# (the sanitizer build's server is covered by t5000).
case "${TEST_BUILD:-}" in */san) skip_all "browser checks run on the plain build" ;; esac

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] && command -v apt-get > /dev/null; then
	apt-get install -y chromium > apt.log 2>&1 || true
fi
[ -x "$chromium" ] || skip_all "no chromium at $chromium"
command -v node > /dev/null || skip_all "no node"
bdir="$SRC/tests/browser"
if [ ! -d "$bdir/node_modules/playwright-core" ] ||
   [ ! -d "$bdir/node_modules/axe-core" ] ||
   [ ! -d "$bdir/node_modules/html-validate" ]; then
	(cd "$bdir" && npm install --no-audit --no-fund > "$TEST_DIR/npm.log" 2>&1) ||
		skip_all "npm install failed (see npm.log)"
fi

shots="${TEST_BUILD:-$SRC/build}/screenshots"
mkdir -p "$shots"
export TIDINGS_TEST_NOW=1796083200   # 2026-12-01T00:00:00Z, after the samples

# Fill the database from the bundled samples when the ingest commands are
# in this build; otherwise the empty site is checked.
hostile=
if $TIDINGS source add "$SRC/samples/feeds/hostile.xml" > add.out 2>&1; then
	hostile=/source/$(grep -o 'source [0-9]*' add.out | head -1 | grep -o '[0-9]*')
	while read -r path group; do
		case "$path" in ''|'#'*) continue ;; esac
		$TIDINGS source add "$SRC/samples/$path" > /dev/null 2>&1
	done < "$SRC/samples/sources.txt"
	$TIDINGS fetch > fetch.out 2>&1
else
	echo "# no 'source add' in this build: checking the empty site"
fi

port=$(free_port)
$TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve.out 2> serve.err &
pid=$!
at_exit "kill $pid 2>/dev/null"
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
	sleep 0.1
done

HOSTILE=$hostile CHROMIUM=$chromium node "$bdir/run.mjs" \
	"http://127.0.0.1:$port" "$shots"
