#!/usr/bin/env bash
# Runs every test against one or more build folders (build, build/san) and
# ends with the line "N passed, N failed".
#
#   tests/run-all.sh BUILD... [-- PATTERN]
#
# For each build: the unit tests (BUILD/unit-tests), then every integration
# script tests/tNNNN-*.sh with TIDINGS pointing at BUILD/tidings. Each script
# prints TAP; every "ok" line counts as passed, every "not ok" as failed, and
# a script that exits non-zero without reporting a failure counts as one
# failure. Output of each script goes to BUILD/test-logs/.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
builds=()
pattern='t*.sh'
while [ $# -gt 0 ]; do
	case "$1" in
	--) shift; pattern="$1"; shift ;;
	*) builds+=("$1"); shift ;;
	esac
done
[ ${#builds[@]} -gt 0 ] || builds=(build)
# A second pattern after "--" lands here as a build: refuse it rather than
# write test logs into a new folder of the source tree.
for b in "${builds[@]}"; do
	if [ ! -d "$root/$b" ] && [ ! -d "$b" ]; then
		echo "run-all.sh: no build folder $b (one PATTERN after --)" >&2
		exit 2
	fi
done

passed=0
failed=0
export TIDINGS_SRCDIR="$root"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

count() { # LOGFILE EXITCODE NAME SECONDS
	local log=$1 rc=$2 name=$3 secs=$4 ok nok
	ok=$(grep -c '^ok ' "$log")
	nok=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
		nok=1
		echo "not ok - $name exited $rc" >> "$log"
	fi
	passed=$((passed + ok))
	failed=$((failed + nok))
	printf '%-32s %4d passed %4d failed %5ds\n' "$name" "$ok" "$nok" "$secs"
	if [ "$nok" -ne 0 ]; then
		grep -B3 -A12 '^not ok' "$log" | head -60 | sed 's/^/    /'
	fi
}

for b in "${builds[@]}"; do
	bdir=$(cd "$root/$b" 2>/dev/null && pwd) || bdir="$b"
	logs="$bdir/test-logs"
	mkdir -p "$logs"
	echo "== $b"
	if [ -x "$bdir/unit-tests" ]; then
		t0=$SECONDS
		(cd "$root" && "$bdir/unit-tests") > "$logs/unit.log" 2>&1
		count "$logs/unit.log" $? "unit" $((SECONDS - t0))
	else
		echo "not ok - $bdir/unit-tests missing" > "$logs/unit.log"
		count "$logs/unit.log" 1 "unit" 0
	fi
	for t in "$root"/tests/$pattern; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		t0=$SECONDS
		TIDINGS="$bdir/tidings" TEST_BUILD="$bdir" \
			timeout 900 bash "$t" > "$logs/$name.log" 2>&1
		count "$logs/$name.log" $? "$name" $((SECONDS - t0))
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
