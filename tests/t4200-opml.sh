#!/usr/bin/env bash
# OPML 2.0 import and export: folders become groups (nested folders as a
# path), a round trip changes nothing, a broken file imports nothing.
. "$TIDINGS_SRCDIR/tests/lib.sh"

out=$($TIDINGS opml import "$SRC/tests/data/subscriptions.opml" 2>&1)
contains "import reports the count" "$out" "imported 4 feeds (4 new, 0 already present)"
groups=$($TIDINGS source list --json | json_get '[(s["url"], s["group"]) for s in j]')
is "folders become groups, nested ones as a path" "$groups" \
	'[["http://toplevel.example/feed.xml", null], ["http://harbour.example/rss", "News/World"], ["http://ridge.example/atom.xml", "News/World"], ["http://local.example/feed", "News"]]'
title=$($TIDINGS source list --json | json_get 'j[2]["title"]')
is "titles come from the outline, entities decoded" "$title" "Ridge & Valley"

$TIDINGS opml export > exported.opml
check "export is well-formed XML" python3 -c 'import xml.etree.ElementTree as E,sys; E.parse(sys.argv[1])' exported.opml
contains "export has the folder" "$(cat exported.opml)" '<outline text="News/World" title="News/World">'
contains "export escapes attributes" "$(cat exported.opml)" 'text="Ridge &amp; Valley"'

rm -f "$TIDINGS_DB"*
$TIDINGS opml import exported.opml > /dev/null
again=$($TIDINGS source list --json | json_get 'sorted((s["url"], s["group"] or "", s["title"]) for s in j)')
rm -f "$TIDINGS_DB"*
$TIDINGS opml import "$SRC/tests/data/subscriptions.opml" > /dev/null
orig=$($TIDINGS source list --json | json_get 'sorted((s["url"], s["group"] or "", s["title"]) for s in j)')
is "export then import round-trips" "$again" "$orig"

out=$($TIDINGS opml import exported.opml 2>&1)
contains "re-import adds nothing" "$out" "(0 new, 4 already present)"

printf '<opml><body><outline xmlUrl="http://new.example/x"/>' > broken.opml
head -c 100 /dev/urandom > binary.opml
out=$($TIDINGS opml import binary.opml 2>&1); rc=$?
check "binary input is refused" [ "$rc" -ne 0 ]
contains "with a clear message" "$out" "binary.opml:"
out=$($TIDINGS opml import nosuchfile.opml 2>&1); rc=$?
check "a missing file is an error" [ "$rc" -ne 0 ]
n=$($TIDINGS source list --json | json_get 'len(j)')
is "failed imports add nothing" "$n" "4"
done_testing
