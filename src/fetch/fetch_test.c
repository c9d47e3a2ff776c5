/*
 * fetch_test.c: the fetcher against the real loopback fixture server
 * (tests/fixture_server.py), plus the pure parsers and the address policy.
 *
 * Each test starts its own server (the runner forks per test) and stops
 * it at the end; the server also exits on its own if the test dies. Time
 * limits are small so the whole file runs in seconds, and no check
 * depends on how fast anything ran.
 */
#include "base/common.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/err.h"
#include "base/str.h"
#include "fetch/fetch.h"
#include "fetch/fetch_int.h"
#include "unit.h"

struct fixture {
	pid_t pid;
	int port;
	char base[64]; /* "http://127.0.0.1:PORT" */
};

static void
fixture_stop(struct fixture *fx)
{
	if (fx->pid > 0) {
		kill(fx->pid, SIGTERM);
		waitpid(fx->pid, NULL, 0);
		fx->pid = 0;
	}
}

static bool
fixture_start(struct fixture *fx)
{
	char script[4096], dir[4096], line[64];
	int fds[2], n = 0;
	struct pollfd pfd;

	memset(fx, 0, sizeof(*fx));
	snprintf(script, sizeof(script), "%s",
	    unit_path("tests/fixture_server.py"));
	snprintf(dir, sizeof(dir), "%s", unit_path("src/fetch/testdata"));
	if (pipe(fds) != 0)
		return false;
	fx->pid = fork();
	if (fx->pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(fds[1], 1);
		if (null >= 0)
			dup2(null, 2);
		close(fds[0]);
		close(fds[1]);
		execlp("python3", "python3", script, dir, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (n < (int)sizeof(line) - 1 && poll(&pfd, 1, 10000) > 0) {
		if (read(fds[0], line + n, 1) != 1 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(fds[0]);
	if (fx->pid < 0 || sscanf(line, "PORT %d", &fx->port) != 1) {
		unit_fail(__FILE__, __LINE__, "fixture server did not start");
		fixture_stop(fx);
		return false;
	}
	snprintf(fx->base, sizeof(fx->base), "http://127.0.0.1:%d",
	    fx->port);
	return true;
}

static void
test_config(struct fetch_config *c)
{
	fetch_config_defaults(c);
	c->allow_private = true;
	c->timeout_ms = 5000;
	c->user_agent = "tidings-test/1";
}

/* Fetch base+path into r; returns r->code. */
static int
get(const struct fetch_config *c, const struct fixture *fx,
    const char *path, struct fetch_result *r)
{
	char url[1024];
	struct fetch_request req = { url, NULL, NULL, NULL };

	snprintf(url, sizeof(url), "%s%s", fx->base, path);
	return fetch_one(c, &req, r);
}

/* The body as a heap string ("" when none); caller frees. */
static char *
body_str(struct fetch_result *r)
{
	char *s = NULL;
	size_t n;

	if (fetch_body_slurp(r->body, (size_t)64 << 20, &s, &n) != 0)
		return NULL;
	return s;
}

static bool
is_pattern(const char *p, size_t off, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (char)('a' + (off + i) % 26))
			return false;
	return true;
}

/* How many times the server saw /count/<name>. */
static long
hits(const struct fixture *fx, const char *name)
{
	struct fetch_config c;
	struct fetch_result r;
	char path[256], *s;
	long n = -1;

	test_config(&c);
	snprintf(path, sizeof(path), "/hits/%s", name);
	if (get(&c, fx, path, &r) == 0 && (s = body_str(&r)) != NULL) {
		n = strtol(s, NULL, 10);
		free(s);
	}
	fetch_result_release(&r);
	return n;
}

TEST(fetch_http_200_with_validators)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	char *want, *got, url[128];
	size_t wn;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	CHECK_INT(get(&c, &fx, "/feed.xml", &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.content_type, "application/xml");
	CHECK(r.charset == NULL);
	CHECK(r.etag != NULL && r.etag[0] == '"');
	CHECK(r.last_modified != NULL);
	CHECK(r.moved_to == NULL);
	snprintf(url, sizeof(url), "%s/feed.xml", fx.base);
	CHECK_STR(r.final_url, url);
	want = unit_read_file("src/fetch/testdata/feed.xml", &wn);
	got = body_str(&r);
	CHECK_INT(fetch_body_size(r.body), wn);
	CHECK(want && got && strcmp(want, got) == 0);
	CHECK(!fetch_body_in_file(r.body));
	free(want);
	free(got);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_conditional_get_304)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	char url[256];
	struct fetch_request req = { url, "\"v1\"", NULL, NULL };

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	snprintf(url, sizeof(url), "%s/count/cond?etag=v1", fx.base);
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	CHECK_INT(r.status, 304);
	CHECK(r.body == NULL);
	CHECK_STR(r.etag, "\"v1\"");
	fetch_result_release(&r);
	CHECK_INT(hits(&fx, "cond"), 1);

	/* A stale validator gets the full answer. */
	req.etag = "\"v0\"";
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK(fetch_body_size(r.body) > 0);
	fetch_result_release(&r);
	CHECK_INT(hits(&fx, "cond"), 2);

	/* If-Modified-Since. */
	snprintf(url, sizeof(url), "%s/lastmod?t=1700000000", fx.base);
	req.etag = NULL;
	req.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	CHECK_INT(r.status, 304);
	CHECK(r.body == NULL);
	fetch_result_release(&r);
	req.last_modified = "Mon, 13 Nov 2023 22:13:20 GMT";
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
	fetch_result_release(&r);

	/* The static files answer 304 to their own validators. */
	CHECK_INT(get(&c, &fx, "/feed.xml", &r), 0);
	snprintf(url, sizeof(url), "%s/feed.xml", fx.base);
	req.etag = r.etag;
	req.last_modified = r.last_modified;
	{
		struct fetch_result r2;

		CHECK_INT(fetch_one(&c, &req, &r2), 0);
		CHECK_INT(r2.status, 304);
		fetch_result_release(&r2);
	}
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_request_headers_sent)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	char url[256], *s;
	struct fetch_request req = { url, "\"abc\"",
		"Tue, 14 Nov 2023 22:13:20 GMT", NULL };

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	snprintf(url, sizeof(url), "%s/headers", fx.base);
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	s = body_str(&r);
	CHECK(s && strstr(s, "\"if-none-match\": \"\\\"abc\\\"\""));
	CHECK(s && strstr(s, "\"if-modified-since\": \"Tue, 14 Nov 2023"));
	CHECK(s && strstr(s, "\"user-agent\": \"tidings-test/1\""));
	CHECK(s && strstr(s, "application/atom+xml"));
	CHECK(s && strstr(s, "application/feed+json"));
	CHECK(s && strstr(s, "\"accept-encoding\": \"") && strstr(s, "gzip"));
	free(s);
	fetch_result_release(&r);

	/* A validator carrying a line break is not sent at all. */
	req.etag = "\"x\"\r\nX-Evil: 1";
	req.last_modified = NULL;
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	s = body_str(&r);
	CHECK(s && !strstr(s, "x-evil") && !strstr(s, "if-none-match"));
	free(s);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_gzip_and_deflate_decoded)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	char *want, *got;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	want = unit_read_file("src/fetch/testdata/feed.xml", NULL);
	CHECK_INT(get(&c, &fx, "/gzip/feed.xml", &r), 0);
	got = body_str(&r);
	CHECK(want && got && strcmp(want, got) == 0);
	free(got);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/deflate/feed.xml", &r), 0);
	got = body_str(&r);
	CHECK(want && got && strcmp(want, got) == 0);
	free(got);
	fetch_result_release(&r);
	free(want);
	fixture_stop(&fx);
}

