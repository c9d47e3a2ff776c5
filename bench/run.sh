#!/usr/bin/env bash
# bench/run.sh: run every benchmark and its reference, interleaved, and
# report medians and ratios as a Markdown table (stdout and out/results.md).
#
# Called by bench/Makefile (`make bench`), which builds the programs and the
# corpus first. Each round runs every measurement once, in the same order,
# so that a noisy neighbour slows a measurement and its reference alike;
# BENCH_RUNS rounds (default 3) give the medians. Compare ratios, not
# absolute figures: wall-clock on shared 2-core machines varies up to 2x.
#
# A measurement whose program does not exist yet (the feed parser, `tidings
# fetch`) is reported as skipped. Nothing here fails on a missed target:
# benchmarks report, tests judge.
#
# Environment: TIDINGS (binary), BENCH_BIN (C programs), BENCH_CORPUS,
# BENCH_RUNS, BENCH_NEWSBOAT (1: newsboat in the first round only, the
# default, since it alone takes 40-90 s a round; all: every round; 0: not).

set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
RUNS=${BENCH_RUNS:-3}
TIDINGS=$(realpath "${TIDINGS:-$here/../build/tidings}")
BIN=${BENCH_BIN:-$here/out/bin}
CORPUS=${BENCH_CORPUS:-$here/out/corpus}
WORK=$here/out/run
RESULTS=$here/out/results.md
NEWSBOAT=${BENCH_NEWSBOAT:-1}
MEM_TARGET_MB=64

FEEDS_LST=$CORPUS/feeds.lst
FEEDS_OPML=$CORPUS/feeds.opml
ITEMS_TSV=$CORPUS/items.tsv
BIG=$CORPUS/big/big.xml

# The big feed exceeds fetch's default body cap (15 MB) on purpose; the
# ingest of it raises the cap so that what is measured is the streaming.
BIG_SETS=(--set fetch.max_body=1073741824 --set fetch.timeout=3600)

die() { echo "run.sh: $*" >&2; exit 1; }
note() { echo "[bench] $*" >&2; }

[ -x "$TIDINGS" ] || die "no tidings binary at $TIDINGS (run make bench)"
[ -f "$CORPUS/.complete" ] || die "no corpus at $CORPUS (make -C bench corpus)"
[ -x "$BIN/ref_xmlwalk" ] && [ -x "$BIN/ref_sqlite_insert" ] ||
	die "reference programs missing in $BIN (make -C bench programs)"
case $RUNS in ''|*[!0-9]*|0) die "BENCH_RUNS must be a positive number" ;; esac

rm -rf "$WORK"
mkdir -p "$WORK"
# A private copy: build/ is shared, and a rebuild by someone else in the
# middle of a run would change (or briefly remove) the binary under test.
TIDINGS_SRC=$TIDINGS
cp "$TIDINGS" "$WORK/tidings" || die "cannot copy $TIDINGS"
TIDINGS=$WORK/tidings
N_FEEDS=$(wc -l < "$FEEDS_LST")

# ---- helpers --------------------------------------------------------------

# kv KEY "k=v k=v ...": the value of KEY.
kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

# calc EXPR: floating-point arithmetic.
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# Samples per metric, space-separated; median of them.
declare -A S
add() { S[$1]="${S[$1]:-} $2"; }
median() {
	local v=${S[$1]:-}
	[ -n "${v// /}" ] || { echo ""; return; }
	tr ' ' '\n' <<<"$v" | sed '/^$/d' | sort -g |
		awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2];
		    else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Why a measurement was skipped or failed (first message wins).
declare -A WHY
why() { [ -n "${WHY[$1]:-}" ] || WHY[$1]=$2; }

fresh_db() { rm -f "$1" "$1-wal" "$1-shm"; }

