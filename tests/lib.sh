# lib.sh: shared helpers for the integration scripts tests/tNNNN-*.sh.
#
# Source it first. It makes a fresh temporary folder (cd'd into, removed at
# exit), fixes the clock, points TIDINGS_DB at a fresh database, and offers
# TAP helpers. $TIDINGS is the binary under test (set by run-all.sh).
set -u
: "${TIDINGS:?run through tests/run-all.sh (TIDINGS unset)}"
: "${TIDINGS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
SRC=$TIDINGS_SRCDIR
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test.XXXXXX")
export TIDINGS_DB="$TEST_DIR/tidings.db"
unset TIDINGS_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME
export HOME="$TEST_DIR"
cd "$TEST_DIR" || exit 1
_cleanup_fns=()
at_exit() { _cleanup_fns+=("$*"); }
_on_exit() {
	local f
	for f in "${_cleanup_fns[@]}"; do eval "$f"; done
	cd / && rm -rf "$TEST_DIR"
}
trap _on_exit EXIT

_tap_n=0
ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }
not_ok() { _tap_n=$((_tap_n + 1)); echo "not ok $_tap_n - $*"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# is DESCRIPTION GOT EXPECTED
is() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1"; echo "#   got:      '$2'"; echo "#   expected: '$3'"; fi
}
# contains DESCRIPTION HAYSTACK NEEDLE
contains() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1"; echo "#   '$3' not found in:"; printf '%s\n' "$2" | head -20 | sed 's/^/#   /' ;;
	esac
}
done_testing() { echo "1..$_tap_n"; }

# free_port: an unused TCP port on loopback.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_fixture_server DIR: serve DIR with tests/fixture_server.py on a
# random loopback port; sets FIXTURE_PORT and FIXTURE_URL (no trailing /).
# The server is stopped when the script exits.
start_fixture_server() {
	local i
	python3 "$SRC/tests/fixture_server.py" "$1" > "$TEST_DIR/fixture.out" \
		2> "$TEST_DIR/fixture.err" &
	FIXTURE_PID=$!
	at_exit "kill $FIXTURE_PID 2>/dev/null; wait $FIXTURE_PID 2>/dev/null"
	for i in $(seq 1 100); do
		FIXTURE_PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$TEST_DIR/fixture.out")
		[ -n "$FIXTURE_PORT" ] && break
		sleep 0.1
	done
	FIXTURE_URL="http://127.0.0.1:$FIXTURE_PORT"
}

# json_get EXPR: evaluate a Python expression over the JSON on stdin,
# bound to j (e.g. json_get 'len(j)' or json_get 'j[0]["title"]').
json_get() {
	python3 -c 'import json,sys; j=json.load(sys.stdin); v=eval(sys.argv[1]); print(v if not isinstance(v,(dict,list)) else json.dumps(v, sort_keys=True))' "$1"
}