TEST(fetch_body_cap_on_decoded_bytes)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	c.max_body = 10000;
	/* Exactly at the cap is fine. */
	CHECK_INT(get(&c, &fx, "/big?bytes=10000", &r), 0);
	CHECK_INT(fetch_body_size(r.body), 10000);
	fetch_result_release(&r);
	/* No length given: stopped while reading. */
	CHECK_INT(get(&c, &fx, "/big?bytes=20000&length=none", &r),
	    ERR_TOOBIG);
	CHECK_STR(r.error, "body larger than 10000 bytes");
	CHECK(r.body == NULL);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/big?bytes=20000&chunked=1", &r), ERR_TOOBIG);
	fetch_result_release(&r);
	/* Small on the wire, large once decoded. */
	CHECK_INT(get(&c, &fx, "/big?bytes=200000&gzip=1", &r), ERR_TOOBIG);
	fetch_result_release(&r);
	/* A declared length over the cap is refused before reading. */
	CHECK_INT(get(&c, &fx, "/big?bytes=100&length=99999", &r),
	    ERR_TOOBIG);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/big?bytes=100&length=99999999999999999999999",
	    &r), ERR_TOOBIG);
	fetch_result_release(&r);
	/* Lying lengths: a short body is a broken transfer, a long one is
	 * cut at the declared length by HTTP framing. */
	CHECK_INT(get(&c, &fx, "/big?bytes=100&length=500", &r), ERR_NET);
	CHECK(r.body == NULL);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/big?bytes=5000&length=10", &r), 0);
	CHECK_INT(fetch_body_size(r.body), 10);
	fetch_result_release(&r);
	test_config(&c);
	CHECK_INT(get(&c, &fx, "/big?bytes=100&length=99999999", &r),
	    ERR_TOOBIG);
	CHECK_STR(r.error, "body larger than 15 MiB");
	fetch_result_release(&r);
	fixture_stop(&fx);
}