# Runs "$@" under /usr/bin/time; sets T_SEC (wall) and T_RSS_KB (max RSS),
# returns the command's status. Output goes to $WORK/last.out/.err.
T_SEC=0 T_RSS_KB=0
timed() {
	local rc
	/usr/bin/time -o "$WORK/time.txt" -f '%e %M %U %S' "$@" \
		> "$WORK/last.out" 2> "$WORK/last.err"
	rc=$?
	# time prints "Command exited with non-zero status N" first on failure
	read -r T_SEC T_RSS_KB T_USER T_SYS < <(tail -n 1 "$WORK/time.txt")
	# CPU seconds over every thread (ingest parses on a second one)
	T_CPU=$(calc "$T_USER + $T_SYS")
	return $rc
}

first_err() { grep -v '^\[' "$WORK/last.err" | head -n 1 | cut -c1-160; }

# ---- what is available ------------------------------------------------------

help=$("$TIDINGS" --help 2>&1)
has_cmd() { grep -qE "^  $1( |$)" <<<"$help"; }

HAVE_LIBPARSE=0
[ -x "$BIN/bench_parse" ] && HAVE_LIBPARSE=1
[ $HAVE_LIBPARSE = 1 ] ||
	why libparse "skipped: libtidings.a has no feed parser (feed_parse_buffer) yet"

HAVE_CLIPARSE=0 PARSE_MULTI=0
first_feed=$(head -n 1 "$FEEDS_LST")
if "$TIDINGS" parse "$first_feed" > /dev/null 2> "$WORK/probe.err"; then
	HAVE_CLIPARSE=1
	# Several files in one run only if the synopsis says so.
	grep -E '^  parse ' <<<"$help" | grep -qE 'FILE( ?)\.\.\.' && PARSE_MULTI=1
else
	why cliparse "skipped: tidings parse failed: $(head -n 1 "$WORK/probe.err" | cut -c1-120)"
fi

HAVE_FETCH=0
if has_cmd fetch && has_cmd opml; then
	HAVE_FETCH=1
else
	why ingest "skipped: tidings fetch not available yet"
	why ingest_ai "skipped: tidings fetch not available yet"
	why bigingest "skipped: tidings fetch not available yet"
fi

HAVE_NEWSBOAT=0
if [ "$NEWSBOAT" != 0 ] && command -v newsboat > /dev/null; then
	HAVE_NEWSBOAT=1
	sed 's|^|file://|' "$FEEDS_LST" > "$WORK/newsboat.urls"
	: > "$WORK/newsboat.conf"
fi

printf '<?xml version="1.0"?>\n<opml version="2.0"><head><title>big</title>'\
'</head><body><outline type="rss" text="big" xmlUrl="file://%s"/></body></opml>\n' \
	"$BIG" > "$WORK/big.opml"

# ---- one round of every measurement -----------------------------------------

