#!/usr/bin/env bash
# Article intelligence on the site, over the bundled samples: a Meridian
# Wire article with its repeated background folded under a closed
# "Background" and out of the body; the AI panel (summary, key points,
# entity links) and its question box, answered on the page without
# JavaScript; an entity page listing its articles; the ask API's JSON
# shapes and errors; an Arabic article's panel keeping its direction.
. "$TIDINGS_SRCDIR/tests/lib.sh"

q() { sqlite3 "$TIDINGS_DB" "$1"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
# between FILE START END: the lines from the first START to the next END.
between() { sed -n "/$2/,/$3/p" "$1"; }

while read -r path group; do
	case "$path" in ''|'#'*) continue ;; esac
	$TIDINGS source add "$SRC/samples/$path" > /dev/null 2>&1
done < "$SRC/samples/sources.txt"
$TIDINGS fetch > fetch.out 2>&1
is "the samples ingest" "$?" "0"

port=$(free_port)
B="http://127.0.0.1:$port"
$TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve.out 2> serve.err &
pid=$!
at_exit "kill $pid 2>/dev/null"
up=1
for _ in $(seq 1 100); do
	curl -s -o /dev/null "$B/healthz" && { up=0; break; }
	sleep 0.1
done
check "the server starts" [ "$up" -eq 0 ]

