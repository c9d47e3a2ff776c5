#!/bin/sh
# The README's main job: ingest the sample feeds bundled in samples/ into a
# fresh database and show what was stored. (The web issue turns this into
# the demo site.)
#
#   tools/demo.sh [PATH/TO/tidings]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/tidings}
demo="$root/build/demo"
mkdir -p "$demo"
export TIDINGS_DB="$demo/tidings.db"
rm -f "$TIDINGS_DB" "$TIDINGS_DB-wal" "$TIDINGS_DB-shm"

# samples/sources.txt: one feed per line, "PATH [GROUP...]".
while read -r path group; do
	case "$path" in ''|'#'*) continue ;; esac
	if [ -n "$group" ]; then
		"$bin" source add "$root/samples/$path" --group "$group"
	else
		"$bin" source add "$root/samples/$path"
	fi
done < "$root/samples/sources.txt"
"$bin" fetch
echo
"$bin" source list
echo
echo "Newest articles:"
"$bin" articles --limit 15
echo
echo "Database: $TIDINGS_DB (try: TIDINGS_DB=$TIDINGS_DB $bin search harbour)"
