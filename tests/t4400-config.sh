#!/usr/bin/env bash
# Settings: defaults < config file < TIDINGS_* environment < flags.
. "$TIDINGS_SRCDIR/tests/lib.sh"

get() { $TIDINGS "$@" config | sed -n "s/^$KEY = //p"; }
KEY=fetch.timeout
is "default" "$(get)" "20"
printf '# comment\nfetch.timeout = 45s\nfetch.max_body = 2M\n' > my.conf
export TIDINGS_CONFIG=$TEST_DIR/my.conf
is "config file" "$(get)" "45"
KEY=fetch.max_body
is "units in the file" "$(get)" "2097152"
KEY=fetch.timeout
is "environment beats the file" "$(TIDINGS_FETCH_TIMEOUT=2m get)" "120"
is "a flag beats the environment" "$(TIDINGS_FETCH_TIMEOUT=2m get --set fetch.timeout=7)" "7"
KEY=db
is "--db sets the database" "$(get --db /tmp/x.db)" "/tmp/x.db"
is "TIDINGS_DB sets the database" "$(TIDINGS_DB=/tmp/y.db get)" "/tmp/y.db"

out=$($TIDINGS --set fetch.timeout=0 config 2>&1); rc=$?
check "an out-of-range value is refused" [ "$rc" -ne 0 ]
contains "naming the key" "$out" "fetch.timeout"
out=$($TIDINGS --set no.such=1 config 2>&1); rc=$?
check "an unknown key is refused" [ "$rc" -ne 0 ]
printf 'fetch.timeout\n' > bad.conf
out=$(TIDINGS_CONFIG=$TEST_DIR/bad.conf $TIDINGS config 2>&1); rc=$?
check "a malformed line is refused" [ "$rc" -ne 0 ]
contains "with file and line" "$out" "bad.conf:1"
out=$(TIDINGS_CONFIG=$TEST_DIR/missing.conf $TIDINGS config 2>&1); rc=$?
check "a named config file must exist" [ "$rc" -ne 0 ]
done_testing
