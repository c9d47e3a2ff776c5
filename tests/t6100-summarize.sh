#!/usr/bin/env bash
# t6100: tidings summarize — JSON shape, HTML and stdin input, languages,
# errors, and ROUGE-1/2/L against our reference summaries above the Lead-3
# baseline (src/nlp/testdata/summary: articles and references we wrote).
. "$TIDINGS_SRCDIR/tests/lib.sh"
D="$SRC/src/nlp/testdata/summary"

out=$("$TIDINGS" summarize "$D/01.txt")
is "exit status" "$?" 0
is "keys" "$(printf '%s' "$out" | json_get 'sorted(j)')" \
	'["key_points", "lang", "sentences", "summary"]'
is "language detected" "$(printf '%s' "$out" | json_get 'j["lang"]')" en
n=$(printf '%s' "$out" | json_get 'len(j["sentences"])')
check "2-3 summary sentences ($n)" test "$n" -ge 2 -a "$n" -le 3
n=$(printf '%s' "$out" | json_get 'len(j["key_points"])')
check "3-5 key points ($n)" test "$n" -ge 3 -a "$n" -le 5
is "summary joins its sentences" \
	"$(printf '%s' "$out" | json_get 'j["summary"] == " ".join(j["sentences"])')" True
is "dateline dropped from the lead" \
	"$(printf '%s' "$out" | json_get 'j["sentences"][0][:11]')" "Dock worker"

again=$("$TIDINGS" summarize - < "$D/01.txt")
is "stdin gives the same result" "$again" "$out"

printf '<html><body><h1>Storm floods towns</h1><p>A powerful storm flooded coastal towns across western Cuba on Tuesday, forcing 40,000 people from their homes.</p><p>Officials said three people had died and <b>dozens</b> were injured in the province.</p><p>Power was cut to about 80 percent of the province on Tuesday night.</p></body></html>' > page.html
out=$("$TIDINGS" summarize page.html)
contains "HTML input is converted" "$out" "dozens were injured"

for l in fr de es ar; do
	out=$("$TIDINGS" summarize "$SRC/src/nlp/testdata/lang/$l.txt")
	is "$l detected" "$(printf '%s' "$out" | json_get 'j["lang"]')" "$l"
	n=$(printf '%s' "$out" | json_get 'len(j["sentences"])')
	check "$l summary has sentences" test "$n" -ge 2
done
out=$("$TIDINGS" summarize --lang fr "$SRC/src/nlp/testdata/lang/fr.txt")
is "declared language wins" "$(printf '%s' "$out" | json_get 'j["lang"]')" fr

"$TIDINGS" summarize /nonexistent/file 2> err.txt
is "missing file exits 1" "$?" 1
contains "missing file names it" "$(cat err.txt)" "/nonexistent/file"
"$TIDINGS" summarize > /dev/null 2>&1
is "no argument is a usage error" "$?" 2
head -c 3000 /dev/urandom > binary.bin
"$TIDINGS" summarize binary.bin > bin.json
is "binary input does not crash" "$?" 0

# --lead N is the honest Lead-N: headline, byline and dateline out.
printf 'Plant closes after 80 years\n\nBy Dana Whitcombe, Staff Writer\n\nALLENTOWN, Pa. \xe2\x80\x94 The Baxter steel plant closed on Friday after 80 years, putting 900 people out of work.\n\nThe company said demand had fallen for a decade.\n\nShe was 87.\n' > wire.txt
out=$("$TIDINGS" summarize --lead 2 wire.txt)
is "--lead drops headline, byline and dateline" \
	"$(printf '%s' "$out" | json_get 'j["sentences"][0][:16]')" "The Baxter steel"
is "--lead takes the next sentence" \
	"$(printf '%s' "$out" | json_get 'j["sentences"][1][:11]')" "The company"

# No summary sentence of any of our sets (wire datelines, bylines, agency
# tags, credits) opens with furniture: a bracket, a dash, a dateline in
# capitals, or a piece of one the splitter cut ("LOUIS — ...").
bad=$(python3 - "$TIDINGS" "$SRC"/src/nlp/testdata/summary*/[0-9]*.txt <<'PY'
import json, re, subprocess, sys
bad = []
for f in sys.argv[2:]:
    out = subprocess.run([sys.argv[1], "summarize", f], capture_output=True,
                         text=True)
    s = json.loads(out.stdout)["sentences"] if out.returncode == 0 else None
    first = s[0] if s else ""
    if s is None or re.match(r"[(\u2014|-]|By ", first) or \
            re.match(r"[A-Z][A-Z.]+( [A-Z.]+)*(,| \u2014| -)", first):
        bad.append(f.split("/")[-2] + "/" + f.split("/")[-1])
print(" ".join(bad))
PY
)
is "no summary opens with furniture" "$bad" ""

python3 "$D/rouge.py" "$TIDINGS" "$D" > rouge.txt
is "scorer ran" "$?" 0
sed 's/^/# /' rouge.txt
read -r _ _ o1 o2 ol _ l1 l2 ll <<< "$(tail -1 rouge.txt)"
check "ROUGE-1 above Lead-3 ($o1 > $l1)" python3 -c "import sys; sys.exit(not $o1 > $l1)"
check "ROUGE-2 above Lead-3 ($o2 > $l2)" python3 -c "import sys; sys.exit(not $o2 > $l2)"
check "ROUGE-L above Lead-3 ($ol > $ll)" python3 -c "import sys; sys.exit(not $ol > $ll)"
# The same against a Lead-3 computed outside tidings (its own splitter,
# headline, byline and dateline removed), as an outside scorer would.
python3 "$SRC/src/nlp/testdata/summary_heldout/score.py" "$TIDINGS" "$D" > clean.txt
is "clean Lead-3 scorer ran" "$?" 0
tail -1 clean.txt | sed 's/^/# /'
read -r _ _ o1 o2 ol _ _ _ _ _ _ _ c1 c2 cl <<< "$(tail -1 clean.txt)"
check "ROUGE-1 above clean Lead-3 ($o1 > $c1)" python3 -c "import sys; sys.exit(not $o1 > $c1)"
check "ROUGE-2 above clean Lead-3 ($o2 > $c2)" python3 -c "import sys; sys.exit(not $o2 > $c2)"
check "ROUGE-L above clean Lead-3 ($ol > $cl)" python3 -c "import sys; sys.exit(not $ol > $cl)"
done_testing
