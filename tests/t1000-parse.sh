#!/usr/bin/env bash
# t1000-parse.sh: `tidings parse` on one fixture per format and per quirk
# (src/feed/testdata), compared with the expected JSON Feed output as
# canonical JSON (so key order and white space do not matter), plus the
# failures that must be one clear line on stderr.
. "$TIDINGS_SRCDIR/tests/lib.sh"

DATA=$SRC/src/feed/testdata

canon() { # FILE: the JSON in FILE with sorted keys, or "invalid"
	python3 -c 'import json,sys
try: print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))
except Exception as e: print("invalid:", e)' "$1"
}

for exp in "$DATA"/*.expected.json; do
	base=$(basename "$exp" .expected.json)
	input=$(ls "$DATA/$base".* | grep -v '\.expected\.json$' | head -1)
	"$TIDINGS" parse "$input" > out.json 2> err.txt
	rc=$?
	is "$base: exit status" "$rc" 0
	is "$base: matches expected" "$(canon out.json)" "$(canon "$exp")"
done

# Reading from stdin gives the same result.
"$TIDINGS" parse - < "$DATA/rss20-full.xml" > stdin.json
is "stdin: same as file" "$(canon stdin.json)" "$(canon "$DATA/rss20-full.expected.json")"

# Failures: non-zero, nothing on stdout, one line on stderr.
fails() { # NAME FILE EXPECTED-TEXT
	local rc
	"$TIDINGS" parse "$2" > out.txt 2> err.txt
	rc=$?
	check "$1: fails" test "$rc" -ne 0
	is "$1: no output" "$(wc -c < out.txt | tr -d ' ')" 0
	is "$1: one line on stderr" "$(wc -l < err.txt | tr -d ' ')" 1
	contains "$1: message" "$(cat err.txt)" "$3"
}
fails "html page" "$DATA/page.html" "this is an HTML page, not a feed; \`tidings source add URL\` can discover its feeds"
fails "empty file" "$DATA/empty.xml" "the input is empty"
fails "binary" "$DATA/binary.bin" "binary data, not a feed"
fails "invalid json" "$DATA/invalid.json" "invalid JSON"
fails "opml" "$DATA/opml.xml" "OPML subscription list, not a feed"
fails "missing file" "$TEST_DIR/nope.xml" "nope.xml"
printf 'just some words\n' > words.txt
fails "plain text" words.txt "neither XML nor JSON"
printf '{"hello": "world"}' > other.json
fails "other json" other.json "not a JSON Feed"
printf '   \n\n  ' > blank.xml
fails "blank file" blank.xml "the input is blank"

# Usage errors exit 2.
"$TIDINGS" parse > /dev/null 2>&1
is "no file: usage" "$?" 2
"$TIDINGS" parse --bogus x > /dev/null 2>&1
is "unknown flag: usage" "$?" 2

# XXE and billion laughs: nothing outside the input is read, nothing
# expands.
"$TIDINGS" parse "$DATA/xxe.xml" > xxe.json
check "xxe: /etc/passwd not read" sh -c '! grep -q "root:" xxe.json'
"$TIDINGS" parse "$DATA/billion-laughs.xml" > bl.json
check "billion laughs: small output" test "$(wc -c < bl.json)" -lt 2000

# --base resolves relative links; --charset wins over the declaration.
cat > rel.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>e</title><id>1</id><link href="post/1"/>
<content type="html">&lt;a href="x.html"&gt;x&lt;/a&gt;</content></entry></feed>
XML
out=$("$TIDINGS" parse --base https://site.example/blog/ rel.xml)
contains "--base: link" "$out" '"url": "https://site.example/blog/post/1"'
contains "--base: body link" "$out" 'https://site.example/blog/x.html'
printf '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>caf\xe9</title></channel></rss>' > mislabelled.xml
out=$("$TIDINGS" parse --charset iso-8859-1 mislabelled.xml)
contains "--charset: decoded" "$out" '"title": "café"'
contains "--charset: reported" "$out" '"encoding": "windows-1252"'
out=$("$TIDINGS" parse mislabelled.xml)
contains "declared utf-8, latin-1 bytes: recovered" "$out" '"title": "café"'
contains "declared utf-8, latin-1 bytes: bozo" "$out" '"bozo": true'

# Output is valid UTF-8 whatever the input.
head -c 3000 /dev/urandom > junk.bin
printf '<rss version="2.0"><channel><title>' > mixed.xml
printf 'ok \xc3\xa9 then bad \xff\xfe\x80 end' >> mixed.xml
printf '</title></channel></rss>' >> mixed.xml
"$TIDINGS" parse mixed.xml > mixed.json
check "mixed bytes: valid UTF-8 JSON" python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' mixed.json

# A large generated feed streams through.
python3 - > big.xml <<'PY'
import sys
w = sys.stdout.write
w('<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>\n')
for i in range(3000):
    w('<item><title>Item %d</title><link>http://big.example/%d</link>'
      '<description>&lt;p&gt;Body %d &amp;amp; more&lt;/p&gt;</description></item>\n' % (i, i, i))
w('</channel></rss>\n')
PY
"$TIDINGS" parse big.xml > big.json
is "big feed: all items" "$(python3 -c 'import json; print(len(json.load(open("big.json"))["items"]))')" 3000

done_testing