struct check_pattern {
	size_t off;
	bool ok;
	int calls;
};

static int
check_chunk(void *ctx, const char *data, size_t n)
{
	struct check_pattern *cp = ctx;

	if (!is_pattern(data, cp->off, n))
		cp->ok = false;
	cp->off += n;
	cp->calls++;
	return 0;
}

static int
stop_early(void *ctx, const char *data, size_t n)
{
	UNUSED(ctx);
	UNUSED(data);
	UNUSED(n);
	return 7;
}

TEST(fetch_large_body_spills_to_file)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	struct check_pattern cp = { 0, true, 0 };
	char *s = NULL;
	size_t n = 0;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	c.spill_bytes = 1000;
	CHECK_INT(get(&c, &fx, "/big?bytes=300000&chunked=1", &r), 0);
	CHECK_INT(fetch_body_size(r.body), 300000);
	CHECK(fetch_body_in_file(r.body));
	CHECK_INT(fetch_body_read(r.body, check_chunk, &cp), 0);
	CHECK(cp.ok);
	CHECK_INT(cp.off, 300000);
	CHECK(cp.calls > 1);
	/* Replays from the start every time. */
	cp = (struct check_pattern){ 0, true, 0 };
	CHECK_INT(fetch_body_read(r.body, check_chunk, &cp), 0);
	CHECK(cp.ok && cp.off == 300000);
	CHECK_INT(fetch_body_read(r.body, stop_early, NULL), 7);
	CHECK_INT(fetch_body_slurp(r.body, 1000, &s, &n), ERR_TOOBIG);
	CHECK(s == NULL);
	CHECK_INT(fetch_body_slurp(r.body, 300000, &s, &n), 0);
	CHECK_INT(n, 300000);
	CHECK(s && is_pattern(s, 0, n) && s[n] == '\0');
	free(s);
	fetch_result_release(&r);
	/* Below the threshold it stays in memory. */
	CHECK_INT(get(&c, &fx, "/big?bytes=1000", &r), 0);
	CHECK(!fetch_body_in_file(r.body));
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_body_api_edges)
{
	struct fetch_body *b = fetch_body_new(4);
	char *s = NULL;
	size_t n = 9;

	CHECK_INT(fetch_body_size(NULL), 0);
	CHECK_INT(fetch_body_read(NULL, stop_early, NULL), 0);
	CHECK_INT(fetch_body_slurp(NULL, 10, &s, &n), 0);
	CHECK(s && s[0] == '\0' && n == 0);
	free(s);
	CHECK(b != NULL);
	CHECK_INT(fetch_body_append(b, "abc", 3), 0);
	CHECK(!fetch_body_in_file(b));
	CHECK_INT(fetch_body_append(b, "defg", 4), 0);
	CHECK(fetch_body_in_file(b));
	CHECK_INT(fetch_body_slurp(b, 7, &s, &n), 0);
	CHECK_STR(s, "abcdefg");
	free(s);
	fetch_body_free(b);
	fetch_body_free(NULL);
	fetch_result_release(NULL);
}