round() {
	local r=$1 out s items bytes db

	note "round $r/$RUNS: ref_xmlwalk"
	out=$("$BIN/ref_xmlwalk" -l "$FEEDS_LST") || die "ref_xmlwalk failed"
	s=$(kv seconds "$out"); items=$(kv items "$out"); bytes=$(kv bytes "$out")
	WALK_ITEMS=$items WALK_BYTES=$bytes
	add walk_ips "$(calc "$items / $s")"
	add walk_mbs "$(calc "$bytes / 1e6 / $s")"

	if [ $HAVE_LIBPARSE = 1 ]; then
		note "round $r/$RUNS: bench_parse (library, one process)"
		if out=$("$BIN/bench_parse" -l "$FEEDS_LST" 2> "$WORK/last.err"); then
			s=$(kv seconds "$out")
			add lib_ips "$(calc "$(kv items "$out") / $s")"
			add lib_mbs "$(calc "$(kv bytes "$out") / 1e6 / $s")"
			LIB_ITEMS=$(kv items "$out")
		else
			why libparse "failed: $(head -n 1 "$WORK/last.err")"
		fi
	fi

	if [ $HAVE_CLIPARSE = 1 ]; then
		note "round $r/$RUNS: tidings parse"
		local t0=$EPOCHREALTIME fails=0 f
		if [ $PARSE_MULTI = 1 ]; then
			xargs -a "$FEEDS_LST" -d '\n' "$TIDINGS" parse > /dev/null 2>&1 ||
				fails=1
		else
			while IFS= read -r f; do
				"$TIDINGS" parse "$f" > /dev/null 2> "$WORK/parse.err" || {
					[ $fails = 0 ] && why cliparse_first \
						"$(basename "$f"): $(head -n 1 "$WORK/parse.err" | cut -c1-120)"
					fails=$((fails + 1))
				}
			done < "$FEEDS_LST"
		fi
		s=$(calc "$EPOCHREALTIME - $t0")
		if [ $fails = 0 ]; then
			add cli_ips "$(calc "$WALK_ITEMS / $s")"
			add cli_mbs "$(calc "$WALK_BYTES / 1e6 / $s")"
		else
			why cliparse "failed: tidings parse failed on $fails of $N_FEEDS files (first: ${WHY[cliparse_first]:-?})"
		fi
	fi

	note "round $r/$RUNS: ref_sqlite_insert"
	db=$WORK/ref.db
	out=$("$BIN/ref_sqlite_insert" "$db" "$ITEMS_TSV") || die "ref_sqlite_insert failed"
	add sql_ips "$(kv items_per_s "$out")"
	fresh_db "$db"

	if [ $HAVE_FETCH = 1 ]; then
		note "round $r/$RUNS: tidings opml import + fetch (1,000 feeds)"
		db=$WORK/ingest.db
		fresh_db "$db"
		if "$TIDINGS" --db "$db" --log-level warn opml import "$FEEDS_OPML" \
			> "$WORK/import.out" 2> "$WORK/import.err"; then
			if timed "$TIDINGS" --db "$db" --log-level warn --set analyze.enabled=false fetch; then
				items=$(sed -n 's/.*: \([0-9]*\) new,.*/\1/p' "$WORK/last.out")
				if [ -n "$items" ] && [ "$items" -gt 0 ]; then
					add ingest_ips "$(calc "$items / $T_SEC")"
					add ingest_rss "$(calc "$T_RSS_KB / 1024")"
					INGEST_ITEMS=$items
					INGEST_LINE=$(head -n 1 "$WORK/last.out")
				else
					why ingest "failed: fetch stored no items: $(head -n 1 "$WORK/last.out")"
				fi
			else
				why ingest "failed: tidings fetch: $(first_err)"
			fi
		else
			why ingest "failed: tidings opml import: $(head -n 1 "$WORK/import.err")"
		fi
		fresh_db "$db"
	fi
	if [ $HAVE_FETCH = 1 ]; then
		note "round $r/$RUNS: tidings opml import + fetch (1,000 feeds, with analysis)"
		db=$WORK/ingest.db
		fresh_db "$db"
		if "$TIDINGS" --db "$db" --log-level warn opml import "$FEEDS_OPML" \
			> "$WORK/import.out" 2> "$WORK/import.err"; then
			if timed "$TIDINGS" --db "$db" --log-level warn fetch; then
				items=$(sed -n 's/.*: \([0-9]*\) new,.*/\1/p' "$WORK/last.out")
				if [ -n "$items" ] && [ "$items" -gt 0 ]; then
					add ingest_ai_ips "$(calc "$items / $T_SEC")"
					add ingest_ai_cpu_ips "$(calc "$items / $T_CPU")"
					add ingest_ai_rss "$(calc "$T_RSS_KB / 1024")"
										INGEST_AI_LINE=$(head -n 1 "$WORK/last.out")
				else
					why ingest_ai "failed: fetch stored no items: $(head -n 1 "$WORK/last.out")"
				fi
			else
				why ingest_ai "failed: tidings fetch: $(first_err)"
			fi
		else
			why ingest_ai "failed: tidings opml import: $(head -n 1 "$WORK/import.err")"
		fi
		fresh_db "$db"
	fi

	if [ $HAVE_NEWSBOAT = 1 ] && { [ "$NEWSBOAT" = all ] || [ "$r" = 1 ]; }; then
		note "round $r/$RUNS: newsboat -x reload (1,000 feeds)"
		db=$WORK/newsboat.db
		fresh_db "$db"; rm -f "$db.lock"
		mkdir -p "$WORK/nbhome"
		if HOME=$WORK/nbhome timed newsboat -u "$WORK/newsboat.urls" \
			-c "$db" -C "$WORK/newsboat.conf" -x reload; then
			items=$(sqlite3 "$db" 'SELECT count(*) FROM rss_item' 2>/dev/null)
			[ -n "$items" ] || items=$WALK_ITEMS
			add nb_ips "$(calc "$items / $T_SEC")"
			NB_ITEMS=$items
		else
			why newsboat "failed: newsboat: $(first_err)"
		fi
		fresh_db "$db"; rm -f "$db.lock"
	fi

	note "round $r/$RUNS: peak memory, 50,000-item feed"
	timed "$BIN/ref_xmlwalk" "$BIG" || die "ref_xmlwalk on the big feed failed"
	add walkbig_rss "$(calc "$T_RSS_KB / 1024")"
	BIG_ITEMS=$(kv items "$(cat "$WORK/last.out")")
	BIG_BYTES=$(kv bytes "$(cat "$WORK/last.out")")
	if [ $HAVE_CLIPARSE = 1 ]; then
		if timed "$TIDINGS" parse "$BIG"; then
			add cliparse_big_rss "$(calc "$T_RSS_KB / 1024")"
			add cliparse_big_s "$T_SEC"
		else
			why cliparsebig "failed: tidings parse: $(first_err)"
		fi
	fi
	if [ $HAVE_LIBPARSE = 1 ]; then
		if timed "$BIN/bench_parse" --stream "$BIG"; then
			add libparse_big_rss "$(calc "$T_RSS_KB / 1024")"
		else
			why libparsebig "failed: bench_parse --stream: $(first_err)"
		fi
	fi
	if [ $HAVE_FETCH = 1 ]; then
		db=$WORK/big.db
		fresh_db "$db"
		if "$TIDINGS" --db "$db" --log-level warn opml import "$WORK/big.opml" \
			> /dev/null 2> "$WORK/import.err"; then
			if timed "$TIDINGS" --db "$db" --log-level warn "${BIG_SETS[@]}" fetch &&
				grep -q ' [1-9][0-9]* new,' "$WORK/last.out"; then
				add bigingest_rss "$(calc "$T_RSS_KB / 1024")"
				add bigingest_ips "$(calc "$BIG_ITEMS / $T_SEC")"
				BIGINGEST_LINE=$(head -n 1 "$WORK/last.out")
			else
				why bigingest "failed: tidings fetch: $(first_err) $(head -n 1 "$WORK/last.out")"
			fi
		else
			why bigingest "failed: tidings opml import: $(head -n 1 "$WORK/import.err")"
		fi
		fresh_db "$db"
	fi
}

