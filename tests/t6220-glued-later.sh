#!/usr/bin/env bash
# Glued tag strings split when their pieces become known only later: in
# the same round (a string too short to look glued, so not held for the
# round's end) and in a later round, for articles stored long before.
. "$TIDINGS_SRCDIR/tests/lib.sh"

q() { sqlite3 "$TIDINGS_DB" "$1"; }

# feed NAME GUID TITLE TAG...: a one-item RSS feed in NAME.xml.
feed() {
	local name=$1 guid=$2 title=$3 t
	shift 3
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel>'
		echo "<title>$name</title><link>http://x.example/</link>"
		echo "<description>d</description><item><title>$title</title>"
		echo "<guid>$guid</guid><link>http://x.example/$guid</link>"
		echo "<description>The quay workers of Kelmsby walked out on"
		echo "Monday over pay, the union said.</description>"
		for t in "$@"; do echo "<category>$t</category>"; done
		echo '</item></channel></rss>'
	} > "$name.xml"
}
tags_of() {
	q "SELECT group_concat(key, ' ') FROM (SELECT t.key FROM articles a
	    JOIN article_tags j ON j.article_id = a.id JOIN tags t
	    ON t.id = j.tag_id WHERE a.title = '$1' ORDER BY t.key)"
}

# ---- pieces later in the same round ----
feed a g1 "Short glued" "quaywalkout" "Northbay"
feed b g2 "The pieces" "quay" "walkout"
for f in a b; do $TIDINGS source add "$TEST_DIR/$f.xml" > /dev/null; done
out=$($TIDINGS fetch 2>&1); rc=$?
is "the first round ingests" "$rc" "0"
is "a short glued tag splits on pieces that came after it" \
    "$(tags_of 'Short glued')" "northbay quay walkout"

# ---- pieces in a later round ----
feed c g3 "Old glued" "Kelmsbyharbourpay deal"
$TIDINGS source add "$TEST_DIR/c.xml" > /dev/null
$TIDINGS fetch > /dev/null 2>&1
is "unknown pieces: the tag stays whole" "$(tags_of 'Old glued')" \
    "kelmsbyharbourpaydeal"
feed d g4 "New pieces" "Kelmsby" "harbour" "pay deal"
$TIDINGS source add "$TEST_DIR/d.xml" > /dev/null
$TIDINGS fetch > /dev/null 2>&1
is "a stored glued tag splits once a later round knows its pieces" \
    "$(tags_of 'Old glued')" "harbour kelmsby paydeal"
is "the glued tag has no articles left" \
    "$(q "SELECT article_count FROM tags WHERE key = 'kelmsbyharbourpaydeal'")" "0"
is "the pieces count the article" \
    "$(q "SELECT article_count FROM tags WHERE key = 'harbour'")" "2"
disp=$(q "SELECT display FROM tags WHERE key = 'paydeal'")
is "pieces keep the publisher's spelling" "$disp" "pay deal"

# ---- nothing moves on a fetch that brings nothing new ----
out=$($TIDINGS fetch --all 2>&1)
contains "a refetch stores no new article" "$out" "0 new"
is "and the split tags stay" "$(tags_of 'Old glued')" "harbour kelmsby paydeal"
done_testing
