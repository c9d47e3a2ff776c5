#!/bin/sh
# Installs what tidings needs to build and test on Debian 12, and nothing
# more: only packages that are missing are installed (apt-get). Safe to
# run again. Used by both README commands and by .ci/run.
#
# The list is the single place dependencies are named; README.md says why
# each one was chosen.
set -eu

# Build: compiler, make, pkg-config and the libraries we link.
build_pkgs="gcc make pkg-config libc6-dev
	libxml2-dev libcurl4-openssl-dev libsqlite3-dev libjansson-dev
	libutf8proc-dev libstemmer-dev libmicrohttpd-dev libsodium-dev
	zlib1g-dev"
# Tests: the loopback fixture server (python3), HTTP checks (curl),
# sqlite3 for inspecting databases, procps for ps/pkill in kill tests.
test_pkgs="python3 curl sqlite3 procps"
# Browser tests: Debian's Chromium, driven by playwright-core from npm.
# Node.js may come from elsewhere (it does on our machines); only when
# there is none do we take Debian's nodejs and npm.
test_pkgs="$test_pkgs chromium"
command -v npm > /dev/null 2>&1 || test_pkgs="$test_pkgs nodejs npm"
# Benchmarks only (`tools/setup.sh --bench`, for `make bench`): the load
# generator and the static-file reference of bench/web.sh.
bench_pkgs="wrk nginx"
extra=""
[ "${1:-}" = "--bench" ] && extra="$bench_pkgs"

missing=""
for p in $build_pkgs $test_pkgs $extra ${TIDINGS_EXTRA_PKGS:-}; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "setup: installing$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
echo "setup: all build and test packages present${extra:+ (and the benchmarks')}" >&2