start=$EPOCHREALTIME
WALK_ITEMS=0 WALK_BYTES=0 LIB_ITEMS= INGEST_ITEMS= INGEST_LINE= INGEST_AI_LINE= NB_ITEMS=
BIG_ITEMS=0 BIG_BYTES=0 BIGINGEST_LINE=
for ((r = 1; r <= RUNS; r++)); do
	round "$r"
done
elapsed=$(calc "$EPOCHREALTIME - $start")

# ---- report -------------------------------------------------------------------

fmt0() { [ -n "$1" ] && awk "BEGIN { printf \"%.0f\", $1 }"; }
fmt1() { [ -n "$1" ] && awk "BEGIN { printf \"%.1f\", $1 }"; }
pct() { [ -n "$1" ] && [ -n "$2" ] && awk "BEGIN { printf \"%.0f%%\", 100 * $1 / $2 }"; }
# met ACTUAL OP LIMIT: yes/no
met() {
	[ -n "$1" ] || { echo "—"; return; }
	awk "BEGIN { print ($1 $2 $3) ? \"yes\" : \"**no**\" }"
}

m_walk_ips=$(median walk_ips) m_walk_mbs=$(median walk_mbs)
m_lib_ips=$(median lib_ips) m_lib_mbs=$(median lib_mbs)
m_cli_ips=$(median cli_ips) m_cli_mbs=$(median cli_mbs)
m_sql_ips=$(median sql_ips)
m_ingest_ips=$(median ingest_ips) m_ingest_rss=$(median ingest_rss)
m_ingest_ai_ips=$(median ingest_ai_ips) m_ingest_ai_rss=$(median ingest_ai_rss)
m_ingest_ai_cpu_ips=$(median ingest_ai_cpu_ips)
m_nb_ips=$(median nb_ips)
m_walkbig_rss=$(median walkbig_rss)
m_cliparse_big_rss=$(median cliparse_big_rss) m_cliparse_big_s=$(median cliparse_big_s)
m_libparse_big_rss=$(median libparse_big_rss)
m_bigingest_rss=$(median bigingest_rss) m_bigingest_ips=$(median bigingest_ips)

