#!/usr/bin/env bash
# Sources finished within a second share one commit. A feed parsed whole
# is stored there without a savepoint of its own, so when the database
# refuses one of its articles the whole open group is rolled back: the
# sources stored in it come due again and are stored on the next fetch,
# the failing source keeps a savepoint from then on, and no source is ever
# half-stored.
. "$TIDINGS_SRCDIR/tests/lib.sh"

feed() { # NAME: a feed of three items, one titled BOOM in feed b
	{
		echo '<?xml version="1.0"?><rss version="2.0"><channel>'
		echo "<title>Feed $1</title><link>https://$1.example/</link>"
		for i in 1 2 3; do
			t="Story $i from $1"
			[ "$1" = b ] && [ "$i" = 2 ] && t=BOOM
			echo "<item><title>$t</title><guid>$1-$i</guid>"
			echo "<description>Words about $1 number $i.</description></item>"
		done
		echo '</channel></rss>'
	} > "$1.xml"
}
for f in a b c d; do
	feed $f
	$TIDINGS source add "$TEST_DIR/$f.xml" > /dev/null 2>&1
done
# The database refuses one article, as a full disk or an I/O error would.
sqlite3 "$TIDINGS_DB" "CREATE TRIGGER boom BEFORE INSERT ON articles
	WHEN new.title = 'BOOM' BEGIN SELECT RAISE(ABORT, 'refused'); END;"

per_source() { # "a=N b=N c=N d=N"
	local s out=""
	for s in 1 2 3 4; do
		out="$out $($TIDINGS articles --source $s --json | json_get 'len(j)')"
	done
	echo $out
}
whole() { # every source has all of its articles or none
	local n
	for n in $(per_source); do
		[ "$n" = 0 ] || [ "$n" = 3 ] || return 1
	done
}

out=$($TIDINGS fetch 2>&1)
contains "the refused feed fails" "$out" "refused"
check "no source is half-stored" whole
first=$(per_source)
b=$(echo $first | cut -d' ' -f2)
is "the refused feed stored nothing" "$b" 0
err=$($TIDINGS source list --json | json_get 'j[1]["last_error"]')
contains "its error is recorded" "$err" "refused"
case "$out" in
*"were rolled back"*) ok "the group's loss is logged" ;;
*) not_ok "the group's loss is logged"; echo "# $out" ;;
esac
check "the database is sound" $TIDINGS check

# Next fetch: the rolled-back sources are due again and stored; the bad
# source, with a savepoint of its own now, fails alone.
out=$($TIDINGS fetch 2>&1)
is "every other source is stored" "$(per_source)" "3 0 3 3"
case "$out" in
*"were rolled back"*) not_ok "nothing else is lost the second time"
	echo "# $out" ;;
*) ok "nothing else is lost the second time" ;;
esac
out=$($TIDINGS fetch --all 2>&1)
is "refetching duplicates nothing" "$(per_source)" "3 0 3 3"
check "the database is still sound" $TIDINGS check
done_testing