TEST(fetch_timeouts)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	c.timeout_ms = 700;
	CHECK_INT(get(&c, &fx, "/stall?seconds=30", &r), ERR_TIMEOUT);
	CHECK(strstr(r.error, "timed out") != NULL);
	CHECK(r.body == NULL);
	CHECK(r.final_url != NULL);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/stall-headers?seconds=30", &r), ERR_TIMEOUT);
	fetch_result_release(&r);
	/* A slow but steady server within the limit is fine. */
	c.timeout_ms = 10000;
	CHECK_INT(get(&c, &fx, "/slow?seconds=0.3&bytes=6", &r), 0);
	CHECK_INT(fetch_body_size(r.body), 6);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_redirects_followed_and_classified)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	char want[256];

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	snprintf(want, sizeof(want), "%s/feed.xml", fx.base);

	CHECK_INT(get(&c, &fx, "/redirect/301?to=/feed.xml", &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.final_url, want);
	CHECK_STR(r.moved_to, want);
	CHECK(fetch_body_size(r.body) > 100);
	fetch_result_release(&r);

	/* 308 then 301: still permanent. */
	CHECK_INT(get(&c, &fx,
	    "/redirect/308?to=%2Fredirect%2F301%3Fto%3D%252Ffeed.xml", &r), 0);
	CHECK_STR(r.final_url, want);
	CHECK_STR(r.moved_to, want);
	fetch_result_release(&r);

	/* One temporary hop makes the chain temporary. */
	CHECK_INT(get(&c, &fx,
	    "/redirect/301?to=%2Fredirect%2F302%3Fto%3D%252Ffeed.xml", &r), 0);
	CHECK_STR(r.final_url, want);
	CHECK(r.moved_to == NULL);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/redirect/307?to=/feed.xml", &r), 0);
	CHECK(r.moved_to == NULL);
	fetch_result_release(&r);

	/* Absolute Location. */
	snprintf(want, sizeof(want), "/redirect/303?to=%s/status/200",
	    fx.base);
	CHECK_INT(get(&c, &fx, want, &r), 0);
	CHECK_INT(r.status, 200);
	fetch_result_release(&r);

	/* At most max_redirects hops. */
	CHECK_INT(get(&c, &fx, "/redirect-chain/5", &r), 0);
	CHECK_INT(r.status, 200);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/redirect-chain/6", &r), ERR_TOOBIG);
	CHECK(strstr(r.error, "too many redirects") != NULL);
	CHECK(r.final_url != NULL);
	fetch_result_release(&r);
	c.max_redirects = 0;
	CHECK_INT(get(&c, &fx, "/redirect/301?to=/feed.xml", &r), ERR_TOOBIG);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_redirect_scheme_refused)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	CHECK_INT(get(&c, &fx, "/redirect/302?to=file:///etc/passwd", &r),
	    ERR_DENIED);
	CHECK(strstr(r.error, "file") != NULL);
	CHECK(r.body == NULL);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/redirect/301?to=ftp://example.org/x", &r),
	    ERR_DENIED);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_error_statuses_reported)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;

	setenv("TIDINGS_TEST_NOW", "1700000000", 1);
	if (!fixture_start(&fx))
		return;
	test_config(&c);
	CHECK_INT(get(&c, &fx, "/status/410", &r), 0);
	CHECK_INT(r.status, 410);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/status/404", &r), 0);
	CHECK_INT(r.status, 404);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/retry-after/429?s=120", &r), 0);
	CHECK_INT(r.status, 429);
	CHECK_INT(r.retry_after, 1700000120);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/retry-after/503?at=1700003600", &r), 0);
	CHECK_INT(r.status, 503);
	CHECK_INT(r.retry_after, 1700003600);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_response_headers_parsed)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	CHECK_INT(get(&c, &fx, "/respond?body=x"
	    "&header=Content-Type:%20Application/RSS%2BXML;%20Charset=%22ISO-8859-1%22"
	    "&header=Cache-Control:%20public,%20max-age=600"
	    "&header=Expires:%20Wed,%2021%20Oct%202037%2007:28:00%20GMT"
	    "&header=ETag:%20W/%22w1%22", &r), 0);
	CHECK_STR(r.content_type, "application/rss+xml");
	CHECK_STR(r.charset, "ISO-8859-1");
	CHECK_INT(r.max_age, 600);
	CHECK_INT(r.expires, 2139722880);
	CHECK_STR(r.etag, "W/\"w1\"");
	CHECK_INT(r.retry_after, 0);
	fetch_result_release(&r);
	CHECK_INT(get(&c, &fx, "/respond?body=x&header=Expires:%200", &r), 0);
	CHECK_INT(r.expires, 0);
	CHECK_INT(r.max_age, -1);
	fetch_result_release(&r);
	fixture_stop(&fx);
}

