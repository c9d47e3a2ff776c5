#!/usr/bin/env bash
# `tidings fetch --loop` runs as a daemon: rounds repeat as sources fall
# due, and SIGTERM lets the transfer in flight finish and commit before the
# process exits 0.
. "$TIDINGS_SRCDIR/tests/lib.sh"

cp -r "$SRC/tests/data/site" site
start_fixture_server site
export TIDINGS_FETCH_ALLOW_PRIVATE=true

# A feed that takes about three seconds to arrive.
printf '<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="slow" xmlUrl="%s/slow?seconds=3&amp;file=news.xml"/></body></opml>' \
	"$FIXTURE_URL" > subs.opml
$TIDINGS opml import subs.opml > /dev/null

$TIDINGS fetch --loop > loop.out 2> loop.err &
pid=$!
# Wait until the transfer has started, then ask the daemon to stop.
for i in $(seq 1 50); do
	grep -q 'GET /slow' fixture.err 2>/dev/null && break
	sleep 0.1
done
sleep 0.5
kill -TERM "$pid"
wait "$pid"; rc=$?
is "SIGTERM ends the daemon with status 0" "$rc" "0"
n=$($TIDINGS articles --json | json_get 'len(j)')
is "the transfer in flight was finished and committed" "$n" "3"
contains "it says it stopped" "$(cat loop.err)" "stopping"

# Without a signal the daemon keeps going: with nothing due it sleeps,
# and stops promptly when told even in the middle of a sleep.
$TIDINGS --set fetch.loop_idle=1h fetch --loop > loop2.out 2>&1 &
pid=$!
sleep 1
check "the daemon is still running while idle" kill -0 "$pid"
kill -INT "$pid"
wait "$pid"; rc=$?
is "SIGINT during the idle sleep exits 0" "$rc" "0"
done_testing
