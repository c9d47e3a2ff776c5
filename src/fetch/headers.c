/*
 * fetch/headers.c: the response headers tidings cares about.
 *
 * Every value comes from an untrusted server: each is length-capped,
 * numbers are range-checked, and anything malformed is ignored rather than
 * guessed at (an unparseable Retry-After means "no advice", not "retry
 * now"). Dates go through curl_getdate, which knows the three HTTP-date
 * forms.
 */
#include "base/common.h"

#include <curl/curl.h>

#include "base/err.h"
#include "base/str.h"
#include "fetch/fetch_int.h"

/* Longest media type or charset name we accept. */
#define FETCH_MAX_TOKEN 127

void
fetch_headers_init(struct fetch_headers *h)
{
	memset(h, 0, sizeof(*h));
	h->max_age = -1;
	h->content_length = -1;
}

void
fetch_headers_release(struct fetch_headers *h)
{
	free(h->etag);
	free(h->last_modified);
	free(h->content_type);
	free(h->charset);
	fetch_headers_init(h);
}

static bool
is_token_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool
all_digits(struct str s)
{
	size_t i;

	for (i = 0; i < s.n; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	return s.n > 0;
}

static char *
lower_dup(struct str s)
{
	char *p = str_dup(s);
	size_t i;

	if (p == NULL)
		return NULL;
	for (i = 0; i < s.n; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] + 32);
	return p;
}

/* Split off the next ';'- or ','-separated piece of *s (quotes respected,
 * so a quoted ';' does not split). */
static struct str
next_piece(struct str *s, char sep)
{
	struct str piece = { s->p, 0 };
	bool quoted = false;

	while (piece.n < s->n) {
		char c = s->p[piece.n];

		if (c == '"')
			quoted = !quoted;
		else if (c == '\\' && quoted && piece.n + 1 < s->n)
			piece.n++;
		else if (c == sep && !quoted)
			break;
		piece.n++;
	}
	if (piece.n < s->n) {
		s->p += piece.n + 1;
		s->n -= piece.n + 1;
	} else {
		s->p += s->n;
		s->n = 0;
	}
	return str_trim(piece);
}

static struct str
unquote(struct str v)
{
	v = str_trim(v);
	if (v.n >= 2 && v.p[0] == '"' && v.p[v.n - 1] == '"') {
		v.p++;
		v.n -= 2;
	}
	return v;
}

static bool
all_token(struct str s)
{
	size_t i;

	if (s.n == 0 || s.n > FETCH_MAX_TOKEN)
		return false;
	for (i = 0; i < s.n; i++)
		if (!is_token_char((unsigned char)s.p[i]))
			return false;
	return true;
}

int
fetch_parse_content_type(struct str v, char **type, char **charset)
{
	struct str rest = v, mt, slash_l, slash_r;
	const char *slash;

	*type = NULL;
	*charset = NULL;
	mt = next_piece(&rest, ';');
	slash = memchr(mt.p, '/', mt.n);
	if (slash == NULL)
		return ERR_INVAL;
	slash_l = (struct str){ mt.p, (size_t)(slash - mt.p) };
	slash_r = (struct str){ slash + 1, mt.n - slash_l.n - 1 };
	if (!all_token(slash_l) || !all_token(slash_r) ||
	    mt.n > FETCH_MAX_TOKEN)
		return ERR_INVAL;
	if ((*type = lower_dup(mt)) == NULL)
		return ERR_NOMEM;
	while (rest.n > 0) {
		struct str param = next_piece(&rest, ';'), name, val;
		const char *eq = memchr(param.p, '=', param.n);

		if (eq == NULL)
			continue;
		name = str_trim((struct str){ param.p,
		    (size_t)(eq - param.p) });
		val = unquote((struct str){ eq + 1,
		    param.n - (size_t)(eq - param.p) - 1 });
		if (!str_ieq(name, STR_LIT("charset")) || !all_token(val))
			continue;
		free(*charset);
		if ((*charset = str_dup(val)) == NULL) {
			FREE_NULL(*type);
			return ERR_NOMEM;
		}
	}
	return 0;
}

int64_t
fetch_parse_http_date(struct str v)
{
	char tmp[128];
	time_t t;

	v = str_trim(v);
	if (v.n == 0 || v.n >= sizeof(tmp))
		return -1;
	memcpy(tmp, v.p, v.n);
	tmp[v.n] = '\0';
	t = curl_getdate(tmp, NULL);
	return t < 0 ? -1 : (int64_t)t;
}