TEST(fetch_header_value_parsers)
{
	char *t, *cs;

	CHECK_INT(fetch_parse_content_type(STR_LIT("text/HTML ; charset=UTF-8"),
	    &t, &cs), 0);
	CHECK_STR(t, "text/html");
	CHECK_STR(cs, "UTF-8");
	free(t);
	free(cs);
	CHECK_INT(fetch_parse_content_type(STR_LIT(
	    "application/xml; q=\"a;b\"; charset=\"koi8-r\""), &t, &cs), 0);
	CHECK_STR(t, "application/xml");
	CHECK_STR(cs, "koi8-r");
	free(t);
	free(cs);
	CHECK_INT(fetch_parse_content_type(STR_LIT("nonsense"), &t, &cs),
	    ERR_INVAL);
	CHECK(t == NULL && cs == NULL);
	CHECK_INT(fetch_parse_content_type(STR_LIT("te xt/html"), &t, &cs),
	    ERR_INVAL);
	CHECK_INT(fetch_parse_content_type(STR_LIT("text/"), &t, &cs),
	    ERR_INVAL);

	CHECK_INT(fetch_parse_http_date(STR_LIT(
	    "Tue, 14 Nov 2023 22:13:20 GMT")), 1700000000);
	CHECK_INT(fetch_parse_http_date(STR_LIT(
	    "Tuesday, 14-Nov-23 22:13:20 GMT")), 1700000000);
	CHECK_INT(fetch_parse_http_date(STR_LIT("Tue Nov 14 22:13:20 2023")),
	    1700000000);
	CHECK_INT(fetch_parse_http_date(STR_LIT("yesterday-ish")), -1);

	CHECK_INT(fetch_parse_retry_after(STR_LIT("30"), 1000), 1030);
	CHECK_INT(fetch_parse_retry_after(STR_LIT("-5"), 1000), 0);
	CHECK_INT(fetch_parse_retry_after(STR_LIT("soon"), 1000), 0);
	CHECK_INT(fetch_parse_retry_after(STR_LIT("99999999999999999999999"),
	    1000), 1000 + FETCH_MAX_DELAY_SECONDS);
	CHECK_INT(fetch_parse_retry_after(STR_LIT(
	    "Tue, 14 Nov 2023 22:13:20 GMT"), 1699999000), 1700000000);

	CHECK_INT(fetch_parse_max_age(STR_LIT("no-cache, max-age=60")), 60);
	CHECK_INT(fetch_parse_max_age(STR_LIT("MAX-AGE=\"5\"")), 5);
	CHECK_INT(fetch_parse_max_age(STR_LIT("s-maxage=5")), -1);
	CHECK_INT(fetch_parse_max_age(STR_LIT("max-age=abc")), -1);
	CHECK_INT(fetch_parse_max_age(STR_LIT("max-age=9999999999999")),
	    FETCH_MAX_DELAY_SECONDS);
}

TEST(fetch_reset_and_refused_are_net_errors)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	char url[128];
	struct fetch_request req = { url, NULL, NULL, NULL };
	int s;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	CHECK_INT(get(&c, &fx, "/reset", &r), ERR_NET);
	CHECK(r.error[0] != '\0');
	CHECK(r.body == NULL);
	fetch_result_release(&r);
	fixture_stop(&fx);

	/* A port that was free a moment ago: nothing listens there. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(s >= 0 && bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0 &&
	    getsockname(s, (struct sockaddr *)&sin, &len) == 0);
	close(s);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/feed.xml",
	    ntohs(sin.sin_port));
	CHECK_INT(fetch_one(&c, &req, &r), ERR_NET);
	CHECK(r.error[0] != '\0');
	fetch_result_release(&r);
}

TEST(fetch_private_addresses_refused)
{
	struct fixture fx;
	struct fetch_config c;
	struct fetch_result r;
	char url[128];
	struct fetch_request req = { url, NULL, NULL, NULL };

	if (!fixture_start(&fx))
		return;
	fetch_config_defaults(&c);
	c.timeout_ms = 5000;
	CHECK(!c.allow_private);
	CHECK_INT(get(&c, &fx, "/count/private", &r), ERR_DENIED);
	CHECK_STR(r.error, "refusing private address 127.0.0.1 "
	    "(set fetch.allow_private to allow)");
	fetch_result_release(&r);
	snprintf(url, sizeof(url), "http://localhost:%d/count/private",
	    fx.port);
	CHECK_INT(fetch_one(&c, &req, &r), ERR_DENIED);
	fetch_result_release(&r);
	snprintf(url, sizeof(url), "http://[::1]:%d/count/private", fx.port);
	CHECK_INT(fetch_one(&c, &req, &r), ERR_DENIED);
	CHECK(strstr(r.error, "::1") != NULL);
	fetch_result_release(&r);
	snprintf(url, sizeof(url), "http://[::ffff:127.0.0.1]:%d/count/private",
	    fx.port);
	CHECK_INT(fetch_one(&c, &req, &r), ERR_DENIED);
	fetch_result_release(&r);
	/* Refused before connecting: the server never saw a request. */
	CHECK_INT(hits(&fx, "private"), 0);
	fixture_stop(&fx);
}

