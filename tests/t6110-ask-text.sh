#!/usr/bin/env bash
# t6110: tidings ask-text — answers with their file, nothing when the
# question shares no content with the texts, usage errors.
. "$TIDINGS_SRCDIR/tests/lib.sh"
D="$SRC/src/nlp/testdata/summary"

out=$("$TIDINGS" ask-text --question "Who will replace Ingrid Solberg?" "$D"/*.txt)
is "exit status" "$?" 0
contains "answer sentence" "$(printf '%s' "$out" | json_get 'j["answers"][0]["sentence"]')" "David Ohana"
contains "answer names its file" "$(printf '%s' "$out" | json_get 'j["answers"][0]["file"]')" "09.txt"
n=$(printf '%s' "$out" | json_get 'len(j["answers"])')
check "1-3 answers ($n)" test "$n" -ge 1 -a "$n" -le 3

out=$("$TIDINGS" ask-text --question "What is the boiling point of mercury?" "$D"/*.txt)
is "unrelated question: exit 0" "$?" 0
is "unrelated question: no answers" "$(printf '%s' "$out" | json_get 'len(j["answers"])')" 0

out=$("$TIDINGS" ask-text --question "Combien d'établissements sont concernés ?" "$SRC/src/nlp/testdata/lang/fr.txt")
contains "French question, French text" "$(printf '%s' "$out" | json_get 'j["answers"][0]["sentence"]')" "4 000"

"$TIDINGS" ask-text "$D/01.txt" > /dev/null 2>&1
is "no question: usage error" "$?" 2
"$TIDINGS" ask-text --question "x" /nonexistent > /dev/null 2>&1
is "missing file: exit 1" "$?" 1
done_testing
