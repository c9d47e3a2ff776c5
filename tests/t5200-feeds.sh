#!/usr/bin/env bash
# Feeds out: every listing as Atom 1.0 and JSON Feed 1.1, and /opml.
# The feeds of a tag, of every source (the hostile one included) and of a
# search are checked by a small validator written from RFC 4287 and the
# JSON Feed 1.1 spec: well-formed XML, the required elements once each,
# unique entry ids, RFC 3339 dates, absolute links, escaped HTML content.
. "$TIDINGS_SRCDIR/tests/lib.sh"

port=$(free_port)
B="http://127.0.0.1:$port"
export TIDINGS_TEST_NOW=1796083200

while read -r path group; do
	case "$path" in ''|'#'*) continue ;; esac
	$TIDINGS source add "$SRC/samples/$path" --group "$group" > /dev/null 2>&1
done < "$SRC/samples/sources.txt"
$TIDINGS source add "$SRC/samples/feeds/hostile.xml" > /dev/null 2>&1
$TIDINGS fetch > fetch.out 2>&1
$TIDINGS serve --listen "127.0.0.1:$port" --no-fetch > serve.out 2> serve.err &
pid=$!
at_exit "kill $pid 2>/dev/null"
for _ in $(seq 1 100); do
	curl -s -o /dev/null "$B/healthz" && break
	sleep 0.1
done

cat > feedcheck.py <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET

A = '{http://www.w3.org/2005/Atom}'
RFC3339 = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
ABS = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:')

def atom(data):
    bad = []
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return [f'not well-formed: {e}']
    if root.tag != A + 'feed':
        return [f'root is {root.tag}']
    def once(el, name, where):
        n = len(el.findall(A + name))
        if n != 1:
            bad.append(f'{where}: {n} <{name}>, want exactly 1')
    def atmost(el, name, where):
        if len(el.findall(A + name)) > 1:
            bad.append(f'{where}: more than one <{name}>')
    def date(el, name, where):
        for d in el.findall(A + name):
            if not RFC3339.match(d.text or ''):
                bad.append(f'{where}: <{name}> {d.text!r} is not RFC 3339')
    def links(el, where):
        alts = set()
        for l in el.findall(A + 'link'):
            href = l.get('href')
            if not href or not ABS.match(href):
                bad.append(f'{where}: link href {href!r} not absolute')
            if (l.get('rel') or 'alternate') == 'alternate':
                key = (l.get('type'), l.get('hreflang'))
                if key in alts:
                    bad.append(f'{where}: two alternate links of one type')
                alts.add(key)
        return alts
    for n in ('id', 'title', 'updated'):
        once(root, n, 'feed')
    date(root, 'updated', 'feed')
    if not any(l.get('rel') == 'self' for l in root.findall(A + 'link')):
        bad.append('feed: no rel=self link')
    links(root, 'feed')
    feed_author = root.find(A + 'author') is not None
    ids = set()
    for i, e in enumerate(root.findall(A + 'entry')):
        w = f'entry {i}'
        for n in ('id', 'title', 'updated'):
            once(e, n, w)
        for n in ('published', 'content', 'summary', 'rights', 'source'):
            atmost(e, n, w)
        date(e, 'updated', w)
        date(e, 'published', w)
        eid = e.findtext(A + 'id') or ''
        if not ABS.match(eid):
            bad.append(f'{w}: id {eid!r} is not an absolute IRI')
        if eid in ids:
            bad.append(f'{w}: id {eid} repeated')
        ids.add(eid)
        alts = links(e, w)
        c = e.find(A + 'content')
        if c is None and not alts:
            bad.append(f'{w}: no content and no alternate link')
        if c is not None:
            if c.get('type') not in (None, 'text', 'html', 'xhtml'):
                bad.append(f'{w}: content type {c.get("type")}')
            if c.get('type') == 'html' and len(list(c)):
                bad.append(f'{w}: html content holds elements, not escaped text')
        if not feed_author:
            a = e.find(A + 'author')
            if a is None or not (a.findtext(A + 'name') or '').strip():
                bad.append(f'{w}: no author')
        for cat in e.findall(A + 'category'):
            if not cat.get('term'):
                bad.append(f'{w}: category without term')
    return bad