/* Treat the fixture server's 127.0.0.1 as a public address, everything
 * else by the normal rules. */
static bool
all_but_127_0_0_1(void *ctx, const struct sockaddr *sa)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

	UNUSED(ctx);
	if (sa->sa_family == AF_INET &&
	    in->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
		return false;
	return fetch_addr_is_private(sa);
}

struct collected {
	int n;
	int codes[16];
	long status[16];
	char error[16][256];
	void *user[16];
	struct fetcher *f;
	char add_url[256];
	volatile sig_atomic_t *stop;
};

static void
collect(void *ctx, const struct fetch_request *req, struct fetch_result *res)
{
	struct collected *c = ctx;

	if (c->n < 16) {
		c->codes[c->n] = res->code;
		c->status[c->n] = res->status;
		snprintf(c->error[c->n], sizeof(c->error[0]), "%s", res->error);
		c->user[c->n] = req->user;
	}
	c->n++;
	if (c->add_url[0]) {
		struct fetch_request more = { c->add_url, NULL, NULL,
			(void *)"added" };

		CHECK_INT(fetcher_add(c->f, &more), 0);
		c->add_url[0] = '\0';
	}
	if (c->stop)
		*c->stop = 1;
	fetch_result_release(res);
}

TEST(fetch_private_address_refused_after_redirect)
{
	struct fixture fx;
	struct fetch_config c;
	struct collected got;
	struct fetcher *f;
	char url[256];
	struct fetch_request req = { url, NULL, NULL, (void *)"plain" };
	int plain, redirected;

	memset(&got, 0, sizeof(got));
	if (!fixture_start(&fx))
		return;
	fetch_config_defaults(&c);
	c.timeout_ms = 5000;
	f = fetcher_new(&c);
	CHECK(f != NULL);
	fetcher_set_addr_filter(f, all_but_127_0_0_1, NULL);
	snprintf(url, sizeof(url), "%s/feed.xml", fx.base);
	CHECK_INT(fetcher_add(f, &req), 0);
	snprintf(url, sizeof(url),
	    "%s/redirect/302?to=http://127.0.0.2:%d/feed.xml", fx.base,
	    fx.port);
	req.user = (void *)"redirected";
	CHECK_INT(fetcher_add(f, &req), 0);
	CHECK_INT(fetcher_run(f, collect, &got, NULL), 0);
	CHECK_INT(got.n, 2);
	/* The two complete in either order. */
	plain = strcmp((const char *)got.user[0], "plain") == 0 ? 0 : 1;
	redirected = 1 - plain;
	CHECK_INT(got.codes[plain], 0);
	CHECK_INT(got.status[plain], 200);
	CHECK_INT(got.codes[redirected], ERR_DENIED);
	CHECK_STR(got.error[redirected], "refusing private address 127.0.0.2 "
	    "(set fetch.allow_private to allow)");
	fetcher_free(f);
	fixture_stop(&fx);
}

static bool
private_v4(const char *s)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (inet_pton(AF_INET, s, &sin.sin_addr) != 1) {
		unit_fail(__FILE__, __LINE__, "bad test address %s", s);
		return false;
	}
	return fetch_addr_is_private((struct sockaddr *)&sin);
}

static bool
private_v6(const char *s)
{
	struct sockaddr_in6 sin6;

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	if (inet_pton(AF_INET6, s, &sin6.sin6_addr) != 1) {
		unit_fail(__FILE__, __LINE__, "bad test address %s", s);
		return false;
	}
	return fetch_addr_is_private((struct sockaddr *)&sin6);
}

