#!/usr/bin/env bash
# The ingest pipeline end to end against a real loopback HTTP server:
# source add (feed URL, page with autodiscovery, local file), fetch, refetch
# with conditional GET, updates without duplicates, and source management.
. "$TIDINGS_SRCDIR/tests/lib.sh"

cp -r "$SRC/tests/data/site" site
start_fixture_server site
export TIDINGS_FETCH_ALLOW_PRIVATE=true

out=$($TIDINGS source add "$FIXTURE_URL/news.xml" 2>&1)
contains "source add of a feed URL" "$out" "added source 1: $FIXTURE_URL/news.xml — Millbrook Gazette"

out=$($TIDINGS source add "$FIXTURE_URL/news.xml" 2>&1)
contains "adding the same feed again says so" "$out" "already have source 1"

out=$($TIDINGS source add "$FIXTURE_URL/index.html" 2>&1)
contains "a page's <link rel=alternate> leads to its feed" "$out" "already have source 1"

out=$($TIDINGS source add "$FIXTURE_URL/nolinks.html" 2>&1); rc=$?
check "a page naming no feed is refused" [ "$rc" -ne 0 ]
contains "with a clear message" "$out" "names no working feed"

out=$($TIDINGS source add "$FIXTURE_URL/status/404" 2>&1); rc=$?
check "a 404 is refused" [ "$rc" -ne 0 ]
contains "saying HTTP 404" "$out" "HTTP 404"

out=$($TIDINGS fetch 2>&1)
contains "first fetch stores three articles" "$out" "3 new, 0 updated"
n=$($TIDINGS articles --json | json_get 'len(j)')
is "three articles stored" "$n" "3"
t=$($TIDINGS articles --json | json_get '[a["title"] for a in j]')
is "newest first" "$t" '["Frost warning for the valley overnight", "Library extends weekend opening hours", "Council approves new footbridge over the Mill river"]'

hits_before=$(grep -c 'GET /news.xml' fixture.err || true)
out=$($TIDINGS fetch --all 2>&1)
contains "refetch with validators gets 304" "$out" "1 not modified"
n=$($TIDINGS articles --json | json_get 'len(j)')
is "no duplicates after refetch" "$n" "3"
etag=$($TIDINGS source list --json | json_get 'j[0]["etag"]')
check "the ETag was stored" [ -n "$etag" ] 

# Change one article and the feed's validators; the item updates in place.
sed -i 's/seven to two/eight to one/; s/<ttl>30/<ttl>31/' site/news.xml
touch -d '+1 minute' site/news.xml
out=$($TIDINGS fetch --all 2>&1)
contains "a changed article is updated, not duplicated" "$out" "0 new, 1 updated, 2 unchanged"
n=$($TIDINGS articles --json | json_get 'len(j)')
is "still three articles" "$n" "3"

# The same article under a different tracking parameter and fragment is the
# same article (no guid on these items: identity by canonical link).
sed -i 's/library-hours</library-hours?utm_campaign=x\&amp;fbclid=abc#comments</' site/news.xml
touch -d '+2 minute' site/news.xml
out=$($TIDINGS fetch --all 2>&1)
contains "tracking parameters do not create duplicates" "$out" "0 new"
n=$($TIDINGS articles --json | json_get 'len(j)')
is "still three after link noise" "$n" "3"

out=$($TIDINGS search footbridge 2>&1)
contains "search finds the article" "$out" "Council approves new footbridge"
out=$($TIDINGS search 'eight to one' --json | json_get 'len(j)')
is "the FTS index follows updates" "$out" "1"
out=$($TIDINGS search 'seven' --json | json_get 'len(j)')
is "old text is gone from the index" "$out" "0"

# A local file works as a source (file://), as the bundled samples do.
out=$($TIDINGS source add "$SRC/tests/data/site/news.xml" 2>&1)
contains "a local path becomes a file:// source" "$out" "added source 2: file://"

$TIDINGS source pause 2 >/dev/null
out=$($TIDINGS fetch --all 2>&1)
contains "a paused source is not fetched" "$out" "fetched 1 sources"
$TIDINGS source resume 2 >/dev/null
out=$($TIDINGS fetch --source 2 2>&1)
contains "resumed source is fetched" "$out" "3 new"
$TIDINGS source remove 2 >/dev/null
n=$($TIDINGS articles --json | json_get 'len(j)')
is "removing a source removes its articles" "$n" "3"
out=$($TIDINGS source remove 99 2>&1); rc=$?
check "removing a missing source fails" [ "$rc" -ne 0 ]

out=$($TIDINGS check 2>&1)
contains "database sound" "$out" "ok: database sound, 3 articles"
done_testing
