/*
 * web/html.c: the context-escaping writer (see html.h).
 *
 * Escaping is done in runs: the bytes between two characters that need an
 * entity are copied with one append, which keeps long article texts cheap.
 * A NUL inside a counted string is dropped rather than passed on, since
 * browsers turn it into U+FFFD anyway and it has no place in our output.
 */
#include "base/common.h"

#include <stdio.h>
#include <strings.h>

#include "base/err.h"
#include "web/html.h"

static int
escape(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *ent;
	int rc;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case '\0': ent = ""; break;
		default: continue;
		}
		if (i > start && (rc = buf_append(b, s + start, i - start)) != 0)
			return rc;
		if ((rc = buf_puts(b, ent)) != 0)
			return rc;
		start = i + 1;
	}
	if (n > start)
		return buf_append(b, s + start, n - start);
	return 0;
}

int
web_html_text_n(struct buf *b, const char *s, size_t n)
{
	return s ? escape(b, s, n) : 0;
}

int
web_html_text(struct buf *b, const char *s)
{
	return s ? escape(b, s, strlen(s)) : 0;
}

int
web_html_attr(struct buf *b, const char *s)
{
	return s ? escape(b, s, strlen(s)) : 0;
}

static bool
scheme_char(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' ||
	    c == '.');
}

bool
web_html_url_ok(const char *url)
{
	static const char *const allowed[] = { "http", "https", "mailto" };
	const char *p;
	size_t i, n;

	if (url == NULL || *url == '\0')
		return false;
	/* Browsers strip leading blanks and drop tabs and newlines anywhere,
	 * so "java\tscript:" would still run; refuse any control byte and
	 * leading space instead of trying to guess what a browser keeps. */
	if (*url == ' ')
		return false;
	for (p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	/* The scheme, if any, ends at the first ':' before any / ? #. */
	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return true; /* a relative reference */
	for (i = 0; i < n; i++)
		if (!scheme_char(url[i], i == 0))
			return false;
	for (i = 0; i < ARRAY_LEN(allowed); i++)
		if (strlen(allowed[i]) == n && strncasecmp(url, allowed[i],
		    n) == 0)
			return true;
	return false;
}

int
web_html_url(struct buf *b, const char *url)
{
	if (!web_html_url_ok(url))
		return buf_putc(b, '#');
	return escape(b, url, strlen(url));
}

int
web_html_urlpart(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char enc[3];
	int rc;

	if (s == NULL)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			rc = buf_putc(b, c);
		} else {
			enc[0] = '%';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			rc = buf_append(b, enc, 3);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
web_html_int(struct buf *b, int64_t v)
{
	return buf_printf(b, "%lld", (long long)v);
}

int
web_html_safe(struct buf *b, struct web_safe_html h)
{
	return h.p ? buf_append(b, h.p, h.n) : 0;
}
