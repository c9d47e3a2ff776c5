/*
 * web/route.c: the table of pages and the dispatch of a request to one.
 *
 * Like cgit's cmd.c, the site is one table: method set, path pattern,
 * handler. A pattern is a literal path whose segments may be "{id}" (a
 * positive decimal integer, else no match) or "{}" (any non-empty segment,
 * percent-decoded; it must decode to valid UTF-8 without NUL); a final
 * "{*}" takes the rest of the path, decoded the same way. A path that
 * matches no pattern is a 404; one that matches only with another method
 * is a 405 with an Allow header. HEAD runs the GET handler; the server
 * sends the headers without the body.
 *
 * Handlers return 0 with r->status set, or a negative ERR_*: ERR_NOTFOUND
 * becomes the 404 page, ERR_INVAL the 400 page, ERR_TOOBIG the 413 page
 * and anything else the 500 page, whose text never shows the cause.
 */
#include "base/common.h"

#include "base/clock.h"
#include "base/log.h"
#include "base/str.h"
#include "base/utf8.h"
#include "web/web_int.h"

const struct web_route web_routes[] = {
	{ WEB_GET | WEB_HEAD, "/", "front", web_page_front },
	{ WEB_GET | WEB_HEAD, "/article/{id}", "article", web_page_article },
	{ WEB_GET | WEB_HEAD, "/source/{id}", "source", web_page_source },
	{ WEB_GET | WEB_HEAD, "/source/{}", "source_feed", web_feed_source },
	{ WEB_GET | WEB_HEAD, "/tag/{}", "tag", web_page_tag },
	{ WEB_GET | WEB_HEAD, "/entity/{id}", "entity", web_page_entity },
	{ WEB_GET | WEB_HEAD, "/search", "search", web_page_search },
	{ WEB_GET | WEB_HEAD, "/search.atom", "search_feed",
	  web_feed_search_atom },
	{ WEB_GET | WEB_HEAD, "/search.json", "search_feed_json",
	  web_feed_search_json },
	{ WEB_GET | WEB_HEAD, "/opml", "opml", web_page_opml },
	{ WEB_GET | WEB_HEAD, "/files/{*}", "files", web_page_file },
	{ WEB_GET | WEB_HEAD, "/static/{}", "static", web_page_static },
	{ WEB_GET | WEB_HEAD, "/healthz", "healthz", web_page_healthz },
	{ WEB_GET | WEB_HEAD, "/metrics", "metrics", web_page_metrics },
	{ WEB_GET | WEB_HEAD, "/api/v1/articles", "api_articles",
	  web_api_articles },
	{ WEB_GET | WEB_HEAD, "/api/v1/articles/{id}", "api_article",
	  web_api_article },
	{ WEB_GET | WEB_HEAD, "/api/v1/articles/{id}/ask", "api_ask",
	  web_api_ask },
	{ WEB_GET | WEB_HEAD, "/api/v1/search", "api_search", web_api_search },
	{ WEB_GET | WEB_HEAD, "/api/v1/sources", "api_sources",
	  web_api_sources },
	{ WEB_GET | WEB_HEAD, "/api/v1/tags", "api_tags", web_api_tags },
};

const size_t web_n_routes = ARRAY_LEN(web_routes);

void
web_req_init(struct web_req *r, const struct web_options *opt)
{
	memset(r, 0, sizeof(*r));
	r->opt = opt;
	r->route = -1;
	r->now = clock_now();
	r->status = 200;
	r->cache = WEB_CACHE_REVALIDATE;
	r->content_type = "text/html; charset=utf-8";
	buf_init(&r->body, opt && opt->max_page ? opt->max_page
	    : WEB_DEFAULT_MAX_PAGE);
	/* Decoded arguments and segments are bounded by the URL limit. */
	buf_init(&r->scratch, 0);
	buf_init(&r->params, 0);
}

void
web_req_release(struct web_req *r)
{
	buf_release(&r->body);
	buf_release(&r->scratch);
	buf_release(&r->params);
}

const char *
web_arg(const struct web_req *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n_args; i++)
		if (strcmp(r->args[i].key, key) == 0)
			return r->args[i].value;
	return NULL;
}

struct store *
web_store(struct web_req *r)
{
	return r->get_store ? r->get_store(r->store_ctx) : NULL;
}

int
web_decode(const char *s, size_t n, bool form, struct buf *out)
{
	size_t i, start = out->len;
	int rc;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (n - i < 3)
				return ERR_INVAL;
			hi = str_hexval(s[i + 1]);
			lo = str_hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return ERR_INVAL;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && form) {
			c = ' ';
		}
		if (c == '\0')
			return ERR_INVAL;
		if ((rc = buf_putc(out, c)) != 0)
			return rc;
	}
	if (!utf8_valid(out->p ? out->p + start : "", out->len - start))
		return ERR_INVAL;
	return 0;
}

/* Arguments point into r->scratch, which may move while it grows, so
 * offsets are collected first and turned into pointers at the end. */