# ---- a Meridian Wire article: body and folded background ----
id=$(q "SELECT id FROM articles WHERE title =
    'Opposition wins majority in Calder provincial vote'")
check "the Meridian Wire article is stored" [ -n "$id" ]
curl -s -o art.html "$B/article/$id"
# The article's own body: from its first <div class="body"> to the line
# that closes it.
sed -n '/<div class="body">/,/^<\/div>$/{p;/^<\/div>$/q}' art.html > main-body.html
contains "the body keeps the story" "$(cat main-body.html)" \
	"The opposition Coastal Alliance won 41 of the 79 seats"
check "the repeated paragraph is not in the body" \
	bash -c "! grep -q 'is an independent news agency' main-body.html"
between art.html '<details class="background">' '<\/details>' > bg.html
contains "a closed Background section" "$(head -1 bg.html)" \
	'<details class="background"><summary>Background</summary>'
contains "the repeated paragraph is inside it" "$(cat bg.html)" \
	"Meridian Wire is an independent news agency"
check "the section is collapsed (no open attribute)" \
	bash -c "! grep -q '<details[^>]* open' art.html"
check "the background comes after the body" bash -c \
	"[ \$(grep -n 'Coastal Alliance won 41' art.html | head -1 | cut -d: -f1) -lt \
	   \$(grep -n '<details class=\"background\"' art.html | cut -d: -f1) ]"

# ---- the AI panel ----
between art.html '<section class="panel ai"' '^<\/section>$' > panel.html
contains "an AI features panel with a heading" "$(cat panel.html)" \
	'<h2 id="ai-h">AI features</h2>'
contains "it sits in the article's aside" "$(grep -B1 'class="panel ai"' art.html | head -1)" \
	'<aside'
contains "a summary" "$(cat panel.html)" '<h3>Summary</h3>'
check "the summary has text" grep -q '<p class="ai-summary"[^>]*>[A-Z]' panel.html
contains "key points" "$(cat panel.html)" '<h3>Key points</h3>'
n=$(grep -c '^<li>' panel.html)
check "3 to 5 key points ($n)" [ "$n" -ge 3 -a "$n" -le 5 ]
check "no key point quotes the boilerplate" \
	bash -c "! grep -q 'independent news agency' panel.html"
contains "people" "$(cat panel.html)" '<h3>People</h3>'
contains "organisations" "$(cat panel.html)" '<h3>Organisations</h3>'
kamara=$(grep -o '<a href="/entity/[0-9]*">Idris Kamara</a>' panel.html | head -1)
check "a person links to an entity page" [ -n "$kamara" ]
contains "an ask form" "$(cat panel.html)" \
	"<form class=\"ask\" method=\"get\" action=\"/article/$id#answers\">"
contains "with a labelled question box" "$(cat panel.html)" \
	'<label for="ask-q">'
contains "named q" "$(cat panel.html)" 'id="ask-q" name="q"'
contains "and a submit button" "$(cat panel.html)" '<button type="submit">'
check "no answer without a question" bash -c "! grep -q 'id=\"answers\"' art.html"
check "no script on the page" bash -c "! grep -Eq '<script|<style| on[a-z]+=' art.html"
contains "tags link to /tag/KEY with the display form" "$(cat art.html)" \
	'<a href="/tag/calderprovince">Calder Province</a>'

# ---- the entity page ----
eid=$(echo "$kamara" | grep -o '[0-9]*')
curl -s -D ent.h -o ent.html "$B/entity/$eid"
contains "the entity page answers" "$(head -1 ent.h)" "200"
contains "naming the person" "$(cat ent.html)" \
	'<h1><span class="small">Person:</span> Idris Kamara</h1>'
n=$(grep -c '<li class="item"' ent.html)
want=$(q "SELECT count(*) FROM article_entities WHERE entity_id = $eid")
is "listing all its articles" "$n" "$want"
contains "the article among them" "$(cat ent.html)" "/article/$id\""
check "newest first" bash -c "grep -o 'datetime=\"[^\"]*\"' ent.html |
	sort -c -r"
is "an unknown entity is 404" "$(code "$B/entity/987654")" "404"
is "a non-numeric entity is 404" "$(code "$B/entity/kamara")" "404"
is "a damaged cursor is 400" "$(code "$B/entity/$eid?before=x")" "400"
# keyset paging: the entity with the most articles, a page at a time
big=$(q "SELECT entity_id FROM article_entities GROUP BY entity_id
    ORDER BY count(*) DESC LIMIT 1")
total=$(q "SELECT count(*) FROM article_entities WHERE entity_id = $big")
seen=0 pages=0 next="/entity/$big"
while [ -n "$next" ] && [ $pages -lt 20 ]; do
	curl -s -o page.html "$B$next"
	seen=$((seen + $(grep -c '<li class="item"' page.html)))
	pages=$((pages + 1))
	next=$(grep -o 'rel="next" href="[^"]*"' page.html | sed 's/.*href="//; s/"$//')
done
check "the biggest entity ($total articles) takes several pages" [ "$pages" -ge 2 -o "$total" -le 30 ]
is "paging by keyset shows every article once" "$seen" "$total"

# ---- ask on the page ----
question='How many seats did the Coastal Alliance win?'
curl -s -G -o ask.html --data-urlencode "q=$question" "$B/article/$id"
between ask.html '<div class="answers" id="answers">' '<\/div>' > answers.html
contains "the question is answered on the same page" "$(cat answers.html)" '<ol>'
contains "with the sentence holding the number" "$(cat answers.html)" \
	"41 seats for the Coastal Alliance"
n=$(grep -c '^<li><p' answers.html)
check "1 to 3 answers ($n)" [ "$n" -ge 1 -a "$n" -le 3 ]
contains "each with its source" "$(cat answers.html)" '<p class="small">Civic Pulse Northbay: '
contains "and a link to its article" "$(cat answers.html)" '<a href="/article/'
contains "the box keeps the question" "$(cat ask.html)" \
	'value="How many seats did the Coastal Alliance win?"'
contains "an answer page is not indexed" "$(cat ask.html)" 'noindex'
curl -s -G -o none.html --data-urlencode 'q=What is the capital of Peru?' "$B/article/$id"
contains "an unrelated question gets no noise" "$(cat none.html)" \
	'<p class="empty">No answer found in these articles</p>'
curl -s -G -o hostile.html --data-urlencode 'q="><script>alert(1)</script>' "$B/article/$id"
check "a hostile question is escaped" bash -c "! grep -q '<script>alert' hostile.html"
long=$(head -c 600 /dev/zero | tr '\0' a)
curl -s -o long.html -w '%{http_code}' "$B/article/$id?q=$long" > long.code
is "an over-long question still shows the article" "$(cat long.code)" "200"
contains "saying why" "$(cat long.html)" 'the question is longer than 500 bytes'
curl -s -o blank.html "$B/article/$id?q=+++"
check "a blank question is no question" bash -c "! grep -q 'id=\"answers\"' blank.html"

# ---- the ask API ----
curl -s -G -D api.h -o api.json --data-urlencode "q=$question" \
	"$B/api/v1/articles/$id/ask"
contains "the ask API answers" "$(head -1 api.h)" "200"
contains "in JSON" "$(grep -i '^Content-Type' api.h)" "application/json"
is "echoing the question" "$(json_get 'j["question"]' < api.json)" "$question"
n=$(json_get 'len(j["answers"])' < api.json)
check "1 to 3 answers ($n)" [ "$n" -ge 1 -a "$n" -le 3 ]
is "each answer has text, article_id, title, source and url" \
	"$(json_get 'sorted(set(k for a in j["answers"] for k in a))' < api.json)" \
	'["article_id", "source", "text", "title", "url"]'
contains "the page and the API agree" "$(json_get '[a["text"] for a in j["answers"]]' < api.json)" \
	"41 seats for the Coastal Alliance"
is "no message when answered" "$(json_get '"message" in j' < api.json)" "False"
curl -s -G -o none.json --data-urlencode 'q=What is the capital of Peru?' \
	"$B/api/v1/articles/$id/ask"
is "no answer: an empty list" "$(json_get 'j["answers"]' < none.json)" "[]"
is "with the message" "$(json_get 'j["message"]' < none.json)" \
	"No answer found in these articles"
curl -s -D miss.h -o miss.json "$B/api/v1/articles/$id/ask"
contains "a missing q is 400" "$(head -1 miss.h)" "400"
is "as a JSON error" "$(json_get 'j["error"]["code"]' < miss.json)" "bad_request"
contains "naming the parameter" "$(json_get 'j["error"]["message"]' < miss.json)" "(q)"
is "a blank q is 400" "$(code "$B/api/v1/articles/$id/ask?q=%20")" "400"
is "an over-long q is 400" "$(code "$B/api/v1/articles/$id/ask?q=$long")" "400"
curl -s -D nf.h -o nf.json "$B/api/v1/articles/987654/ask?q=who"
contains "an unknown article is 404" "$(head -1 nf.h)" "404"
is "as a JSON error" "$(json_get 'j["error"]["code"]' < nf.json)" "not_found"
is "POST is 405" "$(code -X POST "$B/api/v1/articles/$id/ask?q=who")" "405"

# ---- right to left ----
ar=$(q "SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id
    JOIN article_analysis x ON x.article_id = a.id
    WHERE s.url LIKE '%sada-alsahil%' AND length(x.ai_summary) > 0 LIMIT 1")
curl -s -o ar.html "$B/article/$ar"
contains "an Arabic article's body is right to left" "$(cat ar.html)" \
	'<article lang="ar" dir="rtl">'
contains "so is its summary in the panel" "$(cat ar.html)" \
	'<p class="ai-summary" lang="ar" dir="rtl">'
contains "while the panel's own words stay in the site's language" \
	"$(cat ar.html)" '<h2 id="ai-h">AI features</h2>'

# ---- without analysis: the stored body, and a panel of what exists ----
export TIDINGS_DB="$TEST_DIR/plain.db"
$TIDINGS source add "$SRC/samples/feeds/meridian-wire.atom.xml" > /dev/null
$TIDINGS --set analyze.enabled=false fetch > /dev/null 2>&1
port2=$(free_port)
$TIDINGS serve --listen "127.0.0.1:$port2" --no-fetch > serve2.out 2> serve2.err &
pid2=$!
at_exit "kill $pid2 2>/dev/null"
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$port2/healthz" && break
	sleep 0.1
done
pid_plain=$(q "SELECT id FROM articles WHERE title =
    'Opposition wins majority in Calder provincial vote'")
curl -s -o plain.html "http://127.0.0.1:$port2/article/$pid_plain"
sed -n '/<div class="body">/,/^<\/div>$/{p;/^<\/div>$/q}' plain.html > plain-body.html
contains "an unanalysed article shows its whole stored body" \
	"$(cat plain-body.html)" "Meridian Wire is an independent news agency"
check "with nothing folded" bash -c "! grep -q '<details' plain.html"
check "and no summary, key points or entities in the panel" \
	bash -c "! grep -Eq '<h3>(Summary|Key points|People|Places|Organisations)</h3>' plain.html"
contains "but the question box" "$(cat plain.html)" '<form class="ask"'
kill "$pid2" 2>/dev/null

# A clean stop, with nothing from the sanitizers in a san build.
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
wait "$pid2" 2>/dev/null
check "the servers logged no sanitizer report" bash -c \
	"! grep -Eq 'Sanitizer|runtime error' serve.err serve2.err"
done_testing
