#!/usr/bin/env bash
# The bundled sample feeds are what their generator writes, and they are
# what samples/README.md says (well-formed where meant to be, quirks
# present), and every one of them ingests.
. "$TIDINGS_SRCDIR/tests/lib.sh"
check "samples/validate.py finds no problem" python3 "$SRC/samples/validate.py"
check "the committed feeds are exactly what generate.py writes" \
	python3 "$SRC/samples/generate.py" --check
for f in "$SRC"/samples/feeds/*; do
	check "$(basename "$f") parses" sh -c "$TIDINGS parse '$f' > /dev/null"
done
done_testing
