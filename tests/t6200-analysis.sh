#!/usr/bin/env bash
# Article intelligence at ingest, over the bundled samples: publisher
# boilerplate folded on every article that carries it (the earliest too),
# glued tags split into known tags, summaries, key points and entities
# stored, the language of the French, German and Arabic feeds found, and
# a second fetch of the same feeds changing nothing.
. "$TIDINGS_SRCDIR/tests/lib.sh"

q() { sqlite3 "$TIDINGS_DB" "$1"; }

while read -r path group; do
	case "$path" in ''|'#'*) continue ;; esac
	$TIDINGS source add "$SRC/samples/$path" > /dev/null 2>&1
done < "$SRC/samples/sources.txt"
out=$($TIDINGS fetch 2>&1); rc=$?
is "the samples ingest with analysis" "$rc" "0"
contains "every source stored" "$out" "(9 ok, 0 not modified, 0 failed)"

# ---- Meridian Wire's background paragraphs ----
mw=$(q "SELECT id FROM sources WHERE url LIKE '%meridian-wire%'")
with=$(q "SELECT count(*) FROM articles WHERE source_id = $mw AND
    content_html LIKE '%is an independent news agency%'")
check "Meridian Wire repeats its background under many stories" [ "$with" -ge 3 ]
folded=$(q "SELECT count(*) FROM articles a JOIN article_analysis x
    ON x.article_id = a.id WHERE a.source_id = $mw
    AND a.content_html LIKE '%is an independent news agency%'
    AND x.body_background LIKE '%is an independent news agency%'
    AND x.body_main NOT LIKE '%is an independent news agency%'")
is "the background is folded on all of them" "$folded" "$with"
first=$(q "SELECT min(id) FROM articles WHERE source_id = $mw AND
    content_html LIKE '%is an independent news agency%'")
bg=$(q "SELECT body_background IS NOT NULL FROM article_analysis
    WHERE article_id = $first")
is "including the earliest, stored before the paragraph counted" "$bg" "1"
leak=$(q "SELECT count(*) FROM articles a JOIN article_analysis x
    ON x.article_id = a.id WHERE a.source_id = $mw
    AND (x.ai_summary LIKE '%independent news agency%'
    OR x.key_points LIKE '%independent news agency%')")
is "no summary or key point quotes the boilerplate" "$leak" "0"
other=$(q "SELECT count(*) FROM article_analysis x JOIN articles a
    ON a.id = x.article_id WHERE a.source_id <> $mw
    AND x.body_background LIKE '%independent news agency%'")
is "other sources are not folded on Meridian's paragraph" "$other" "0"

# ---- glued tags ----
glued=$(q "SELECT count(*) FROM article_tags j JOIN tags t ON t.id = j.tag_id
    WHERE t.key = 'harborauthorityportsshippingstrikenorthbay'")
is "the Herald's glued tag string is gone" "$glued" "0"
tags=$(q "SELECT group_concat(t.key, ' ') FROM (SELECT t.key FROM articles a
    JOIN article_tags j ON j.article_id = a.id JOIN tags t ON t.id = j.tag_id
    WHERE a.title = 'Dockworkers walk out at Port of Northbay as pay talks collapse'
    ORDER BY t.key) t")
for k in harborauthority port shipping strike northbay; do
	contains "its piece '$k' is a tag of the article" " $tags " " $k "
done
measles=$(q "SELECT count(*) FROM article_tags j JOIN tags t ON t.id = j.tag_id
    WHERE t.key LIKE 'measlespublichealth%'")
is "a glued string split on tags from other feeds" "$measles" "0"
disp=$(q "SELECT display FROM tags WHERE key = 'publichealth'")
is "pieces keep the publisher's spelling" "$disp" "Public Health"

# ---- summaries, key points, entities ----
n=$(q "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id
    WHERE s.url NOT LIKE '%hostile%' AND length(a.content_text) > 200")
ns=$(q "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id
    JOIN article_analysis x ON x.article_id = a.id
    WHERE s.url NOT LIKE '%hostile%' AND length(a.content_text) > 200
    AND length(x.ai_summary) > 0 AND x.key_points LIKE '[\"%'")
is "every article with a body has a summary and key points" "$ns" "$n"
v=$(q "SELECT analysis_version FROM article_analysis LIMIT 1")
check "the analysis version is stored" [ "$v" -ge 1 ]
person=$(q "SELECT type FROM entities WHERE name = 'Elena Varga'")
is "a person is recognised" "$person" "person"
place=$(q "SELECT type FROM entities WHERE name = 'Calder Province'")
is "a place is recognised" "$place" "place"
ne=$(q "SELECT count(DISTINCT article_id) FROM article_entities")
check "most articles name entities ($ne)" [ "$ne" -ge 200 ]

# ---- languages ----
for l in "courrier-de-la-baie fr" "nordkuesten-rundschau de" "sada-alsahil ar"; do
	set -- $l
	got=$(q "SELECT group_concat(DISTINCT x.lang) FROM articles a
	    JOIN sources s ON s.id = a.source_id
	    JOIN article_analysis x ON x.article_id = a.id
	    WHERE s.url LIKE '%$1%'")
	is "$1 articles are in '$2'" "$got" "$2"
done
fr=$(q "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id
    JOIN article_analysis x ON x.article_id = a.id
    WHERE s.url LIKE '%courrier%' AND length(x.ai_summary) > 20")
check "French articles are summarised" [ "$fr" -ge 5 ]

# ---- a second fetch ----
before=$(q "SELECT group_concat(x.article_id || ':' || length(x.ai_summary))
    FROM article_analysis x")
out=$($TIDINGS fetch --all 2>&1)
contains "refetching the same feeds changes nothing" "$out" "0 new, 0 updated"
after=$(q "SELECT group_concat(x.article_id || ':' || length(x.ai_summary))
    FROM article_analysis x")
is "and keeps every analysis" "$after" "$before"
glued=$(q "SELECT count(*) FROM article_tags j JOIN tags t ON t.id = j.tag_id
    WHERE t.key = 'harborauthorityportsshippingstrikenorthbay'")
is "split tags stay split" "$glued" "0"

# ---- ask ----
id=$(q "SELECT id FROM articles WHERE title =
    'Dockworkers walk out at Port of Northbay as pay talks collapse'")
out=$($TIDINGS ask "$id" "How many dockworkers walked out?" 2>&1); rc=$?
is "ask answers" "$rc" "0"
contains "with a sentence holding the number" "$out" "2,400"
contains "its source and link" "$out" "-- The Northbay Herald: https://"
j=$($TIDINGS ask --json "$id" "How many dockworkers walked out?")
n=$(echo "$j" | json_get 'len(j["answers"])')
check "1 to 3 answers" [ "$n" -ge 1 -a "$n" -le 3 ]
src=$(echo "$j" | json_get 'sorted(set(a["source"] for a in j["answers"]))')
contains "from the article and its related articles" "$src" "Northbay"
out=$($TIDINGS ask "$id" "What is the capital of Peru?")
is "an unrelated question gets no noise" "$out" "No answer found in these articles"
out=$($TIDINGS ask 999999 "Who?" 2>&1); rc=$?
check "an unknown article is an error" [ "$rc" -ne 0 ]
contains "saying so" "$out" "no article 999999"

# ---- analysis off ----
export TIDINGS_DB="$TEST_DIR/plain.db"
$TIDINGS source add "$SRC/samples/feeds/meridian-wire.atom.xml" > /dev/null
$TIDINGS --set analyze.enabled=false fetch > /dev/null 2>&1
n=$(q "SELECT count(*) FROM article_analysis WHERE ai_summary IS NOT NULL")
is "analyze.enabled=false stores no analysis" "$n" "0"
done_testing
