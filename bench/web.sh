#!/usr/bin/env bash
# bench/web.sh: the reader's site under load, next to nginx in the same run.
#
# wrk (2 threads, 50 connections, 10 s each) on the article page, the front
# page and a search of `tidings serve` over a generated database of
# 1,000,000 articles, and on nginx serving the same article page's bytes
# as a static file; req/s and p50/p99 latency, plus the server's RSS at
# rest (after start-up, and again after the runs). Each tidings page is
# measured with the rendered-page cache (the default) and without it
# (serve.cache_ms=0), so both the served figure and the cost of rendering
# are on the table. A reader's article is seldom in the page cache, so the
# article page is also measured over random article ids (a wrk Lua
# script): mostly first views, whose related articles are computed then.
#
# The database is generated once (bench/out/bin/gen_db, through the
# store's own upsert) and kept in bench/out/web/. Targets (issue 3):
# article page >= 50% of nginx's req/s with p99 <= 10 ms; front page and
# search p99 <= 20 ms; RSS at rest <= 64 MB. Nothing here fails on a
# missed target: benchmarks report.
#
# Environment: TIDINGS, BENCH_BIN, BENCH_WEB_ARTICLES (default 1000000),
# BENCH_WEB_SECONDS (default 10), BENCH_WEB_DB (another copy of the
# database, e.g. to keep the kept related lists out of the shared one).
# Needs wrk and nginx (tools/setup.sh --bench installs them).
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
TIDINGS=$(realpath "${TIDINGS:-$here/../build/tidings}")
BIN=${BENCH_BIN:-$here/out/bin}
N=${BENCH_WEB_ARTICLES:-1000000}
SECS=${BENCH_WEB_SECONDS:-10}
OUT=$here/out/web
DB=${BENCH_WEB_DB:-$OUT/db-$N.db}
RESULTS=$here/out/web-results.md
WRK=(wrk -t2 -c50 -d"${SECS}s" --latency)

for tool in wrk nginx; do
	if ! command -v "$tool" > /dev/null && [ ! -x "/usr/sbin/$tool" ]; then
		echo "web.sh: $tool is missing (tools/setup.sh --bench installs it); skipped"
		exit 0
	fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
mkdir -p "$OUT"

if [ ! -s "$DB" ]; then
	echo "web.sh: generating $N articles into $DB (once; a few minutes)" >&2
	rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
	if ! "$BIN/gen_db" "$DB.tmp" "$N"; then
		echo "web.sh: gen_db failed" >&2
		exit 1
	fi
	# One checkpoint folds the WAL into the file before it is kept.
	TIDINGS_DB="$DB.tmp" "$TIDINGS" articles --limit 1 > /dev/null 2>&1
	rm -f "$DB.tmp-shm" "$DB.tmp-wal"
	mv "$DB.tmp" "$DB"
fi
read -r _ word < <("$BIN/gen_db" --words)

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# serve CACHE_MS: start tidings serve, set $port and $spid.
serve() {
	port=$(free_port)
	TIDINGS_DB="$DB" TIDINGS_SERVE_CACHE_MS=$1 "$TIDINGS" --log-level warn \
	    serve --listen "127.0.0.1:$port" --no-fetch > "$tmp/serve.out" \
	    2> "$tmp/serve.err" &
	spid=$!
	pids+=("$spid")
	for _ in $(seq 1 200); do
		curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
		sleep 0.05
	done
	echo "web.sh: tidings serve did not start" >&2
	cat "$tmp/serve.err" >&2
	exit 1
}

# Random article ids, a seed per wrk thread (each has its own Lua state).
cat > "$tmp/random.lua" <<EOF
local n = 0
function setup(thread)
	n = n + 1
	thread:set("seed", n)
end
function init()
	math.randomseed(os.time() * 16 + seed)
end
function request()
	return wrk.format("GET", "/article/" .. math.random(1, $N))
end
EOF

# One wrk run: prints "req/s p50_ms p99_ms"; more arguments go to wrk.
measure() {
	local url=$1
	shift
	"${WRK[@]}" "$@" "$url" > "$tmp/wrk.out" 2>&1
	grep -q 'Requests/sec' "$tmp/wrk.out" || sed 's/^/web.sh: wrk: /' "$tmp/wrk.out" >&2
	awk '
	function ms(v) {
		if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
		if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
		if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
		return v
	}
	/Requests\/sec:/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx/ { bad = $NF }
	END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad ? bad : 0 }
	' "$tmp/wrk.out"
}

serve 1000
B="http://127.0.0.1:$port"
rss_start=$(rss_kb "$spid")
article=$((N / 2))
search="/search?q=$word"
curl -s -o "$tmp/article.html" "$B/article/$article"
if [ ! -s "$tmp/article.html" ]; then
	echo "web.sh: no article $article in $DB" >&2
	exit 1
