/*
 * core/parse_pipe_test.c: bodies go in, batches and outcomes come out in
 * submission order, however far the worker runs ahead.
 */
#include "base/common.h"

#include <stdio.h>
#include <unistd.h>

#include "base/buf.h"
#include "core/parse_pipe.h"
#include "unit.h"

/* Write text to a temporary file and read it back as a fetched body. */
static bool
body_of(const char *text, struct fetch_result *res)
{
	char path[] = "/tmp/tidings-pipe-XXXXXX", url[64];
	struct fetch_request req = { url, NULL, NULL, NULL };
	struct fetch_config c;
	size_t n = strlen(text);
	int fd = mkstemp(path);
	bool ok;

	if (fd < 0) {
		CHECK(fd >= 0);
		return false;
	}
	ok = write(fd, text, n) == (ssize_t)n;
	close(fd);
	snprintf(url, sizeof(url), "file://%s", path);
	fetch_config_defaults(&c);
	c.allow_file = true;
	ok = ok && fetch_one(&c, &req, res) == 0 && res->body != NULL;
	unlink(path);
	CHECK(ok);
	return ok;
}

/* An RSS feed of n items titled "<tag> 0" .. "<tag> n-1". */
static char *
rss(const char *tag, int n)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
	    "<title>");
	buf_puts(&b, tag);
	buf_puts(&b, "</title><language>fr</language>");
	for (int i = 0; i < n; i++)
		buf_printf(&b, "<item><title>%s %d</title><guid>%s-%d</guid>"
		    "<description>text %d</description></item>", tag, i,
		    tag, i, i);
	buf_puts(&b, "</channel></rss>");
	return buf_detach(&b);
}

static bool
submit(struct parse_pipe *p, const char *text, void *user)
{
	struct fetch_result res;
	struct feed_opts fo = { 0 };
	int rc;

	if (!body_of(text, &res))
		return false;
	fo.base_url = "http://example.com/";
	rc = parse_pipe_submit(p, &res, &fo, user);
	CHECK_INT(rc, 0);
	CHECK(res.body == NULL); /* the pipe took it */
	fetch_result_release(&res);
	return rc == 0;
}

/* Take one job's events; returns the number of items, checks titles run
 * in order and the job ends with rc. */
static int
take_job(struct parse_pipe *p, const char *tag, void *user, int rc)
{
	struct parsed ev;
	char want[64];
	int n = 0;

	for (;;) {
		if (!parse_pipe_next(p, true, &ev)) {
			CHECK(!"no PARSED_DONE");
			return n;
		}
		CHECK(ev.user == user);
		for (size_t i = 0; i < ev.n_items; i++) {
			snprintf(want, sizeof(want), "%s %d", tag, n++);
			CHECK_STR(ev.items[i]->title, want);
		}
		if (ev.kind == PARSED_DONE) {
			CHECK_INT(ev.rc, rc);
			if (rc == 0)
				CHECK_STR(ev.feed.title, tag);
			parsed_release(&ev);
			return n;
		}
		CHECK(ev.n_items == 4); /* a full batch */
		parsed_release(&ev);
	}
}

TEST(parse_pipe_order_and_batches)
{
	struct parse_pipe *p = parse_pipe_new(4, 2);
	char *a = rss("alpha", 3), *b = rss("beta", 10), *c = rss("gamma", 0);
	int user[4];

	CHECK(p != NULL);
	if (p == NULL)
		return;
	CHECK(submit(p, a, &user[0]));
	CHECK(submit(p, b, &user[1]));
	CHECK(submit(p, "<html><body>not a feed</body></html>", &user[2]));
	CHECK(submit(p, c, &user[3]));
	CHECK_INT(parse_pipe_pending(p), 4);
	/* Only two events may wait: the worker blocks on beta meanwhile. */
	usleep(50 * 1000);
	CHECK_INT(take_job(p, "alpha", &user[0], 0), 3);
	CHECK_INT(take_job(p, "beta", &user[1], 0), 10);
	CHECK_INT(take_job(p, "none", &user[2], ERR_NOTFEED), 0);
	CHECK_INT(take_job(p, "gamma", &user[3], 0), 0);
	CHECK_INT(parse_pipe_pending(p), 0);
	{
		struct parsed ev;

		CHECK(!parse_pipe_next(p, true, &ev)); /* nothing pending */
		CHECK(!parse_pipe_next(p, false, &ev));
	}
	parse_pipe_free(p);
	free(a);
	free(b);
	free(c);
}

/* Freed with jobs queued, a worker blocked on a full queue, and events
 * nobody took: nothing leaks (the sanitizer build checks) or hangs. */
TEST(parse_pipe_free_mid_work)
{
	struct parse_pipe *p = parse_pipe_new(2, 1);
	char *big = rss("big", 50);
	struct parsed ev;

	CHECK(p != NULL);
	if (p == NULL)
		return;
	CHECK(submit(p, big, NULL));
	CHECK(submit(p, big, NULL));
	CHECK(submit(p, big, NULL));
	CHECK(parse_pipe_next(p, true, &ev));
	CHECK_INT(ev.kind, PARSED_BATCH);
	parsed_release(&ev);
	usleep(20 * 1000);
	parse_pipe_free(p);
	free(big);
}