TEST(fetch_addr_policy_ranges)
{
	static const char *const v4_private[] = { "0.0.0.0", "10.0.0.1",
		"10.255.255.255", "100.64.0.1", "100.127.255.254",
		"127.0.0.1", "127.1.2.3", "169.254.169.254", "172.16.0.1",
		"172.31.255.255", "192.168.1.1", "224.0.0.1",
		"239.255.255.250", "255.255.255.255", "240.0.0.1" };
	static const char *const v4_public[] = { "8.8.8.8", "1.1.1.1",
		"100.63.255.255", "100.128.0.1", "172.15.255.255",
		"172.32.0.1", "192.169.0.1", "93.184.216.34", "11.0.0.1" };
	static const char *const v6_private[] = { "::", "::1", "fe80::1",
		"fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
		"::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.1.1",
		"::ffff:100.64.0.1", "::127.0.0.1", "64:ff9b::a00:1",
		"2002:a00:1::1" };
	static const char *const v6_public[] = { "2001:4860:4860::8888",
		"2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808",
		"2002:808:808::1" };
	struct sockaddr other;
	char buf[64];
	struct sockaddr_in sin;
	size_t i;

	for (i = 0; i < ARRAY_LEN(v4_private); i++)
		if (!private_v4(v4_private[i]))
			unit_fail(__FILE__, __LINE__, "%s should be private",
			    v4_private[i]);
	for (i = 0; i < ARRAY_LEN(v4_public); i++)
		if (private_v4(v4_public[i]))
			unit_fail(__FILE__, __LINE__, "%s should be public",
			    v4_public[i]);
	for (i = 0; i < ARRAY_LEN(v6_private); i++)
		if (!private_v6(v6_private[i]))
			unit_fail(__FILE__, __LINE__, "%s should be private",
			    v6_private[i]);
	for (i = 0; i < ARRAY_LEN(v6_public); i++)
		if (private_v6(v6_public[i]))
			unit_fail(__FILE__, __LINE__, "%s should be public",
			    v6_public[i]);
	memset(&other, 0, sizeof(other));
	other.sa_family = AF_UNIX;
	CHECK(fetch_addr_is_private(&other));
	CHECK(fetch_addr_is_private(NULL));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, "10.0.0.1", &sin.sin_addr);
	fetch_addr_format((struct sockaddr *)&sin, buf, sizeof(buf));
	CHECK_STR(buf, "10.0.0.1");
}

