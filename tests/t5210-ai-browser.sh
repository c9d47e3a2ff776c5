#!/usr/bin/env bash
# The AI features in headless Chromium (tests/browser/run.mjs with paths):
# a Meridian Wire article with its folded Background and a question
# answered on the page, the same with a question that finds nothing, an
# Arabic article's answer page, and an entity page, each in light and dark
# mode at desktop and phone widths: no console errors, CSP violations or
# stray script, no serious axe-core finding, valid HTML.
#
# Needs what t5100-browser.sh needs and skips the same way.
. "$TIDINGS_SRCDIR/tests/lib.sh"

skip_all() { echo "1..0 # SKIP $*"; exit 0; }
q() { sqlite3 "$TIDINGS_DB" "$1"; }

case "${TEST_BUILD:-}" in */san) skip_all "browser checks run on the plain build" ;; esac
chromium=${CHROMIUM:-/usr/bin/chromium}
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
export TIDINGS_TEST_NOW=1796083200

while read -r path group; do
	case "$path" in ''|'#'*) continue ;; esac
	$TIDINGS source add "$SRC/samples/$path" > /dev/null 2>&1
done < "$SRC/samples/sources.txt"
$TIDINGS fetch > fetch.out 2>&1 || skip_all "the samples did not ingest"

id=$(q "SELECT id FROM articles WHERE title =
    'Opposition wins majority in Calder provincial vote'")
ar=$(q "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id
    JOIN article_analysis x ON x.article_id = a.id
    WHERE s.url LIKE '%sada-alsahil%' AND length(x.ai_summary) > 0 LIMIT 1")
eid=$(q "SELECT entity_id FROM article_entities GROUP BY entity_id
    ORDER BY count(*) DESC LIMIT 1")
[ -n "$id" ] && [ -n "$ar" ] && [ -n "$eid" ] ||
	skip_all "no analysed sample articles in this build"

port=$(free_port)
$TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve.out 2> serve.err &
pid=$!
at_exit "kill $pid 2>/dev/null"
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
	sleep 0.1
done

CHROMIUM=$chromium node "$bdir/run.mjs" "http://127.0.0.1:$port" "$shots" \
	"/article/$id?q=How+many+seats+did+the+Coastal+Alliance+win%3F" \
	"/article/$id?q=What+is+the+capital+of+Peru%3F" \
	"/article/$ar?q=%D9%85%D8%A7%D8%B0%D8%A7" \
	"/entity/$eid"
