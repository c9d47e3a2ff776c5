/*
 * feed/item.c: turning the raw text of feed fields into model fields.
 *
 * Every format ends here: bodies are sanitised once (html_sanitize, with
 * relative URLs resolved) and their plain text derived from the sanitised
 * HTML, so that nothing the sanitiser removed can reappear as text;
 * titles and names become one line of plain text; URLs become absolute
 * where a base is known and are otherwise kept as the feed gave them.
 */
#include "base/common.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

#include "base/buf.h"
#include "base/scan.h"
#include "base/url.h"
#include "base/utf8.h"
#include "feed/feed_int.h"
#include "html/html.h"

static bool
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
feed_squash(char *s)
{
	char *w = s;
	bool pending = false, started = false;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		/* U+00A0 (no-break space) is space in a one-line text. */
		if (is_ws(c) || (c == 0xC2 && (unsigned char)s[1] == 0xA0)) {
			if (c == 0xC2)
				s++;
			pending = started;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = false;
		started = true;
		*w++ = (char)c;
	}
	*w = '\0';
}

char *
feed_resolve(const char *base, const char *ref)
{
	struct buf b = BUF_INIT;
	char *r;
	size_t n;

	if (ref == NULL)
		return NULL;
	while (is_ws((unsigned char)*ref))
		ref++;
	n = strlen(ref);
	while (n > 0 && is_ws((unsigned char)ref[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	r = strndup(ref, n);
	if (r == NULL)
		return NULL;
	if (url_resolve(base, r, &b) == 0 && b.len > 0) {
		free(r);
		return buf_detach(&b);
	}
	buf_release(&b);
	return r;
}

char *
feed_web_url(char *url)
{
	if (url != NULL && (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0))
		return url;
	free(url);
	return NULL;
}

/* The scheme of url in lower case into out (cap bytes), skipping what a
 * browser skips: leading blanks and control bytes, and tabs and line
 * breaks anywhere ("java\tscript:" runs). Empty when there is none. */
static void
url_scheme(const char *url, char *out, size_t cap)
{
	size_t k = 0;

	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	for (; *url != '\0' && *url != ':' && k + 1 < cap; url++) {
		unsigned char c = (unsigned char)*url;

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (!isalnum(c) && c != '+' && c != '-' && c != '.') {
			k = 0;
			break;
		}
		out[k++] = (char)tolower(c);
	}
	if (*url != ':')
		k = 0;
	out[k] = '\0';
}

char *
feed_item_url(char *url)
{
	static const char *const run[] = { "javascript", "vbscript", "data",
	    "livescript" };
	char scheme[16];

	if (url == NULL)
		return NULL;
	url_scheme(url, scheme, sizeof(scheme));
	for (size_t i = 0; i < ARRAY_LEN(run); i++)
		if (strcmp(scheme, run[i]) == 0) {
			free(url);
			return NULL;
		}
	return url;
}

static bool
looks_like_markup(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] == '<' && (s[i + 1] == '/' || s[i + 1] == '!' ||
		    (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
		    (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
			return true;
	}
	return false;
}

char *
feed_plain(const char *s, size_t n, enum text_kind kind, bool one_line,
    int *rc)
{
	struct buf b = BUF_INIT, d = BUF_INIT;
	char *r = NULL;

	*rc = 0;
	if (s == NULL)
		return NULL;
	if (kind == TEXT_GUESS) {
		/* RSS titles: "&amp;eacute;" (double escaped) and "<b>" are
		 * both common; decode entities, then strip markup only when
		 * there is markup to strip, so that "a < b" survives. */
		if (memchr(s, '&', n) != NULL) {
			if ((*rc = html_decode_entities(s, n, &d)) != 0)
				goto out;
			s = d.p != NULL ? d.p : "";
			n = d.len;
		}
		kind = looks_like_markup(s, n) ? TEXT_HTML : TEXT_PLAIN;
	}
	if (kind == TEXT_HTML) {
		if ((*rc = html_to_text(s, n, &b, NULL)) != 0)
			goto out;
	} else if ((*rc = buf_append(&b, s, n)) != 0) {
		goto out;
	}
	if (b.p == NULL)
		goto out;
	if (one_line) {
		feed_squash(b.p);
		b.len = strlen(b.p);
	} else {
		size_t i = 0, j = b.len;

		while (i < j && is_ws((unsigned char)b.p[i]))
			i++;
		while (j > i && is_ws((unsigned char)b.p[j - 1]))
			j--;
		memmove(b.p, b.p + i, j - i);
		b.len = j - i;
		b.p[b.len] = '\0';
	}
	if (b.len > 0 && (r = buf_detach(&b)) == NULL)
		*rc = ERR_NOMEM;
out:
	buf_release(&b);
	buf_release(&d);
	return r;
}

/*
 * The text of sanitised HTML, without parsing it again.
 *
 * html_to_text would parse the body a second time, which doubled the cost
 * of every item. The sanitiser's output is regular (only allow-listed
 * elements, quoted attributes, no comments, scripts or styles), so one
 * scan over the tags gives the same text under the same rules as
 * html_to_text: blocks separated by a blank line, list items and rows by
 * a newline, cells by a space, <br> a newline, white space collapsed
 * outside <pre>, entities decoded.
 */
enum { TX_BLOCK = 1, TX_LINE = 2, TX_CELL = 4, TX_PRE = 8, TX_BR = 16 };

static int
tx_flags(const char *name, size_t n)
{
#define TX_TAG(name, flags) { name, sizeof(name) - 1, flags }
	static const struct {
		const char *name;
		size_t len;
		int flags;
	} tags[] = {
		/* Names of one or two letters are in the switch below. */
		TX_TAG("div", TX_BLOCK), TX_TAG("pre", TX_BLOCK | TX_PRE),
		TX_TAG("blockquote", TX_BLOCK), TX_TAG("table", TX_BLOCK),
		TX_TAG("figure", TX_BLOCK), TX_TAG("figcaption", TX_BLOCK),
		TX_TAG("caption", TX_BLOCK), TX_TAG("address", TX_BLOCK),
		TX_TAG("details", TX_BLOCK), TX_TAG("summary", TX_LINE),
	};
#undef TX_TAG
#define TX_TWO(a, b) ((unsigned)(a) << 8 | (unsigned)(b))
	char low[12];
	size_t i;

	/* Called for every tag of every body: the name is lowered once;
	 * the short names, most tags (p, a, em, li, h2), are told apart by
	 * a switch, the longer ones by length first. */
	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++)
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ?
		    (char)(name[i] | 0x20) : name[i];
	if (n == 1)
		return low[0] == 'p' ? TX_BLOCK : 0;
	if (n == 2) {
		switch (TX_TWO(low[0], low[1])) {
		case TX_TWO('b', 'r'):
			return TX_BR;
		case TX_TWO('u', 'l'): case TX_TWO('o', 'l'):
		case TX_TWO('h', '1'): case TX_TWO('h', '2'):
		case TX_TWO('h', '3'): case TX_TWO('h', '4'):
		case TX_TWO('h', '5'): case TX_TWO('h', '6'):
		case TX_TWO('h', 'r'): case TX_TWO('d', 'l'):
			return TX_BLOCK;
		case TX_TWO('l', 'i'): case TX_TWO('t', 'r'):
		case TX_TWO('d', 't'): case TX_TWO('d', 'd'):
			return TX_LINE;
		case TX_TWO('t', 'd'): case TX_TWO('t', 'h'):
			return TX_CELL;
		default:
			return 0;
		}
	}
#undef TX_TWO
	for (i = 0; i < ARRAY_LEN(tags); i++)
		if (tags[i].len == n && tags[i].name[0] == low[0] &&
		    memcmp(tags[i].name, low, n) == 0)
			return tags[i].flags;
	return 0;
}

struct fast_tx {
	struct buf *out;
	int newlines;
	bool space;
	int pre;
};

static int
ftx_flush(struct fast_tx *t)
{
	int rc = 0;

	if (t->out->len > 0) {
		if (t->newlines)
			rc = buf_append(t->out, "\n\n", (size_t)t->newlines);
		else if (t->space)
			rc = buf_putc(t->out, ' ');
	}
	t->newlines = 0;
	t->space = false;
	return rc;
}

static void
ftx_break(struct fast_tx *t, int flags)
{
	if (flags & TX_BLOCK)
		t->newlines = 2;
	else if ((flags & TX_LINE) && t->newlines < 1)
		t->newlines = 1;
	else if (flags & TX_CELL)
		t->space = true;
}

/* is_ws as a table, for the byte loop below. */
static const bool ws_byte[256] = {
	[' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
	['\f'] = true, ['\v'] = true,
};

static int
ftx_text(struct fast_tx *t, const char *p, size_t n)
{
	const char *end = p + n, *run;
	int rc = 0;

	if (t->pre) {
		while (t->out->len == 0 && p < end && is_ws((unsigned char)*p))
			p++;
		if (p == end)
			return 0;
		if ((t->newlines || t->space) && (rc = ftx_flush(t)) != 0)
			return rc;
		return buf_append(t->out, p, (size_t)(end - p));
	}
	while (p < end && rc == 0) {
		if (is_ws((unsigned char)*p)) {
			t->space = true;
			p++;
			continue;
		}
		if ((rc = ftx_flush(t)) != 0)
			return rc;
		/* Words one plain space apart come out as they are: the run
		 * goes in one piece, not a word at a time. */
		for (run = scan_words(p, end, true, '\0'); run < end; run++)
			if (ws_byte[(unsigned char)*run] && (*run != ' ' ||
			    run + 1 == end || ws_byte[(unsigned char)run[1]]))
				break;
		rc = buf_append(t->out, p, (size_t)(run - p));
		p = run;
	}
	return rc;
}

static int
sanitised_text(const char *h, size_t n, struct buf *out)
{
	struct fast_tx t = { out, 0, false, 0 };
	struct buf dec = BUF_INIT;
	size_t i = 0, j;
	int rc = 0;

	while (i < n && rc == 0) {
		if (h[i] != '<') {
			const char *lt = memchr(h + i, '<', n - i);

			j = lt ? (size_t)(lt - h) : n;
			if (memchr(h + i, '&', j - i) != NULL) {
				buf_reset(&dec);
				rc = html_decode_entities(h + i, j - i, &dec);
				if (rc == 0)
					rc = ftx_text(&t, dec.p ? dec.p : "",
					    dec.len);
			} else {
				rc = ftx_text(&t, h + i, j - i);
			}
			i = j;
			continue;
		}
		if (n - i >= 4 && memcmp(h + i, "<!--", 4) == 0) {
			const char *e = memmem(h + i, n - i, "-->", 3);

			i = e ? (size_t)(e - h) + 3 : n;
			continue;
		}
		{
			bool closing = i + 1 < n && h[i + 1] == '/';
			size_t name = i + 1 + closing, k = name;
			char q = 0;
			int flags;

			while (k < n && (isalnum((unsigned char)h[k])))
				k++;
			flags = tx_flags(h + name, k - name);
			/* Skip the tag, minding quoted attribute values. */
			for (; k < n; k++) {
				if (q) {
					if (h[k] == q)
						q = 0;
				} else if (h[k] == '"' || h[k] == '\'') {
					q = h[k];
				} else if (h[k] == '>') {
					break;
				}
			}
			i = k < n ? k + 1 : n;
			if ((flags & TX_BR) && !closing && t.newlines < 2)
				t.newlines++;
			ftx_break(&t, flags);
			if (flags & TX_PRE) {
				if (!closing)
					t.pre++;
				else if (t.pre > 0)
					t.pre--;
			}
		}
	}
	buf_release(&dec);
	while (out->len > 0 && is_ws((unsigned char)out->p[out->len - 1]))
		buf_truncate(out, out->len - 1);
	return rc;
}

/* Bodies up to this size get their buffers sized at once. */
#define FEED_BODY_PRESIZE_MAX (1u << 20)

int
feed_body(const char *html, size_t n, const char *base, char **out_html,
    char **out_text)
{
	struct buf h = BUF_INIT;
	int rc;

	*out_html = *out_text = NULL;
	/* The clean body is about as long as the input, its text shorter:
	 * room made once instead of a doubling at a time. */
	if (n <= FEED_BODY_PRESIZE_MAX && buf_grow(&h, n) != 0)
		return ERR_NOMEM;
	if ((rc = html_sanitize(html, n, base, &h, NULL)) != 0 || h.p == NULL)
		goto out;
	/* Surrounding white space (an Atom xhtml div's indentation) is
	 * not content. */
	{
		size_t i = 0, j = h.len;

		while (i < j && is_ws((unsigned char)h.p[i]))
			i++;
		while (j > i && is_ws((unsigned char)h.p[j - 1]))
			j--;
		if (i > 0)
			memmove(h.p, h.p + i, j - i);
		h.len = j - i;
		h.p[h.len] = '\0';
	}
	if (h.len == 0)
		goto out;
	{
		struct buf t = BUF_INIT;

		if ((h.len <= FEED_BODY_PRESIZE_MAX &&
		    (rc = buf_grow(&t, h.len)) != 0) ||
		    (rc = sanitised_text(h.p, h.len, &t)) != 0) {
			buf_release(&t);
			goto out;
		}
		if (t.len > 0 && (*out_text = buf_detach(&t)) == NULL)
			rc = ERR_NOMEM;
		buf_release(&t);
		if (rc != 0)
			goto out;
	}
	if ((*out_html = buf_detach(&h)) == NULL)
		rc = ERR_NOMEM;
out:
	if (rc != 0)
		FREE_NULL(*out_text);
	buf_release(&h);
	return rc;
}

int
feed_split_author(const char *s, char **name, char **email)
{
	const char *at, *lp, *rp, *lt, *gt;
	char *copy;
	int rc = 0;

	*name = *email = NULL;
	if ((copy = strdup(s)) == NULL)
		return ERR_NOMEM;
	feed_squash(copy);
	at = strchr(copy, '@');
	lp = strchr(copy, '(');
	rp = lp ? strrchr(lp, ')') : NULL;
	lt = strchr(copy, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (at != NULL && lp != NULL && rp != NULL && at < lp) {
		/* "jo@example.com (Jo Doe)" */
		*email = strndup(copy, (size_t)(lp - copy));
		*name = strndup(lp + 1, (size_t)(rp - lp - 1));
	} else if (at != NULL && lt != NULL && gt != NULL && at > lt &&
	    at < gt) {
		/* "Jo Doe <jo@example.com>" */
		*name = strndup(copy, (size_t)(lt - copy));
		*email = strndup(lt + 1, (size_t)(gt - lt - 1));
	} else if (at != NULL && strchr(copy, ' ') == NULL) {
		*email = strdup(copy);
	} else {
		*name = strdup(copy);
	}
	free(copy);
	if (*name != NULL) {
		feed_squash(*name);
		if (**name == '\0')
			FREE_NULL(*name);
	}
	if (*email != NULL) {
		feed_squash(*email);
		if (strncmp(*email, "mailto:", 7) == 0)
			memmove(*email, *email + 7, strlen(*email + 7) + 1);
		if (**email == '\0')
			FREE_NULL(*email);
	}
	return rc;
}