int64_t
fetch_parse_retry_after(struct str v, int64_t now)
{
	int64_t secs, t;

	v = str_trim(v);
	if (v.n > 0 && v.p[0] >= '0' && v.p[0] <= '9') {
		/* Digits that overflow are still a (huge) delay: clamp. */
		if (str_to_i64(v, 0, INT64_MAX, &secs) != 0) {
			if (!all_digits(v))
				return 0;
			secs = FETCH_MAX_DELAY_SECONDS;
		}
		if (secs > FETCH_MAX_DELAY_SECONDS)
			secs = FETCH_MAX_DELAY_SECONDS;
		return now + secs;
	}
	t = fetch_parse_http_date(v);
	if (t <= 0)
		return 0;
	if (t > now + FETCH_MAX_DELAY_SECONDS)
		t = now + FETCH_MAX_DELAY_SECONDS;
	return t;
}

int64_t
fetch_parse_max_age(struct str v)
{
	int64_t age = -1;

	while (v.n > 0) {
		struct str d = next_piece(&v, ','), name, val;
		const char *eq = memchr(d.p, '=', d.n);
		int64_t n;

		if (eq == NULL)
			continue;
		name = str_trim((struct str){ d.p, (size_t)(eq - d.p) });
		if (!str_ieq(name, STR_LIT("max-age")))
			continue;
		val = unquote((struct str){ eq + 1,
		    d.n - (size_t)(eq - d.p) - 1 });
		if (str_to_i64(val, 0, INT64_MAX, &n) != 0)
			return -1; /* a malformed max-age is no advice */
		age = n > FETCH_MAX_DELAY_SECONDS ? FETCH_MAX_DELAY_SECONDS :
		    n;
	}
	return age;
}

static int
set_str(char **slot, struct str v)
{
	char *p;

	if (v.n == 0 || v.n > FETCH_MAX_HEADER_VALUE)
		return 0;
	if ((p = str_dup(v)) == NULL)
		return ERR_NOMEM;
	free(*slot);
	*slot = p;
	return 0;
}

/* "HTTP/1.1 200 OK" or "HTTP/2 304": start of a new response. */
static bool
status_line(struct str line, long *status)
{
	const char *sp;
	struct str code;
	int64_t n;

	if (!str_istarts(line, STR_LIT("HTTP/")))
		return false;
	sp = memchr(line.p, ' ', line.n);
	if (sp == NULL)
		return false;
	code = (struct str){ sp + 1, line.n - (size_t)(sp + 1 - line.p) };
	if (code.n > 3)
		code.n = 3;
	if (str_to_i64(code, 100, 999, &n) != 0)
		return false;
	*status = (long)n;
	return true;
}

int
fetch_headers_line(struct fetch_headers *h, const char *line, size_t n,
    int64_t now)
{
	struct str l = str_trim((struct str){ line, n }), name, v;
	const char *colon;
	long status;

	if (status_line(l, &status)) {
		fetch_headers_release(h);
		h->status = status;
		return 0;
	}
	colon = memchr(l.p, ':', l.n);
	if (colon == NULL)
		return 0;
	name = str_trim((struct str){ l.p, (size_t)(colon - l.p) });
	v = str_trim((struct str){ colon + 1,
	    l.n - (size_t)(colon + 1 - l.p) });
	if (str_ieq(name, STR_LIT("etag")))
		return set_str(&h->etag, v);
	if (str_ieq(name, STR_LIT("last-modified")))
		return set_str(&h->last_modified, v);
	if (str_ieq(name, STR_LIT("content-type"))) {
		char *type, *charset;
		int rc = fetch_parse_content_type(v, &type, &charset);

		if (rc == ERR_NOMEM)
			return rc;
		if (rc == 0) {
			free(h->content_type);
			free(h->charset);
			h->content_type = type;
			h->charset = charset;
		}
		return 0;
	}
	if (str_ieq(name, STR_LIT("retry-after"))) {
		h->retry_after = fetch_parse_retry_after(v, now);
		return 0;
	}
	if (str_ieq(name, STR_LIT("cache-control"))) {
		int64_t age = fetch_parse_max_age(v);

		if (age >= 0)
			h->max_age = age;
		return 0;
	}
	if (str_ieq(name, STR_LIT("expires"))) {
		int64_t t = fetch_parse_http_date(v);

		h->expires = t > 0 ? t : 0;
		return 0;
	}
	if (str_ieq(name, STR_LIT("content-length"))) {
		int64_t len;

		/* A length too large for int64 is still a length: too big. */
		if (str_to_i64(v, 0, INT64_MAX, &len) == 0)
			h->content_length = len;
		else if (all_digits(v))
			h->content_length = INT64_MAX;
		return 0;
	}
	return 0;
}
