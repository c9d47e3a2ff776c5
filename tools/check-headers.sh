#!/usr/bin/env bash
# Every header must compile on its own (after base/common.h is implied by
# its own includes). Prints TAP; exits non-zero if any header fails.
set -u
cd "$(dirname "$0")/.." || exit 1
cflags="-std=c11 -Wall -Wextra -Isrc -Itests $(pkg-config --cflags libxml-2.0 libcurl sqlite3 jansson libutf8proc 2>/dev/null)"
n=0
bad=0
for h in src/*/*.h; do
	n=$((n + 1))
	if echo "#include \"${h#src/}\"" | ${CC:-cc} $cflags -fsyntax-only -x c - 2> /tmp/check-headers.$$; then
		echo "ok $n - $h compiles on its own"
	else
		echo "not ok $n - $h compiles on its own"
		sed 's/^/# /' /tmp/check-headers.$$ | head -5
		bad=1
	fi
done
rm -f /tmp/check-headers.$$
exit $bad
