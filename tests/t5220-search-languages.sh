#!/usr/bin/env bash
# Search in each article's own language (schema step 10) over the bundled
# French, German and Arabic samples: another form of one of their words
# finds them, which English stemming (porter, before step 10) did not.
. "$TIDINGS_SRCDIR/tests/lib.sh"

for f in courrier-de-la-baie.rss.xml nordkuesten-rundschau.atom.xml \
    sada-alsahil.rss.xml meridian-wire.atom.xml; do
	$TIDINGS source add "$SRC/samples/feeds/$f" > /dev/null 2>&1
done
$TIDINGS --set analyze.enabled=false fetch > fetch.out 2>&1
is "the samples ingest" "$?" "0"

# "bureau" for "Les bureaux de vote" (porter: bureaux, bureau).
out=$($TIDINGS search bureau 2>&1)
contains "French: bureau finds bureaux" "$out" \
	"Élections provinciales : comment voter jeudi"
# "Land" for "in 11 Ländern", "Sitz" for "41 von 79 Sitzen".
out=$($TIDINGS search Land 2>&1)
contains "German: Land finds Ländern" "$out" \
	"Hafenstädte wollen Emissionen halbieren"
out=$($TIDINGS search Sitz 2>&1)
contains "German: Sitz finds Sitzen" "$out" "Machtwechsel in der Provinz Calder"
# "the elections" for "elections" in a title.
out=$($TIDINGS search 'الانتخابات' 2>&1)
contains "Arabic: al-intikhabat finds intikhabat" "$out" \
	"فوز التحالف الساحلي في انتخابات كالدر"
# English as before, and a prefix.
out=$($TIDINGS search 'majorities' 2>&1)
contains "English: majorities finds majority" "$out" \
	"Opposition wins majority in Calder provincial vote"
out=$($TIDINGS search 'Emiss*' 2>&1)
contains "a prefix finds the German word" "$out" \
	"Hafenstädte wollen Emissionen halbieren"
is "the index agrees with the articles" \
	"$($TIDINGS check > check.out 2>&1; echo $?)" "0"
done_testing