def jsonfeed(data):
    bad = []
    try:
        f = json.loads(data)
    except ValueError as e:
        return [f'not JSON: {e}']
    if f.get('version') != 'https://jsonfeed.org/version/1.1':
        bad.append(f'version {f.get("version")!r}')
    if not isinstance(f.get('title'), str) or not f['title']:
        bad.append('no title')
    for k in ('home_page_url', 'feed_url'):
        if k in f and not (isinstance(f[k], str) and ABS.match(f[k])):
            bad.append(f'{k} not an absolute URL')
    items = f.get('items')
    if not isinstance(items, list):
        return bad + ['items is not an array']
    ids = set()
    for i, it in enumerate(items):
        w = f'item {i}'
        if not isinstance(it.get('id'), str) or not it['id']:
            bad.append(f'{w}: id must be a non-empty string')
        if it.get('id') in ids:
            bad.append(f'{w}: id repeated')
        ids.add(it.get('id'))
        if not any(isinstance(it.get(k), str) for k in ('content_html', 'content_text')):
            bad.append(f'{w}: neither content_html nor content_text')
        for k in ('date_published', 'date_modified'):
            if k in it and not RFC3339.match(str(it[k])):
                bad.append(f'{w}: {k} {it[k]!r} not RFC 3339')
        for k in ('url', 'external_url', 'image'):
            if k in it and not (isinstance(it[k], str) and ABS.match(it[k])):
                bad.append(f'{w}: {k} not an absolute URL')
        if 'tags' in it and not all(isinstance(t, str) for t in it['tags']):
            bad.append(f'{w}: tags must be strings')
        if 'authors' in it and not all(isinstance(a, dict) and
                any(k in a for k in ('name', 'url', 'avatar')) for a in it['authors']):
            bad.append(f'{w}: bad authors')
    return bad

kind, path = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
problems = atom(data) if kind == 'atom' else jsonfeed(data)
print('\n'.join(problems[:10]))
PY

check_feed() { # KIND URLPATH LABEL
	curl -s -D "f.h" -o f.body "$B$2"
	is "$3: 200" "$(head -1 f.h | cut -d' ' -f2)" "200"
	is "$3: valid" "$(python3 feedcheck.py "$1" f.body)" ""
}

check_feed atom "/tag/shipping.atom" "tag feed (Atom)"
contains "Atom content type" "$(grep -i '^Content-Type' f.h)" "application/atom+xml"
check "the tag feed has entries" grep -q '<entry>' f.body
check_feed json "/tag/shipping.json" "tag feed (JSON Feed)"
contains "JSON Feed content type" "$(grep -i '^Content-Type' f.h)" "application/feed+json"
for s in $(curl -s "$B/api/v1/sources" | python3 -c "import json,sys; print(' '.join(str(x['id']) for x in json.load(sys.stdin)['sources']))"); do
	check_feed atom "/source/$s.atom" "source $s feed (Atom)"
	check_feed json "/source/$s.json" "source $s feed (JSON Feed)"
done
check_feed atom "/search.atom?q=bridge" "search feed (Atom)"
check "the search feed has entries" grep -q '<entry>' f.body
check_feed json "/search.json?q=bridge&sort=relevance" "search feed (JSON Feed)"
check_feed atom "/search.atom?q=zzzznothing" "an empty search feed (Atom)"
check_feed atom "/tag/no-such-tag.atom" "an empty tag feed (Atom)"
is "a search feed without q is 400" "$(curl -s -o /dev/null -w '%{http_code}' "$B/search.atom")" "400"
is "an unknown source's feed is 404" "$(curl -s -o /dev/null -w '%{http_code}' "$B/source/9999.atom")" "404"
is "a source feed of another kind is 404" "$(curl -s -o /dev/null -w '%{http_code}' "$B/source/1.rss")" "404"
curl -s -H 'Host: evil"><x' "$B/tag/shipping.atom" > hosted.xml
is "a hostile Host header cannot break the feed" "$(python3 feedcheck.py atom hosted.xml)" ""

curl -s -D o.h -o sources.opml "$B/opml"
contains "/opml is served" "$(head -1 o.h)" "200"
is "/opml is well-formed and lists every source" "$(python3 -c "
import xml.etree.ElementTree as ET, sys
r = ET.parse('sources.opml').getroot()
print(len([o for o in r.iter('outline') if o.get('xmlUrl')]))")" "$(curl -s "$B/api/v1/sources" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['sources']))")"
check "/opml leaves out a site URL no reader may follow" bash -c "! grep -qi 'htmlUrl=\"javascript' sources.opml"
check "feeds are linked from the tag page" bash -c "curl -s '$B/tag/shipping' | grep -q 'type=\"application/atom+xml\"'"
done_testing
