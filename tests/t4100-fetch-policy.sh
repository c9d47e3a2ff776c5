#!/usr/bin/env bash
# What each HTTP outcome does to a source during `tidings fetch`: permanent
# redirects update the URL, 410 disables, 429/503 wait as asked for that
# source only, failures back off and are recorded, limits hold, and a bad
# response never loses what is stored.
. "$TIDINGS_SRCDIR/tests/lib.sh"

cp -r "$SRC/tests/data/site" site
start_fixture_server site
export TIDINGS_FETCH_ALLOW_PRIVATE=true
export TIDINGS_TEST_NOW=1800000000
U=$FIXTURE_URL

# OPML import stores URLs without probing them, which lets us point
# sources at scripted endpoints.
opml() {
	{
		echo '<?xml version="1.0"?><opml version="2.0"><head/><body>'
		for u in "$@"; do
			u=${u//&/&amp;}
			echo "<outline text=\"x\" xmlUrl=\"$u\"/>"
		done
		echo '</body></opml>'
	} > subs.opml
	$TIDINGS opml import subs.opml
}
field() { # ID FIELD
	$TIDINGS source list --json | json_get "[s for s in j if s['id']==$1][0]['$2']"
}

opml "$U/news.xml" \
	"$U/redirect/301?to=/news.xml%3Fmoved%3D1" \
	"$U/status/410" \
	"$U/retry-after/429?s=7200" \
	"$U/status/500" \
	"$U/big?bytes=300000" \
	"$U/stall?seconds=30" \
	"$U/respond?status=200&body=%00%01binary%FF%FEjunk" \
	> /dev/null
n=$($TIDINGS source list --json | json_get 'len(j)')
is "eight sources imported" "$n" "8"

out=$($TIDINGS --set fetch.max_body=100K --set fetch.timeout=2 fetch 2>&1)
contains "the round reports each outcome" "$out" "fetched 8 sources (2 ok, 0 not modified, 6 failed)"

is "301 updates the stored URL" "$(field 2 url)" "$U/news.xml?moved=1"
is "410 disables the source" "$(field 3 disabled)" "True"
is "429 is recorded" "$(field 4 last_status)" "429"
is "Retry-After is honoured for that source" "$(field 4 next_fetch)" "$((1800000000 + 7200))"
is "other sources on the same host keep their schedule" "$(field 1 fail_count)" "0"
is "500 is recorded as an error" "$(field 5 last_error)" "HTTP 500"
is "first failure waits the minimum interval" "$(field 5 next_fetch)" "$((1800000000 + 900))"
contains "an oversized body is refused" "$(field 6 last_error)" "larger"
contains "a stalled server times out" "$(field 7 last_error | tr A-Z a-z)" "time"
check "binary junk is an error, not a crash" [ "$(field 8 fail_count)" = "1" ]

export TIDINGS_TEST_NOW=1800001000
out=$($TIDINGS --set fetch.timeout=2 fetch --source 5 2>&1)
is "second failure doubles the wait" "$(field 5 next_fetch)" "$((1800001000 + 1800))"
is "and counts consecutive failures" "$(field 5 fail_count)" "2"

before=$($TIDINGS articles --json | json_get 'len(j)')
check "the good sources stored their articles" [ "$before" -eq 6 ]

# A source that worked starts failing: nothing stored is lost.
cp site/news.xml site/news.good
printf '\x00\x01\x02 not xml at all' > site/news.xml
touch -d '+1 minute' site/news.xml
$TIDINGS fetch --source 1 > /dev/null 2>&1
after=$($TIDINGS articles --json | json_get 'len(j)')
is "a broken response loses nothing already stored" "$after" "$before"
check "and the error is on the source" [ "$(field 1 fail_count)" = "1" ]

# A truncated feed is recovered as far as it goes.
head -c 900 site/news.good > site/news.xml
touch -d '+2 minute' site/news.xml
out=$($TIDINGS fetch --source 1 2>&1)
check "a truncated feed is recovered" [ "$(field 1 fail_count)" = "0" ]
after=$($TIDINGS articles --json | json_get 'len(j)')
is "without losing or duplicating articles" "$after" "$before"

# Private addresses are refused unless allowed, also behind a redirect.
unset TIDINGS_FETCH_ALLOW_PRIVATE
out=$($TIDINGS source add "$U/news.xml" 2>&1); rc=$?
check "loopback is refused by default" [ "$rc" -ne 0 ]
contains "with a message naming the switch" "$out" "allow_private"
out=$($TIDINGS fetch --source 1 2>&1)
contains "fetch refuses it too" "$(field 1 last_error)" "allow_private"

out=$($TIDINGS check 2>&1)
contains "database sound" "$out" "ok: database sound"
done_testing