int
web_parse_query(struct web_req *r, const char *query)
{
	size_t off[WEB_MAX_ARGS][2], n = 0, i;
	const char *p = query;
	int rc;

	while (p && *p && n < WEB_MAX_ARGS) {
		const char *amp = strchr(p, '&'), *eq;
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		size_t mark = r->scratch.len;

		eq = memchr(p, '=', len);
		if (eq != NULL && eq > p) {
			off[n][0] = r->scratch.len;
			rc = web_decode(p, (size_t)(eq - p), true, &r->scratch);
			if (rc == 0)
				rc = buf_putc(&r->scratch, '\0');
			off[n][1] = r->scratch.len;
			if (rc == 0)
				rc = web_decode(eq + 1, len - (size_t)(eq - p) -
				    1, true, &r->scratch);
			if (rc == 0)
				rc = buf_putc(&r->scratch, '\0');
			if (rc == ERR_NOMEM || rc == ERR_TOOBIG)
				return rc;
			if (rc == 0)
				n++;
			else
				buf_truncate(&r->scratch, mark);
		}
		p = amp ? amp + 1 : NULL;
	}
	for (i = 0; i < n; i++) {
		r->args[i].key = r->scratch.p + off[i][0];
		r->args[i].value = r->scratch.p + off[i][1];
	}
	r->n_args = n;
	return 0;
}

/* Match path against pattern; on success the decoded {} segments are in
 * r->param (decoded into seg, which the caller keeps alive). */
static bool
match(struct web_req *r, const char *pattern, const char *path,
    struct buf *seg, size_t segoff[WEB_MAX_PARAMS], size_t *nseg)
{
	const char *pp = pattern, *sp = path;

	*nseg = 0;
	buf_reset(seg);
	while (*pp && *sp) {
		if (!strcmp(pp, "{*}")) {
			/* The rest of the path, decoded; the handler checks
			 * each of its segments. */
			if (*nseg == WEB_MAX_PARAMS)
				return false;
			segoff[*nseg] = seg->len;
			if (web_decode(sp, strlen(sp), false, seg) != 0 ||
			    buf_putc(seg, '\0') != 0)
				return false;
			(*nseg)++;
			return true;
		}
		if (*pp == '{') {
			const char *close = strchr(pp, '}');
			size_t len = strcspn(sp, "/");
			bool is_id = close && close - pp == 3 &&
			    !strncmp(pp, "{id}", 4);

			if (close == NULL || len == 0 || *nseg == WEB_MAX_PARAMS)
				return false;
			if (is_id) {
				int64_t v;

				if (len > 18 || strspn(sp, "0123456789") != len
				    || str_to_i64((struct str){ sp, len }, 1,
				    INT64_MAX, &v) != 0)
					return false;
				r->id = v;
			}
			segoff[*nseg] = seg->len;
			if (web_decode(sp, len, false, seg) != 0 ||
			    buf_putc(seg, '\0') != 0)
				return false;
			(*nseg)++;
			pp = close + 1;
			sp += len;
			continue;
		}
		if (*pp != *sp)
			return false;
		pp++;
		sp++;
	}
	return *pp == '\0' && *sp == '\0';
}

void
web_handle(struct web_req *r)
{
	struct buf seg = BUF_INIT;
	size_t segoff[WEB_MAX_PARAMS], nseg = 0, i, k;
	unsigned want = 0, allowed = 0;
	int rc, path_match = -1;

	if (strcmp(r->method, "GET") == 0) {
		want = WEB_GET;
	} else if (strcmp(r->method, "HEAD") == 0) {
		want = WEB_HEAD;
		r->head = true;
	}
	buf_init(&seg, 0);
	for (i = 0; i < web_n_routes; i++) {
		if (!match(r, web_routes[i].pattern, r->path, &seg, segoff,
		    &nseg))
			continue;
		allowed |= web_routes[i].methods;
		if (web_routes[i].methods & want) {
			path_match = (int)i;
			break;
		}
		if (path_match < 0)
			path_match = -2 - (int)i;
	}
	if (path_match < -1) {
		r->route = -2 - path_match;
		r->allow = allowed & WEB_HEAD ? "GET, HEAD" : "GET";
		web_error_page(r, 405);
		buf_release(&seg);
		return;
	}
	if (path_match == -1) {
		web_error_page(r, 404);
		buf_release(&seg);
		return;
	}
	r->route = path_match;
	/* The decoded segments live as long as the request. */
	buf_release(&r->params);
	r->params = seg;
	for (k = 0; k < nseg; k++)
		r->param[k] = r->params.p + segoff[k];
	rc = web_routes[r->route].fn(r);
	if (rc == 0)
		return;
	if (rc == ERR_NOTFOUND) {
		web_error_page(r, 404);
	} else if (rc == ERR_INVAL) {
		web_error_page(r, 400);
	} else if (rc == ERR_TOOBIG) {
		/* The page outgrew its cap: our problem, not the client's. */
		log_warn("web %s: page over its size limit",
		    web_routes[r->route].name);
		web_error_page(r, 500);
	} else {
		log_error("web %s: %s", web_routes[r->route].name,
		    err_name(rc));
		web_error_page(r, 500);
	}
}