ratio() { [ -n "$1" ] && [ -n "$2" ] && calc "$1 / $2"; }

# row WHAT FIGURE REF RATIO TARGET MET
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
# skipped_row WHAT KEY REF TARGET
skipped_row() { row "$1" "${WHY[$2]:-no figure}" "$3" "—" "$4" "—"; }

walk_ref="$(fmt0 "$m_walk_ips") items/s, $(fmt1 "$m_walk_mbs") MB/s (ref_xmlwalk)"
report() {
	local cpu
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	echo "# tidings benchmarks"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'),"\
	     "$RUNS interleaved rounds, medians; $(fmt0 "$elapsed") s in all."
	echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr);"\
	     "libxml2 $(pkg-config --modversion libxml-2.0), SQLite $(pkg-config --modversion sqlite3)."
	echo "Command: \`make bench\` (BENCH_RUNS=$RUNS) = \`$here/run.sh\`;"\
	     "tidings is a copy of $TIDINGS_SRC taken at the start."
	echo "Corpus: $N_FEEDS feeds, $(fmt0 "$WALK_ITEMS") items, $(fmt1 "$(calc "$WALK_BYTES / 1e6")") MB;"\
	     "big feed $(fmt0 "$BIG_ITEMS") items, $(fmt1 "$(calc "$BIG_BYTES / 1e6")") MB."
	echo
	echo "| what | median | reference (median) | ratio | target | met? |"
	echo "|---|---|---|---|---|---|"

	local w="parse + sanitise, library (bench_parse, 1 process, 1,000 feeds)"
	if [ -n "$m_lib_ips" ]; then
		local q; q=$(ratio "$m_lib_ips" "$m_walk_ips")
		row "$w" "$(fmt0 "$m_lib_ips") items/s, $(fmt1 "$m_lib_mbs") MB/s" "$walk_ref" \
			"$(pct "$m_lib_ips" "$m_walk_ips")" "≥ 30%" "$(met "$q" ">=" 0.30)"
	else
		skipped_row "$w" libparse "$walk_ref" "≥ 30%"
	fi

	if [ $PARSE_MULTI = 1 ]; then
		w="\`tidings parse\` (all 1,000 files in one run)"
	else
		w="\`tidings parse\` (1 process per file: includes 1,000 start-ups and JSON output)"
	fi
	if [ -n "$m_cli_ips" ]; then
		local q; q=$(ratio "$m_cli_ips" "$m_walk_ips")
		row "$w" "$(fmt0 "$m_cli_ips") items/s, $(fmt1 "$m_cli_mbs") MB/s" "$walk_ref" \
			"$(pct "$m_cli_ips" "$m_walk_ips")" "≥ 30%" "$(met "$q" ">=" 0.30)"
	else
		skipped_row "$w" cliparse "$walk_ref" "≥ 30%"
	fi

	local sql_ref="$(fmt0 "$m_sql_ips") items/s (ref_sqlite_insert: WAL, 1,000 rows/txn, FTS5 porter)"
	w="full ingest: \`opml import\` + \`fetch --set analyze.enabled=false\` of 1,000 file:// feeds (parse, sanitise, dedupe, store, index)"
	if [ -n "$m_ingest_ips" ]; then
		local q; q=$(ratio "$m_ingest_ips" "$m_sql_ips")
		row "$w" "$(fmt0 "$m_ingest_ips") items/s" "$sql_ref" \
			"$(pct "$m_ingest_ips" "$m_sql_ips")" "≥ 80%" "$(met "$q" ">=" 0.80)"
	else
		skipped_row "$w" ingest "$sql_ref" "≥ 80%"
	fi

	w="full ingest with every analysis step (language, boilerplate, summary, entities, tags, keyphrases)"
	if [ -n "$m_ingest_ai_ips" ]; then
		# "On one core": items per CPU-second over all threads, not
		# wall time, which the parse worker's second core flatters.
		row "$w" "$(fmt0 "$m_ingest_ai_cpu_ips") items per CPU-second ($(fmt0 "$m_ingest_ai_ips") items/s wall)" "$sql_ref" \
			"$(pct "$m_ingest_ai_ips" "$m_sql_ips")" "≥ 2,000 items/s on one core" \
			"$(met "$(calc "$m_ingest_ai_cpu_ips / 2000")" ">=" 1.0)"
	else
		skipped_row "$w" ingest_ai "$sql_ref" "≥ 2,000 items/s"
	fi

	w="newsboat $(newsboat -v 2>/dev/null | head -n 1 | awk '{print $2}') cold ingest, same feeds (\`-x reload\`, file://)"
	if [ -n "$m_nb_ips" ]; then
		local ns; ns=$(wc -w <<<"${S[nb_ips]}")
		[ "$ns" -lt 2 ] && w="$w, 1 sample"
		row "$w" "$(fmt0 "$m_nb_ips") items/s" "$sql_ref" "$(pct "$m_nb_ips" "$m_sql_ips")" \
			"second reference" "—"
		if [ -n "$m_ingest_ips" ]; then
			row "tidings ingest vs newsboat" "$(fmt0 "$m_ingest_ips") items/s" \
				"$(fmt0 "$m_nb_ips") items/s (newsboat)" \
				"$(awk "BEGIN { printf \"%.1f×\", $m_ingest_ips / $m_nb_ips }")" "—" "—"
		fi
	else
		row "newsboat 2.21 cold ingest (file://)" \
			"not re-measured${WHY[newsboat]:+ (${WHY[newsboat]})}: ≈ 1,250 items/s per shared/notes/measured.md" \
			"≈ 6,300 items/s (SQLite+FTS5, measured.md)" "≈ 20%" "second reference" "—"
	fi

	local mem_ref="$(fmt1 "$m_walkbig_rss") MB (ref_xmlwalk, streamed)"
	w="peak memory: \`tidings parse\` of the 50,000-item feed"
	if [ -n "$m_cliparse_big_rss" ]; then
		row "$w" "$(fmt1 "$m_cliparse_big_rss") MB max RSS ($(fmt1 "$m_cliparse_big_s") s)" "$mem_ref" \
			"$(awk "BEGIN { printf \"%.1f×\", $m_cliparse_big_rss / $m_walkbig_rss }")" \
			"≤ $MEM_TARGET_MB MB" "$(met "$m_cliparse_big_rss" "<=" $MEM_TARGET_MB)"
	else
		skipped_row "$w" "$( [ -n "${WHY[cliparsebig]:-}" ] && echo cliparsebig || echo cliparse)" "$mem_ref" "≤ $MEM_TARGET_MB MB"
	fi
	w="peak memory: library parse of it, pushed in 64 KB chunks (bench_parse --stream)"
	if [ -n "$m_libparse_big_rss" ]; then
		row "$w" "$(fmt1 "$m_libparse_big_rss") MB max RSS" "$mem_ref" \
			"$(awk "BEGIN { printf \"%.1f×\", $m_libparse_big_rss / $m_walkbig_rss }")" \
			"≤ $MEM_TARGET_MB MB" "$(met "$m_libparse_big_rss" "<=" $MEM_TARGET_MB)"
	else
		skipped_row "$w" "$( [ -n "${WHY[libparsebig]:-}" ] && echo libparsebig || echo libparse)" "$mem_ref" "≤ $MEM_TARGET_MB MB"
	fi
	w="peak memory: \`tidings fetch\` ingesting the 50,000-item feed"
	if [ -n "$m_bigingest_rss" ]; then
		row "$w" "$(fmt1 "$m_bigingest_rss") MB max RSS ($(fmt0 "$m_bigingest_ips") items/s)" "$mem_ref" \
			"$(awk "BEGIN { printf \"%.1f×\", $m_bigingest_rss / $m_walkbig_rss }")" \
			"none set (report)" "—"
	else
		skipped_row "$w" bigingest "$mem_ref" "none set (report)"
	fi
	if [ -n "$m_ingest_rss" ]; then
		row "peak memory: \`tidings fetch\` of the 1,000 feeds" "$(fmt1 "$m_ingest_rss") MB max RSS" \
			"—" "—" "none set (report)" "—"
	fi

	echo
	echo "Ratios are of the medians of the same run. Samples (per round):"
	echo
	local k
	for k in walk_ips lib_ips cli_ips sql_ips ingest_ips ingest_ai_ips ingest_ai_cpu_ips nb_ips walkbig_rss \
		cliparse_big_rss libparse_big_rss bigingest_rss ingest_rss; do
		[ -n "${S[$k]:-}" ] && printf -- '- %s:%s\n' "$k" \
			"$(for v in ${S[$k]}; do printf ' %s' "$(fmt1 "$v")"; done)"
	done
	[ -n "$INGEST_LINE" ] && echo "- last \`tidings fetch\` (analysis off) said: $INGEST_LINE"
	[ -n "$INGEST_AI_LINE" ] && echo "- last \`tidings fetch\` (with analysis) said: $INGEST_AI_LINE"
	[ -n "$BIGINGEST_LINE" ] && echo "- last big \`tidings fetch\` said: $BIGINGEST_LINE"
	[ -n "$LIB_ITEMS" ] && [ "$LIB_ITEMS" != "$WALK_ITEMS" ] &&
		echo "- note: bench_parse delivered $LIB_ITEMS items, the walk counted $WALK_ITEMS"
	[ -n "$INGEST_ITEMS" ] && [ "$INGEST_ITEMS" != "$WALK_ITEMS" ] &&
		echo "- note: fetch stored $INGEST_ITEMS new items of $WALK_ITEMS"
	[ -n "$NB_ITEMS" ] && [ "$NB_ITEMS" != "$WALK_ITEMS" ] &&
		echo "- note: newsboat stored $NB_ITEMS items of $WALK_ITEMS"
	echo
	echo "Commands (per round, interleaved in this order):"
	echo
	echo "- \`$BIN/ref_xmlwalk -l $FEEDS_LST\`"
	echo "- \`$BIN/bench_parse -l $FEEDS_LST\`"
	if [ $PARSE_MULTI = 1 ]; then
		echo "- \`xargs -a $FEEDS_LST $TIDINGS parse > /dev/null\`"
	else
		echo "- \`while read f; do $TIDINGS parse \"\$f\" > /dev/null; done < $FEEDS_LST\`"
	fi
	echo "- \`$BIN/ref_sqlite_insert $WORK/ref.db $ITEMS_TSV\`"
	echo "- \`$TIDINGS --db $WORK/ingest.db opml import $FEEDS_OPML\`, then timed: \`$TIDINGS --db $WORK/ingest.db fetch\`"
	echo "- \`newsboat -u $WORK/newsboat.urls -c $WORK/newsboat.db -C /dev/null -x reload\` (empty config)"
	echo "- \`/usr/bin/time -f %M\` over: \`ref_xmlwalk $BIG\`, \`tidings parse $BIG\`, \`bench_parse --stream $BIG\`,"\
	     "\`tidings --db big.db ${BIG_SETS[*]} fetch\` after importing it"
}

report | tee "$RESULTS"
note "written to $RESULTS"
