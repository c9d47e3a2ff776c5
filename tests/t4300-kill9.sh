#!/usr/bin/env bash
# Crash safety: kill -9 the ingester at random moments, again and again.
# Each fetch of one source is one transaction, so after every kill the
# database passes its integrity checks and every source holds a whole
# number of its feed's batches (never half a feed).
. "$TIDINGS_SRCDIR/tests/lib.sh"

FEEDS=30
ITEMS=40
ROUNDS=${KILL_ROUNDS:-12}

# gen ROUND: rewrite every feed with ITEMS new items (guids carry the
# round), so each fetch of a source stores a full new batch.
gen() {
	python3 - "$1" "$FEEDS" "$ITEMS" <<'PY'
import sys
rnd, feeds, items = map(int, sys.argv[1:])
para = ("<p>The ferry company said the timetable change follows a year of "
        "lower passenger numbers on the early crossing, and that season "
        "tickets remain valid on every remaining sailing.</p>") * 6
for f in range(feeds):
    out = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
           f'<title>Feed {f}</title><link>http://feed{f}.example/</link>']
    for i in range(items):
        out.append(f'<item><title>Round {rnd} story {i} of feed {f}</title>'
                   f'<link>http://feed{f}.example/r{rnd}/s{i}</link>'
                   f'<guid>f{f}-r{rnd}-i{i}</guid>'
                   f'<pubDate>Mon, 23 Nov 2026 {i % 24:02d}:00:00 GMT</pubDate>'
                   f'<description><![CDATA[{para}]]></description></item>')
    out.append('</channel></rss>')
    open(f'feeds/f{f}.xml', 'w').write('\n'.join(out))
PY
}

mkdir feeds
gen 0
{
	echo '<?xml version="1.0"?><opml version="2.0"><head/><body>'
	for f in $(seq 0 $((FEEDS - 1))); do
		echo "<outline text=\"f$f\" xmlUrl=\"file://$TEST_DIR/feeds/f$f.xml\"/>"
	done
	echo '</body></opml>'
} > subs.opml
$TIDINGS opml import subs.opml > /dev/null

# How long a round's fetch takes on this machine and build: the kills
# land at random moments within it. A fixed window let every kill miss
# once ingest got fast enough to finish before it.
start=$(date +%s%N)
$TIDINGS fetch --all > /dev/null 2>&1
span_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$span_ms" -ge 20 ] || span_ms=20
echo "# a whole round takes ${span_ms} ms"

bad=0
killed=0
for r in $(seq 1 "$ROUNDS"); do
	gen "$r"
	$TIDINGS fetch --all > /dev/null 2>&1 &
	pid=$!
	# A random moment within the first 90% of a round.
	sleep "$(awk -v ms=$((RANDOM % (span_ms * 9 / 10))) \
	    'BEGIN { printf "%.3f", ms / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	if ! $TIDINGS check > check.out 2>&1; then
		bad=$((bad + 1))
		cat check.out | sed 's/^/# /'
	fi
	partial=$($TIDINGS source list --json |
		json_get "[s['id'] for s in j if s['articles'] % $ITEMS]")
	if [ "$partial" != "[]" ]; then
		bad=$((bad + 1))
		echo "# round $r: sources with a partial feed: $partial"
	fi
done
echo "# killed $killed of $ROUNDS rounds mid-flight"
is "integrity and whole batches after every kill -9" "$bad" "0"
check "at least one kill landed mid-ingest" [ "$killed" -gt 0 ]

# After the storm, a clean fetch completes everything.
gen 999
$TIDINGS fetch --all > /dev/null 2>&1
partial=$($TIDINGS source list --json | json_get "[s['id'] for s in j if s['articles'] % $ITEMS]")
is "a clean fetch afterwards leaves every feed whole" "$partial" "[]"
out=$($TIDINGS check 2>&1)
contains "and the database is sound" "$out" "ok: database sound"
done_testing
