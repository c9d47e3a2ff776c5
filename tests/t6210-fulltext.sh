#!/usr/bin/env bash
# Full text for teaser feeds, against the loopback fixture server: items
# whose body is only a teaser get their linked page fetched and extracted
# into the stored body (then analysed); a page that fails is recorded on
# the article, not fatal; a full item is left alone; a refetch of the
# unchanged feed keeps the full text without fetching pages again, and a
# changed item is extracted again.
. "$TIDINGS_SRCDIR/tests/lib.sh"

q() { sqlite3 "$TIDINGS_DB" "$1"; }
mkdir site
cp "$SRC"/tests/data/fulltext/*.html site/
start_fixture_server site
export TIDINGS_FETCH_ALLOW_PRIVATE=true
feed() { # BUILD TEASER
	sed "s|@URL@|$FIXTURE_URL|g; s|@BUILD@|$1|; s|@TEASER@|$2|" \
		"$SRC/tests/data/fulltext/teasers.rss" > site/teasers.rss
}
gets() { # PATH: how many times the server was asked for it
	python3 -c 'import json,sys,urllib.request as u
log = json.load(u.urlopen(sys.argv[1] + "/log"))
print(sum(1 for r in log if r["path"].split("?")[0] == "/" + sys.argv[2]))' \
		"$FIXTURE_URL" "$1"
}

feed "Mon, 07 Dec 2026 08:00:00 GMT" "Read more."
$TIDINGS source add "$FIXTURE_URL/teasers.rss" > /dev/null
out=$($TIDINGS fetch 2>&1); rc=$?
is "the teaser feed is fetched" "$rc" "0"
contains "four articles" "$out" "4 new"

body() { q "SELECT content_text FROM articles WHERE guid = '$1'"; }
state() { q "SELECT x.full_text_state FROM articles a JOIN article_analysis x
    ON x.article_id = a.id WHERE a.guid = '$1'"; }
t=$(body saltmarsh-ferry)
contains "the stored body is the page's article" "$t" "Calder Ferries, has hired six new deckhands"
contains "all of it" "$t" "about 180,000 euros a year"
case "$t" in
*"Most read"*|*"newsletter"*|*"All rights reserved"*|*"Share on"*)
	not_ok "page furniture is left out" ;;
*) ok "page furniture is left out" ;;
esac
is "the article is marked as full text" "$(state saltmarsh-ferry)" "1"
h=$(q "SELECT content_html FROM articles WHERE guid = 'saltmarsh-ferry'")
contains "the HTML body is the extracted one" "$h" "<p>Council leader Miriam Osei"
t=$(body saltmarsh-library)
contains "the second teaser too" "$t" "Twelve volunteers have signed up"
s=$(q "SELECT x.ai_summary FROM articles a JOIN article_analysis x
    ON x.article_id = a.id WHERE a.guid = 'saltmarsh-ferry'")
contains "the summary is made from the full text" "$s" "Saltmarsh"
e=$(q "SELECT count(*) FROM articles a JOIN article_entities j
    ON j.article_id = a.id JOIN entities n ON n.id = j.entity_id
    WHERE a.guid = 'saltmarsh-ferry' AND n.name = 'Miriam Osei'")
is "entities come from the full text" "$e" "1"

is "a page that fails is recorded on the article" "$(state saltmarsh-quay)" "2"
err=$(q "SELECT x.full_text_error FROM articles a JOIN article_analysis x
    ON x.article_id = a.id WHERE a.guid = 'saltmarsh-quay'")
contains "with its reason" "$err" "404"
t=$(body saltmarsh-quay)
contains "and the teaser kept" "$t" "Repairs to the old quay"
is "a full item's page is not fetched" "$(gets festival.html)" "0"
is "its body is the feed's" "$(state saltmarsh-festival)" "0"

# The same items in a rebuilt feed: nothing changes, no page is fetched.
feed "Mon, 07 Dec 2026 09:00:00 GMT" "Read more."
out=$($TIDINGS fetch --all 2>&1)
contains "a refetch of the unchanged items" "$out" "0 new, 0 updated, 4 unchanged"
t=$(body saltmarsh-ferry)
contains "keeps the full text" "$t" "Calder Ferries, has hired six new deckhands"
is "without fetching the page again" "$(gets ferry.html)" "1"

# A changed teaser is extracted again.
feed "Mon, 07 Dec 2026 10:00:00 GMT" "Timetable inside."
out=$($TIDINGS fetch --all 2>&1)
contains "a changed teaser is an update" "$out" "0 new, 1 updated"
is "its page is fetched again" "$(gets ferry.html)" "2"
t=$(body saltmarsh-ferry)
contains "and the full text restored" "$t" "Calder Ferries, has hired six new deckhands"

# A source flagged full_text has every changed item's page fetched, full
# items too (the flag is set here in the database: `source add
# --full-text` needs a store call not there yet).
q "UPDATE sources SET full_text = 1"
sed -i 's/the largest crowd/the biggest crowd/' site/teasers.rss
$TIDINGS fetch --all > /dev/null 2>&1
is "a full_text source fetches a full item's page" "$(gets festival.html)" "1"
is "(here a 404, recorded)" "$(state saltmarsh-festival)" "2"
q "UPDATE sources SET full_text = 0"

# Limits: no pages at all with fetch.full_text_max=0.
feed "Mon, 07 Dec 2026 11:00:00 GMT" "Timetable and fares inside."
$TIDINGS --set fetch.full_text_max=0 fetch --all > /dev/null 2>&1
is "fetch.full_text_max=0 fetches no page" "$(gets ferry.html)" "2"
t=$(body saltmarsh-ferry)
contains "and the body is the feed's teaser" "$t" "Timetable and fares inside"
done_testing
