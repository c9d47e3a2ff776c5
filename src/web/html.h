/*
 * web/html.h: the one writer through which every page puts text on the wire.
 *
 * Each call knows the context it writes into and escapes for it: element
 * text, a quoted attribute value, or a URL inside an attribute. All of
 * & < > " ' are escaped in both text and attribute contexts, so a value is
 * safe in either even if a template puts it in the wrong one. URLs are
 * reduced to the schemes a reader may follow (http, https, mailto) or a
 * relative reference; anything else becomes "#".
 *
 * Markup itself enters only as a C string literal (WEB_LIT) or as sanitised
 * article HTML (struct web_safe_html), which may be made only from the
 * content_html that the store hands back: the ingest layer runs every
 * body through html_sanitize before storing it, and nothing else may be
 * wrapped in that type. No page writes a model string with buf_puts.
 *
 * All calls append to a struct buf and return 0 or ERR_NOMEM/ERR_TOOBIG
 * (the buffer's cap); a page stops rendering on the first failure.
 */
#ifndef TD_WEB_HTML_H
#define TD_WEB_HTML_H

#include "base/common.h"

#include "base/buf.h"

/* Markup known when the program is compiled. The "" s "" trick makes any
 * argument that is not a string literal a compile error. */
#define WEB_LIT(b, s) buf_append((b), "" s "", sizeof("" s "") - 1)

/* Element text. NULL writes nothing. */
int web_html_text(struct buf *b, const char *s);
int web_html_text_n(struct buf *b, const char *s, size_t n);

/* An attribute value; the caller writes the surrounding double quotes. */
int web_html_attr(struct buf *b, const char *s);

/* A URL for href or src, written as an attribute value (quotes by the
 * caller). Only http:, https:, mailto: and relative references pass; any
 * other scheme, control characters or an empty/NULL URL give "#". */
int web_html_url(struct buf *b, const char *url);

/* True when web_html_url would write url unchanged (not "#"). */
bool web_html_url_ok(const char *url);

/* Percent-encode s for one path segment or query value of a URL we build
 * ourselves (/tag/NAME, ?q=...): every byte but A-Z a-z 0-9 - . _ ~ is
 * written as %XX, so the result is also safe in an attribute. */
int web_html_urlpart(struct buf *b, const char *s);

/* A decimal integer. */
int web_html_int(struct buf *b, int64_t v);

/* Sanitised article HTML as the store returns it. Construct it only with
 * web_safe_html_from_store, and only from struct store_article's
 * content_html (or another field the store documents as sanitised). */
struct web_safe_html {
	const char *p;
	size_t n;
};

static inline struct web_safe_html
web_safe_html_from_store(const char *sanitised)
{
	struct web_safe_html h = { sanitised, sanitised ? strlen(sanitised)
	    : 0 };

	return h;
}

/* Write sanitised HTML as it is. */
int web_html_safe(struct buf *b, struct web_safe_html h);

#endif