fi

# nginx: the article page's bytes as a static file, minimal config.
nport=$(free_port)
mkdir -p "$tmp/nginx/root"
cp "$tmp/article.html" "$tmp/nginx/root/article.html"
cat > "$tmp/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx;
	proxy_temp_path $tmp/nginx;
	fastcgi_temp_path $tmp/nginx;
	uwsgi_temp_path $tmp/nginx;
	scgi_temp_path $tmp/nginx;
	types { text/html html; }
	server {
		listen 127.0.0.1:$nport;
		root $tmp/nginx/root;
	}
}
EOF
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2> "$tmp/nginx/stderr" &
pids+=("$!")
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$nport/article.html" && break
	sleep 0.05
done

declare -A R
row() { # NAME URL [WRK ARGS]
	local name=$1
	shift
	R[$name]=$(measure "$@")
	echo "  $name: $(cut -d' ' -f1-3 <<< "${R[$name]}")" >&2
}
echo "web.sh: $N articles; wrk ${WRK[*]:1}" >&2
# The article page last in each server's turn: a slow render there holds
# its pool thread, and the runs after it would inherit the backlog.
row nginx "http://127.0.0.1:$nport/article.html"
row front "$B/"
row search "$B$search"
row article "$B/article/$article"
row article_rand "$B/" -s "$tmp/random.lua"
rss_after=$(rss_kb "$spid")
kill "$spid"
wait "$spid" 2>/dev/null
serve 0
B="http://127.0.0.1:$port"
row front_nc "$B/"
row search_nc "$B$search"
row article_nc "$B/article/$article"
row article_rand_nc "$B/" -s "$tmp/random.lua"
rss_nc=$(rss_kb "$spid")

f() { cut -d' ' -f"$2" <<< "${R[$1]}"; }
ngx=$(f nginx 1)
pct() { awk -v a="$1" -v b="$ngx" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "missed" }'; }
{
	echo "## Web ($N articles, wrk -t2 -c50 -d${SECS}s, $(date -u +%Y-%m-%d))"
	echo
	echo "| what | req/s | vs nginx | p50 ms | p99 ms | target |"
	echo "|---|---|---|---|---|---|"
	echo "| nginx, article page as a static file | $ngx | 100% | $(f nginx 2) | $(f nginx 3) | reference |"
	echo "| article page | $(f article 1) | $(pct "$(f article 1)") | $(f article 2) | $(f article 3) | >= 50% of nginx: $(awk -v a="$(f article 1)" -v b="$ngx" 'BEGIN { print (a >= b / 2) ? "met" : "missed" }'); p99 <= 10 ms: $(verdict "$(f article 3)" 10) |"
	echo "| front page | $(f front 1) | $(pct "$(f front 1)") | $(f front 2) | $(f front 3) | p99 <= 20 ms: $(verdict "$(f front 3)" 20) |"
	echo "| search \`$word\` (~0.3% of articles match) | $(f search 1) | $(pct "$(f search 1)") | $(f search 2) | $(f search 3) | p99 <= 20 ms: $(verdict "$(f search 3)" 20) |"
	echo "| article page, random ids (first views) | $(f article_rand 1) | $(pct "$(f article_rand 1)") | $(f article_rand 2) | $(f article_rand 3) | (a reader's view) |"
	echo "| article page, no page cache | $(f article_nc 1) | $(pct "$(f article_nc 1)") | $(f article_nc 2) | $(f article_nc 3) | (rendering cost) |"
	echo "| article page, random ids, no page cache | $(f article_rand_nc 1) | $(pct "$(f article_rand_nc 1)") | $(f article_rand_nc 2) | $(f article_rand_nc 3) | (rendering cost) |"
	echo "| front page, no page cache | $(f front_nc 1) | $(pct "$(f front_nc 1)") | $(f front_nc 2) | $(f front_nc 3) | (rendering cost) |"
	echo "| search, no page cache | $(f search_nc 1) | $(pct "$(f search_nc 1)") | $(f search_nc 2) | $(f search_nc 3) | (query cost) |"
	echo
	echo "RSS of tidings serve: $((rss_start / 1024)) MB at rest after start-up" \
	    "(target <= 64 MB: $(verdict "$((rss_start / 1024))" 64)), $((rss_after / 1024)) MB" \
	    "after the cached runs, $((rss_nc / 1024)) MB after the uncached ones."
	echo "Database: $(du -m "$DB" | cut -f1) MB. Non-2xx responses: article $(f article 4), random articles $(f article_rand 4), front $(f front 4), search $(f search 4)."
} | tee "$RESULTS"
