#!/usr/bin/env bash
# Source layout rules (STYLE.md): headers compile on their own, includes
# point down the layers, external libraries stay in their directories,
# and the build is warning-free.
. "$TIDINGS_SRCDIR/tests/lib.sh"
cd "$SRC" || exit 1
tools/check-headers.sh | grep -v '^ok' | sed 's/^/# /'
check "every header compiles on its own" tools/check-headers.sh > /dev/null
out=$(tools/check-deps.sh)
check "includes point down the layers" [ $? -eq 0 ]
echo "$out" | grep '^#'
done_testing