TEST(fetch_file_urls)
{
	struct fetch_config c;
	struct fetch_result r;
	char url[4200], path[4096];
	struct fetch_request req = { url, NULL, NULL, NULL };
	char *want, *got;

	test_config(&c);
	if (realpath(unit_path("src/fetch/testdata/feed.xml"), path) == NULL) {
		unit_fail(__FILE__, __LINE__, "no testdata");
		return;
	}
	snprintf(url, sizeof(url), "file://%s", path);
	CHECK_INT(fetch_one(&c, &req, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.final_url, url);
	want = unit_read_file("src/fetch/testdata/feed.xml", NULL);
	got = body_str(&r);
	CHECK(want && got && strcmp(want, got) == 0);
	free(want);
	free(got);
	fetch_result_release(&r);

	snprintf(url, sizeof(url), "file://%s.missing", path);
	CHECK_INT(fetch_one(&c, &req, &r), ERR_NOTFOUND);
	CHECK(strstr(r.error, "no such file") != NULL);
	fetch_result_release(&r);

	/* The cap holds for files too. */
	snprintf(url, sizeof(url), "file://%s", path);
	c.max_body = 100;
	CHECK_INT(fetch_one(&c, &req, &r), ERR_TOOBIG);
	fetch_result_release(&r);

	test_config(&c);
	c.allow_file = false;
	CHECK_INT(fetch_one(&c, &req, &r), ERR_DENIED);
	fetch_result_release(&r);
}

TEST(fetch_bad_urls)
{
	struct fetch_config c;
	struct fetch_result r;
	struct fetch_request req = { "no scheme here", NULL, NULL, NULL };
	struct fetcher *f;

	test_config(&c);
	CHECK_INT(fetch_one(&c, &req, &r), ERR_INVAL);
	CHECK(r.final_url != NULL);
	fetch_result_release(&r);
	req.url = "gopher://example.org/";
	CHECK_INT(fetch_one(&c, &req, &r), ERR_DENIED);
	fetch_result_release(&r);
	req.url = "http:///nohost";
	CHECK(fetch_one(&c, &req, &r) != 0);
	fetch_result_release(&r);
	f = fetcher_new(&c);
	req.url = NULL;
	CHECK_INT(fetcher_add(f, &req), ERR_INVAL);
	CHECK_INT(fetcher_run(f, collect, NULL, NULL), 0);
	fetcher_free(f);
}

static long
inflight_max(const struct fixture *fx, bool reset)
{
	struct fetch_config c;
	struct fetch_result r;
	char *s;
	long n = -1;

	test_config(&c);
	if (get(&c, fx, reset ? "/inflight/reset" : "/inflight/max", &r) == 0
	    && (s = body_str(&r)) != NULL) {
		n = strtol(s, NULL, 10);
		free(s);
	}
	fetch_result_release(&r);
	return n;
}

TEST(fetch_concurrency_limits)
{
	struct fixture fx;
	struct fetch_config c;
	struct collected got;
	struct fetcher *f;
	char url[256];
	struct fetch_request req = { url, NULL, NULL, NULL };
	int i;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	c.max_total = 8;
	c.max_per_host = 2;
	f = fetcher_new(&c);
	snprintf(url, sizeof(url), "%s/inflight?ms=150", fx.base);
	for (i = 0; i < 6; i++)
		CHECK_INT(fetcher_add(f, &req), 0);
	memset(&got, 0, sizeof(got));
	CHECK_INT(fetcher_run(f, collect, &got, NULL), 0);
	CHECK_INT(got.n, 6);
	for (i = 0; i < 6; i++)
		CHECK_INT(got.status[i], 200);
	fetcher_free(f);
	i = (int)inflight_max(&fx, false);
	CHECK(i >= 1 && i <= 2);

	/* The global limit across two host names of the same server. */
	inflight_max(&fx, true);
	c.max_total = 1;
	c.max_per_host = 4;
	f = fetcher_new(&c);
	for (i = 0; i < 4; i++) {
		snprintf(url, sizeof(url), "http://%s:%d/inflight?ms=100",
		    i % 2 ? "localhost" : "127.0.0.1", fx.port);
		CHECK_INT(fetcher_add(f, &req), 0);
	}
	memset(&got, 0, sizeof(got));
	CHECK_INT(fetcher_run(f, collect, &got, NULL), 0);
	CHECK_INT(got.n, 4);
	fetcher_free(f);
	CHECK_INT(inflight_max(&fx, false), 1);
	fixture_stop(&fx);
}

TEST(fetch_stop_finishes_in_flight_and_cancels_rest)
{
	struct fixture fx;
	struct fetch_config c;
	struct collected got;
	struct fetcher *f;
	volatile sig_atomic_t stop = 0;
	char url[256];
	struct fetch_request req = { url, NULL, NULL, NULL };
	int i;

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	c.max_total = 1;
	f = fetcher_new(&c);
	snprintf(url, sizeof(url), "%s/status/200", fx.base);
	for (i = 0; i < 4; i++)
		CHECK_INT(fetcher_add(f, &req), 0);
	memset(&got, 0, sizeof(got));
	got.stop = &stop;
	CHECK_INT(fetcher_run(f, collect, &got, &stop), ERR_STOPPED);
	CHECK_INT(got.n, 4);
	CHECK_INT(got.codes[0], 0);
	CHECK_INT(got.status[0], 200);
	for (i = 1; i < 4; i++)
		CHECK_INT(got.codes[i], ERR_STOPPED);
	fetcher_free(f);
	fixture_stop(&fx);
}

TEST(fetch_done_may_add_requests)
{
	struct fixture fx;
	struct fetch_config c;
	struct collected got;
	struct fetcher *f;
	char url[256];
	struct fetch_request req = { url, NULL, NULL, (void *)"first" };

	if (!fixture_start(&fx))
		return;
	test_config(&c);
	f = fetcher_new(&c);
	memset(&got, 0, sizeof(got));
	got.f = f;
	snprintf(got.add_url, sizeof(got.add_url), "%s/status/201", fx.base);
	snprintf(url, sizeof(url), "%s/status/200", fx.base);
	CHECK_INT(fetcher_add(f, &req), 0);
	CHECK_INT(fetcher_run(f, collect, &got, NULL), 0);
	CHECK_INT(got.n, 2);
	CHECK_INT(got.status[0], 200);
	CHECK_STR(got.user[0], "first");
	CHECK_INT(got.status[1], 201);
	CHECK_STR(got.user[1], "added");
	/* The fetcher can run again. */
	CHECK_INT(fetcher_add(f, &req), 0);
	CHECK_INT(fetcher_run(f, collect, &got, NULL), 0);
	CHECK_INT(got.n, 3);
	fetcher_free(f);
	fixture_stop(&fx);
}
